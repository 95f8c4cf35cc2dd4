// "Finalise minutes" (chair), after an explicit confirmation: the board's current
// state becomes this meeting's final minutes.
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { MeetingView } from "../../../shared/types";
import { api } from "../api/tafel";
import { useAnnounce } from "../hooks/useAnnounce";
import { useSubmit } from "../hooks/useSubmit";
import { FormError } from "./FormError";

export function MeetingFinalise({ tableId, meeting, onFinalised }: { tableId: string; meeting: MeetingView; onFinalised(): void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [asking, setAsking] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const finalise = useSubmit(() => api.finaliseMinutes(tableId, meeting.id));

  const onConfirm = async () => {
    if (!(await finalise.run())) return;
    setAsking(false);
    announce(t("meetings.finalised_msg", { n: meeting.number }));
    onFinalised();
  };

  if (!asking) {
    return (
      <div className="item-actions">
        <button ref={opener} type="button" className="button button-secondary" data-testid="meeting-finalise" onClick={() => setAsking(true)}>
          {t("meetings.finalise")}
        </button>
      </div>
    );
  }
  return (
    <div className="confirm-box" role="group" aria-labelledby={`finalise-q-${meeting.id}`}>
      <p id={`finalise-q-${meeting.id}`}>{t("meetings.finaliseConfirm", { n: meeting.number })}</p>
      <FormError message={finalise.message} />
      <div className="item-actions">
        <button
          type="button"
          className="button button-primary"
          data-testid="meeting-finalise-confirm"
          disabled={finalise.pending}
          autoFocus
          onClick={() => void onConfirm()}
        >
          {t("meetings.finaliseYes")}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setAsking(false)}>
          {t("common.cancel")}
        </button>
      </div>
    </div>
  );
}
