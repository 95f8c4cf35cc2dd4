// Filling in a risk checklist as a private draft. Each item is a fieldset with its
// legend and a native radio group (arrow keys move between options); the computed level
// is shown live and announced politely; the judgement offers only the computed level and
// above (the server refuses anything lower too); raising it asks why.
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { riskApi } from "../api/risk";
import { LIMITS, type RiskAssessmentContent, type RiskChecklistBody } from "../../../shared/schemas";
import { answersOf, levelIndex, scoreChecklist } from "../../../shared/risk";
import type { DraftView, PersonConcernedView } from "../../../shared/types";
import { useRiskLabels } from "../format/risk";
import { useResource } from "../hooks/useResource";
import { useSubmit } from "../hooks/useSubmit";
import { SelectField, TextAreaField, TextField } from "./Field";
import { FormError } from "./FormError";

interface Props {
  tableId: string;
  persons: PersonConcernedView[];
  /** Editing an existing checklist draft. */
  existing?: { draftId: string; title: string; content: RiskAssessmentContent };
  onSaved(draft: DraftView): void;
  onCancel?(): void;
}

export function RiskChecklistForm({ tableId, persons, existing, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const labels = useRiskLabels();
  const idPrefix = `risk-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const template = useResource(`risk-template:${tableId}`, () => riskApi.template(tableId));
  const [title, setTitle] = useState(existing?.title ?? "");
  const [person, setPerson] = useState(existing?.content.person ?? (persons.length === 1 ? (persons[0]?.id ?? "") : ""));
  const [answers, setAnswers] = useState<Record<string, string>>(existing ? answersOf(existing.content) : {});
  const [judgement, setJudgement] = useState(existing?.content.judgement ?? "");
  const [justification, setJustification] = useState(existing?.content.justification ?? "");
  const submit = useSubmit((body: RiskChecklistBody) =>
    existing ? riskApi.updateDraft(tableId, existing.draftId, body) : riskApi.createDraft(tableId, body),
  );

  const tpl = template.data?.template;
  if (!tpl) {
    return template.error ? <FormError message={template.error.message} /> : <p className="muted">{t("app.loading")}</p>;
  }
  const score = scoreChecklist(tpl, answers);
  const floor = levelIndex(tpl.levels, score.computed);
  // A judgement below the computed level is never offered; one left behind by changed answers follows the computed level.
  const effective = levelIndex(tpl.levels, judgement) >= floor ? judgement : score.computed;
  const raised = levelIndex(tpl.levels, effective) > floor;
  const levelLabel = (key: string) => labels.level(tpl.id, key, tpl.levels.find((l) => l.key === key)?.label ?? key);
  const maxScore = tpl.items.reduce((sum, i) => sum + Math.max(...i.options.map((o) => o.points)), 0);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const saved = await submit.run({
      title,
      person,
      answers,
      judgement: effective,
      ...(raised && justification.trim() ? { justification } : {}),
    });
    if (saved) {
      if (!existing) {
        setTitle("");
        setAnswers({});
        setJudgement("");
        setJustification("");
      }
      onSaved(saved);
    }
  };

  const f = submit.fields;
  return (
    <form className="form risk-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="risk-form">
      <p className="muted small">{t("risk.formIntro", { title: tpl.title })}</p>
      <TextField
        id={`${idPrefix}-title`}
        label={t("risk.titleLabel")}
        value={title}
        maxLength={LIMITS.draftTitle}
        onChange={(e) => setTitle(e.target.value)}
        error={f.title}
        required
        data-testid="risk-title"
      />
      <SelectField id={`${idPrefix}-person`} label={t("risk.personLabel")} value={person} onChange={(e) => setPerson(e.target.value)} error={f.person} required data-testid="risk-person">
        <option value="">{t("risk.choosePerson")}</option>
        {persons.map((p) => (
          <option key={p.id} value={p.id}>
            {p.pseudonym}
          </option>
        ))}
      </SelectField>
      {tpl.items.map((item) => {
        const error = f[`answers.${item.key}`] ?? Object.entries(f).find(([path]) => path.startsWith(`answers.${item.key}.`))?.[1];
        const name = `${idPrefix}-${item.key}`;
        return (
          <fieldset key={item.key} className={error ? "fieldset field-invalid" : "fieldset"} aria-describedby={error ? `${name}-error` : undefined}>
            <legend className="field-label">{labels.item(tpl.id, item.key, item.label)}</legend>
            <ul className="choice-list choice-list-inline">
              {item.options.map((o) => (
                <li key={o.key}>
                  <label className="choice choice-compact">
                    <input
                      type="radio"
                      name={name}
                      value={o.key}
                      checked={answers[item.key] === o.key}
                      onChange={() => setAnswers((a) => ({ ...a, [item.key]: o.key }))}
                      data-testid={`risk-answer-${item.key}-${o.key}`}
                    />
                    <span className="choice-name">{labels.option(tpl.id, o.key, o.label)}</span>
                  </label>
                </li>
              ))}
            </ul>
            {error ? (
              <p id={`${name}-error`} className="field-error">
                {error}
              </p>
            ) : null}
          </fieldset>
        );
      })}
      <p className="risk-live" aria-live="polite" data-testid="risk-computed">
        {t("risk.liveComputed", { level: levelLabel(score.computed), score: score.score, max: maxScore })}
        {score.unanswered.length > 0 ? ` ${t("risk.unanswered", { count: score.unanswered.length })}` : ""}
      </p>
      <SelectField
        id={`${idPrefix}-judgement`}
        label={t("risk.judgementLabel")}
        hint={t("risk.judgementHint")}
        value={effective}
        onChange={(e) => setJudgement(e.target.value)}
        error={f.judgement}
        data-testid="risk-judgement"
      >
        {tpl.levels.slice(floor).map((l) => (
          <option key={l.key} value={l.key}>
            {l.key === score.computed ? t("risk.judgementSame", { level: levelLabel(l.key) }) : t("risk.judgementRaise", { level: levelLabel(l.key) })}
          </option>
        ))}
      </SelectField>
      {raised ? (
        <TextAreaField
          id={`${idPrefix}-justification`}
          label={t("risk.justificationLabel")}
          hint={t("risk.justificationHint")}
          value={justification}
          maxLength={LIMITS.justification}
          onChange={(e) => setJustification(e.target.value)}
          error={f.justification}
          rows={3}
          required
          data-testid="risk-justification"
        />
      ) : null}
      <FormError message={submit.message} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={submit.pending} data-testid="risk-save">
          {existing ? t("common.save") : t("risk.create")}
        </button>
        {onCancel ? (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        ) : null}
      </div>
    </form>
  );
}
