// The chair drafts (or changes) a feedback sheet: addressee, outcome, summary. It goes
// outside the table, so it may hold no secret: the server refuses any text that repeats
// a passage of a fragment. Changing a sheet clears every approval.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FEEDBACK_OUTCOMES, LIMITS, type FeedbackSheetBody } from "../../../shared/schemas";
import type { FeedbackSheetView } from "../../../shared/types";
import { useSubmit } from "../hooks/useSubmit";
import { SelectField, TextAreaField, TextField } from "./Field";
import { FormError } from "./FormError";

type Outcome = FeedbackSheetBody["outcome"];

interface Props {
  /** The sheet being changed; none for a new one. */
  editing?: FeedbackSheetView;
  save(body: FeedbackSheetBody): Promise<FeedbackSheetView>;
  onSaved(sheet: FeedbackSheetView): void;
  onCancel(): void;
}

export function FeedbackForm({ editing, save, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const [addressee, setAddressee] = useState(editing?.addressee ?? "");
  const [outcome, setOutcome] = useState<Outcome>(editing?.outcome ?? "accepted");
  const [summary, setSummary] = useState(editing?.summary ?? "");
  const submit = useSubmit(save);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const sheet = await submit.run({ addressee, outcome, summary });
    if (!sheet) return;
    if (!editing) {
      setAddressee("");
      setOutcome("accepted");
      setSummary("");
    }
    onSaved(sheet);
  };

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="feedback-form-title">
      <h3 id="feedback-form-title">{editing ? t("feedback.editTitle") : t("feedback.newTitle")}</h3>
      <p className="small callout">{t("feedback.noSecrets")}</p>
      {editing && editing.approvals.length > 0 ? <p className="small field-hint">{t("feedback.editClears", { count: editing.approvals.length })}</p> : null}
      <FormError message={submit.message} />
      <TextField
        id="feedback-addressee"
        data-testid="feedback-addressee"
        label={t("feedback.addressee")}
        hint={t("feedback.addresseeHint")}
        required
        maxLength={LIMITS.name}
        value={addressee}
        onChange={(e) => setAddressee(e.target.value)}
        error={submit.fields.addressee}
      />
      <SelectField
        id="feedback-outcome"
        data-testid="feedback-outcome"
        label={t("feedback.outcome")}
        value={outcome}
        onChange={(e) => {
          const next = FEEDBACK_OUTCOMES.find((o) => o === e.target.value);
          if (next) setOutcome(next);
        }}
        error={submit.fields.outcome}
      >
        {FEEDBACK_OUTCOMES.map((o) => (
          <option key={o} value={o}>
            {t(`feedbackOutcomes.${o}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        id="feedback-summary"
        data-testid="feedback-summary"
        label={t("feedback.summary")}
        hint={t("feedback.summaryHint")}
        required
        rows={6}
        maxLength={2000}
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
        error={submit.fields.summary}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" data-testid="feedback-submit" disabled={submit.pending}>
          {editing ? t("feedback.saveChanges") : t("feedback.submit")}
        </button>
        {editing ? (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        ) : null}
      </div>
    </form>
  );
}
