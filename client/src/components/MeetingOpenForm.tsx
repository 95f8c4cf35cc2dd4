// The chair opens a meeting with its agenda (one item per line). Open actions become
// the new meeting's review list on the server.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import type { MeetingView } from "../../../shared/types";
import { useSubmit } from "../hooks/useSubmit";
import { TextAreaField } from "./Field";
import { FormError } from "./FormError";

export function MeetingOpenForm({ tableId, onOpened }: { tableId: string; onOpened(meeting: MeetingView): void }) {
  const { t } = useTranslation();
  const [agenda, setAgenda] = useState("");
  const submit = useSubmit((items: string[]) => api.openMeeting(tableId, { agenda: items }));

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const items = agenda
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line.length > 0);
    const meeting = await submit.run(items);
    if (!meeting) return;
    setAgenda("");
    onOpened(meeting);
  };

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="meeting-open-heading">
      <h3 id="meeting-open-heading">{t("meetings.openTitle")}</h3>
      <FormError message={submit.message} />
      <TextAreaField
        id="meeting-open-agenda"
        data-testid="meeting-open-agenda"
        label={t("meetings.agenda")}
        hint={t("meetings.agendaHint")}
        required
        rows={4}
        value={agenda}
        onChange={(e) => setAgenda(e.target.value)}
        error={submit.fields.agenda}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" data-testid="meeting-open-submit" disabled={submit.pending}>
          {t("meetings.openSubmit")}
        </button>
      </div>
    </form>
  );
}
