// "Declined to share": there is no duty to speak; declining is recorded so that the file stays complete.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import { LIMITS } from "../../../shared/schemas";
import type { DeclineView } from "../../../shared/types";
import { formatDateTime } from "../format/date";
import { personLabel } from "../format/person";
import { useAnnounce } from "../hooks/useAnnounce";
import type { Resource } from "../hooks/useResource";
import { useSubmit } from "../hooks/useSubmit";
import { TextAreaField, TextField } from "./Field";
import { FormError } from "./FormError";

export function DeclinesPanel({ tableId, declines }: { tableId: string; declines: Resource<DeclineView[]> }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [question, setQuestion] = useState("");
  const [reason, setReason] = useState("");
  const submit = useSubmit(api.decline);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = reason.trim();
    const recorded = await submit.run(tableId, trimmed ? { question, reason: trimmed } : { question });
    if (!recorded) return;
    setQuestion("");
    setReason("");
    announce(t("declines.recorded"));
    void declines.reload();
  };

  const list = [...(declines.data ?? [])].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <div className="panel">
      <div className="panel-intro">
        <h2>{t("declines.title")}</h2>
        <p className="muted">{t("declines.intro")}</p>
      </div>
      <div className="split">
        <div className="split-main">
          <FormError message={declines.error?.message} />
          {list.length === 0 && !declines.loading ? <p className="empty">{t("declines.empty")}</p> : null}
          <ul className="items">
            {list.map((d) => (
              <li key={d.id} className="item" data-testid={`decline-${d.id}`}>
                <p className="item-title">{d.question}</p>
                {d.reason ? (
                  <p>
                    <span className="provenance-label">{t("declines.reasonLabel")}</span> {d.reason}
                  </p>
                ) : null}
                <p className="muted small">{t("declines.by", { person: personLabel(t, d.by), date: formatDateTime(d.at) })}</p>
              </li>
            ))}
          </ul>
        </div>
        <form className="split-side form card card-padded card-flat" onSubmit={(e) => void onSubmit(e)} noValidate>
          <FormError message={submit.message} />
          <TextField
            id="decline-question"
            data-testid="decline-question"
            label={t("declines.question")}
            required
            maxLength={LIMITS.question}
            value={question}
            onChange={(e) => setQuestion(e.target.value)}
            error={submit.fields.question}
          />
          <TextAreaField
            id="decline-reason"
            data-testid="decline-reason"
            label={t("declines.reason")}
            optionalLabel={t("common.optional")}
            rows={3}
            maxLength={LIMITS.justification}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={submit.fields.reason}
          />
          <div className="form-actions">
            <button type="submit" className="button button-primary" data-testid="decline-submit" disabled={submit.pending}>
              {t("declines.submit")}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
