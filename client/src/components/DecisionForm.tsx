// The chair records a decision, for an agenda item or in general.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { DecisionBody } from "../../../shared/schemas";
import type { MeetingView } from "../../../shared/types";
import { api } from "../api/tafel";
import { useAnnounce } from "../hooks/useAnnounce";
import { useSubmit } from "../hooks/useSubmit";
import { SelectField, TextAreaField } from "./Field";
import { FormError } from "./FormError";

export function DecisionForm({ tableId, meeting, onSaved }: { tableId: string; meeting: MeetingView; onSaved(): void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [text, setText] = useState("");
  const [item, setItem] = useState("");
  const submit = useSubmit((body: DecisionBody) => api.recordDecision(tableId, meeting.id, body));

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body: DecisionBody = item === "" ? { text: text.trim() } : { text: text.trim(), agendaItem: Number(item) };
    if (!(await submit.run(body))) return;
    setText("");
    announce(t("meetings.decisionSaved"));
    onSaved();
  };

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <FormError message={submit.message} />
      <SelectField id={`decision-item-${meeting.id}`} data-testid="decision-item" label={t("meetings.decisionItem")} value={item} onChange={(e) => setItem(e.target.value)}>
        <option value="">{t("meetings.decisionGeneral")}</option>
        {meeting.agenda.map((a, i) => (
          <option key={i} value={String(i)}>
            {`${i + 1}. ${a}`}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        id={`decision-text-${meeting.id}`}
        data-testid="decision-text"
        label={t("meetings.decisionText")}
        required
        rows={3}
        maxLength={2000}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={submit.fields.text}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" data-testid="decision-submit" disabled={submit.pending}>
          {t("meetings.decisionSubmit")}
        </button>
      </div>
    </form>
  );
}
