// An attendee recorded as present confirms the confidentiality statement for this
// meeting (logged by the statement's hash).
import { useTranslation } from "react-i18next";
import type { MeetingView } from "../../../shared/types";
import { api } from "../api/tafel";
import { useAnnounce } from "../hooks/useAnnounce";
import { useResource } from "../hooks/useResource";
import { useSubmit } from "../hooks/useSubmit";
import { FormError } from "./FormError";

export function MeetingConfirm({ tableId, meeting, onChanged }: { tableId: string; meeting: MeetingView; onChanged(): void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const statement = useResource("confidentiality-statement", () => api.confidentialityStatement());
  const confirm = useSubmit(() => api.confirmMeeting(tableId, meeting.id));

  const onConfirm = async () => {
    if (await confirm.run()) {
      announce(t("meetings.confirmed"));
      onChanged();
    }
  };

  return (
    <section className="callout meeting-confirm" aria-labelledby={`confirm-${meeting.id}`}>
      <h4 id={`confirm-${meeting.id}`}>{t("meetings.confirmTitle")}</h4>
      {statement.data ? <blockquote className="statement">{statement.data.statement}</blockquote> : null}
      <FormError message={confirm.message ?? statement.error?.message} />
      <button type="button" className="button button-primary" data-testid="meeting-confirm" disabled={confirm.pending} onClick={() => void onConfirm()}>
        {t("meetings.confirmButton")}
      </button>
    </section>
  );
}
