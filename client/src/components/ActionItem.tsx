// One action: owner, due date, status and its attributed history. The owner or the
// chair changes its status (with an optional note).
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ACTION_STATUSES } from "../../../shared/schemas";
import type { ActionView } from "../../../shared/types";
import { api } from "../api/tafel";
import { formatDate, formatDateTime } from "../format/date";
import { useAnnounce } from "../hooks/useAnnounce";
import { useSubmit } from "../hooks/useSubmit";
import { FormError } from "./FormError";

type Status = (typeof ACTION_STATUSES)[number];

function isStatus(value: string): value is Status {
  return (ACTION_STATUSES as readonly string[]).includes(value);
}

interface Props {
  tableId: string;
  action: ActionView;
  mayChange: boolean;
  onChanged(): void;
}

export function ActionItem({ tableId, action, mayChange, onChanged }: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [status, setStatus] = useState<Status>(action.status);
  const [note, setNote] = useState("");
  const update = useSubmit((next: Status, text: string) => api.updateAction(tableId, action.id, text ? { status: next, note: text } : { status: next }));

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const done = await update.run(status, note.trim());
    if (!done) return;
    setNote("");
    announce(t("actions.updated", { title: action.title, status: t(`actionStatuses.${done.status}`) }));
    onChanged();
  };

  return (
    <article className="item action" data-testid={`action-${action.id}`} data-status={action.status} aria-labelledby={`action-title-${action.id}`}>
      <div className="item-head">
        <h4 id={`action-title-${action.id}`} className="item-title">
          {action.title}
        </h4>
        <span className={`badge action-status action-status-${action.status}`}>{t(`actionStatuses.${action.status}`)}</span>
      </div>
      <p className="muted small">
        {t("actions.ownedBy", { name: action.owner.name })} · {t("actions.dueOn", { date: formatDate(action.due) })}
      </p>
      {mayChange ? (
        <form className="action-update" onSubmit={(e) => void onSubmit(e)} noValidate>
          <label className="visually-hidden" htmlFor={`action-status-${action.id}`}>
            {t("actions.statusFor", { title: action.title })}
          </label>
          <select
            id={`action-status-${action.id}`}
            className="input select input-compact"
            data-testid={`action-status-${action.id}`}
            value={status}
            onChange={(e) => {
              if (isStatus(e.target.value)) setStatus(e.target.value);
            }}
          >
            {ACTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`actionStatuses.${s}`)}
              </option>
            ))}
          </select>
          <label className="visually-hidden" htmlFor={`action-note-${action.id}`}>
            {t("actions.note")}
          </label>
          <input
            id={`action-note-${action.id}`}
            className="input input-compact"
            data-testid={`action-note-${action.id}`}
            placeholder={t("actions.note")}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <button
            type="submit"
            className="button button-small button-secondary"
            data-testid={`action-save-${action.id}`}
            aria-label={t("actions.updateAria", { title: action.title })}
            disabled={update.pending}
          >
            {t("actions.update")}
          </button>
        </form>
      ) : null}
      <FormError message={update.message} />
      <details className="disclosure">
        <summary>{t("actions.history")}</summary>
        <ol className="history" data-testid={`action-history-${action.id}`}>
          {action.history.map((h, i) => (
            <li key={i}>
              {t("actions.historyLine", {
                status: isStatus(h.status) ? t(`actionStatuses.${h.status}`) : h.status,
                name: h.by.name,
                date: formatDateTime(h.at),
              })}
              {h.note ? <q className="history-note">{h.note}</q> : null}
            </li>
          ))}
        </ol>
      </details>
    </article>
  );
}
