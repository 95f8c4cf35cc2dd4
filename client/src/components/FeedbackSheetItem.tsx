// One feedback sheet: its text, who approved exactly this text and who is awaited, and
// the actions — approve (everyone), change and send (the chair, once nobody is awaited).
// A sent sheet is read-only.
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import type { FeedbackSheetView, TableView } from "../../../shared/types";
import { formatDateTime } from "../format/date";
import { useAnnounce } from "../hooks/useAnnounce";
import { useSubmit } from "../hooks/useSubmit";
import { FormError } from "./FormError";

interface Props {
  table: TableView;
  sheet: FeedbackSheetView;
  onChanged(): void;
  onEdit(sheet: FeedbackSheetView): void;
}

export function FeedbackSheetItem({ table, sheet, onChanged, onEdit }: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const isChair = table.me.role === "chair";
  const approve = useSubmit(() => api.approveFeedbackSheet(table.id, sheet.id));
  const send = useSubmit(() => api.sendFeedbackSheet(table.id, sheet.id));
  const sent = sheet.sentAt !== undefined;
  const approvedByMe = sheet.approvals.some((a) => a.by.id === table.me.id);
  const awaitingMe = sheet.awaiting.some((p) => p.id === table.me.id);
  const list = (names: string[]) => names.join(t("common.listSeparator"));

  const onApprove = async () => {
    if (await approve.run()) {
      announce(t("feedback.approved"));
      onChanged();
    }
  };
  const onSend = async () => {
    if (await send.run()) {
      announce(t("feedback.sent", { addressee: sheet.addressee }));
      onChanged();
    }
  };

  return (
    <article className="item feedback-sheet" data-testid={`feedback-${sheet.id}`} data-state={sent ? "sent" : "draft"} aria-labelledby={`feedback-title-${sheet.id}`}>
      <div className="item-head">
        <h3 id={`feedback-title-${sheet.id}`} className="item-title">
          {t("feedback.to", { addressee: sheet.addressee })}
        </h3>
        {sent ? (
          <span className="badge badge-success">{t("feedback.sentOn", { date: formatDateTime(sheet.sentAt ?? "") })}</span>
        ) : (
          <span className="badge badge-warning">{t("feedback.draft")}</span>
        )}
      </div>
      <ul className="tags">
        <li className="badge badge-accent">{t(`feedbackOutcomes.${sheet.outcome}`)}</li>
      </ul>
      <p className="prose">{sheet.summary}</p>
      <p className="muted small">{t("feedback.draftedBy", { name: sheet.draftedBy.name, date: formatDateTime(sheet.updatedAt) })}</p>

      <dl className="meta-list feedback-consent">
        <div>
          <dt>{t("feedback.approvals")}</dt>
          <dd data-testid={`feedback-approvals-${sheet.id}`}>
            {sheet.approvals.length === 0 ? (
              <span className="muted">{t("feedback.noApprovals")}</span>
            ) : (
              <ul className="chips">
                {sheet.approvals.map((a) => (
                  <li key={a.by.id} className="chip chip-ok" title={formatDateTime(a.at)}>
                    <span aria-hidden="true">✓</span>
                    {t("feedback.approvedBy", { name: a.by.name, date: formatDateTime(a.at) })}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        {!sent ? (
          <div>
            <dt>{t("feedback.awaiting")}</dt>
            <dd data-testid={`feedback-awaiting-${sheet.id}`}>
              {sheet.awaiting.length === 0 ? (
                <span className="proof-verified">{t("feedback.everyoneApproved")}</span>
              ) : (
                list(sheet.awaiting.map((p) => p.name))
              )}
            </dd>
          </div>
        ) : null}
      </dl>

      {sent ? (
        <p className="small proof-verified" data-testid={`feedback-sent-${sheet.id}`}>
          {t("feedback.sentNote", { addressee: sheet.addressee, date: formatDateTime(sheet.sentAt ?? "") })}
        </p>
      ) : null}
      <FormError message={approve.message ?? send.message} />
      {!sent ? (
        <div className="item-actions">
          {!approvedByMe ? (
            <button
              type="button"
              className="button button-primary"
              data-testid={`feedback-approve-${sheet.id}`}
              disabled={approve.pending}
              aria-describedby={awaitingMe ? undefined : `feedback-title-${sheet.id}`}
              onClick={() => void onApprove()}
            >
              {t("feedback.approve")}
            </button>
          ) : (
            <span className="small proof-verified">{t("feedback.youApproved")}</span>
          )}
          {isChair ? (
            <>
              <button type="button" className="button button-secondary" data-testid={`feedback-edit-${sheet.id}`} onClick={() => onEdit(sheet)}>
                {t("feedback.edit")}
              </button>
              <button
                type="button"
                className="button button-primary"
                data-testid={`feedback-send-${sheet.id}`}
                disabled={send.pending || sheet.awaiting.length > 0}
                aria-describedby={sheet.awaiting.length > 0 ? `feedback-send-hint-${sheet.id}` : undefined}
                onClick={() => void onSend()}
              >
                {t("feedback.send")}
              </button>
              {sheet.awaiting.length > 0 ? (
                <span id={`feedback-send-hint-${sheet.id}`} className="small muted">
                  {t("feedback.sendWaits", { count: sheet.awaiting.length })}
                </span>
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
