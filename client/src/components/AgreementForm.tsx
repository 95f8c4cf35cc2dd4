// Drafting a sharing agreement (a first version, or the next version of one): every
// field of AgreementBody. The server's field errors come back with paths into the body
// sent (`members.0.organisationId`, `matrix.3.category`); the layout of that body says
// which organisation, category or cell each index was, so each message shows where it
// belongs.
import { useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { LEGAL_BASIS_KINDS, RiskTemplate, TABLE_PURPOSES, TriageSettings, type AgreementBody, type Category } from "../../../shared/schemas";
import { fieldIssues } from "../format/fieldIssues";
import type { OrganisationView } from "../../../shared/types";
import { toBody, useAgreementDraft, type AgreementDraft, type DraftLayout } from "../hooks/useAgreementDraft";
import { useSubmit } from "../hooks/useSubmit";
import { AgreementCategoriesFieldset } from "./AgreementCategoriesFieldset";
import { AgreementMatrixFieldset, type CellError } from "./AgreementMatrixFieldset";
import { AgreementMembersFieldset } from "./AgreementMembersFieldset";
import { AgreementRiskFieldset } from "./AgreementRiskFieldset";
import { AgreementTriageFieldset } from "./AgreementTriageFieldset";
import { SelectField, TextAreaField, TextField } from "./Field";
import { FormError } from "./FormError";

interface Props {
  organisations: OrganisationView[];
  myOrganisationId: string;
  initial: () => AgreementDraft;
  submitLabel: string;
  /** Sends the body; resolves to what `onSaved` needs (the agreement's id). */
  save(body: AgreementBody): Promise<string>;
  onSaved(agreementId: string): void;
}

const EMPTY_LAYOUT: DraftLayout = { members: [], categories: [], matrix: [] };

export function AgreementForm({ organisations, myOrganisationId, initial, submitLabel, save, onSaved }: Props) {
  const { t } = useTranslation();
  const state = useAgreementDraft(initial);
  const { draft, set } = state;
  const submit = useSubmit(save);
  const [sent, setSent] = useState<DraftLayout>(EMPTY_LAYOUT);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { body, layout } = toBody(draft, organisations.map((o) => o.id));
    setSent(layout);
    const id = await submit.run(body);
    if (id) onSaved(id);
  };

  // Exact paths only: a message about `members.2.role` is not also a message about `members`.
  const exact = new Map<string, string>();
  for (const f of submit.error?.body.error.fields ?? []) if (!exact.has(f.path)) exact.set(f.path, f.message);
  const err = (path: string) => exact.get(path);
  // The triage settings and the risk checklist are checked as they are typed, by the
  // server's own schemas: the same message the server would send, shown at once.
  const body = useMemo(() => toBody(draft, []).body, [draft]);
  const live = useMemo(
    () => new Map([...fieldIssues(TriageSettings, body.triage, "triage"), ...fieldIssues(RiskTemplate, body.riskChecklist, "riskChecklist")]),
    [body],
  );
  const checked = (path: string) => live.get(path) ?? err(path);
  const memberError = (organisationId: string, field: "organisationId" | "role") => {
    const i = sent.members.indexOf(organisationId);
    return i < 0 ? undefined : (err(`members.${i}.${field}`) ?? (field === "organisationId" ? err(`members.${i}`) : undefined));
  };
  const categoryError = (key: Category, field: "key" | "label" | "article" | "retentionDays") => {
    const i = sent.categories.indexOf(key);
    return i < 0 ? undefined : (err(`categories.${i}.${field}`) ?? (field === "key" ? err(`categories.${i}`) : undefined));
  };
  const cellErrors: CellError[] = sent.matrix.flatMap((cell, i) => {
    const message = err(`matrix.${i}.category`) ?? err(`matrix.${i}.sector`) ?? err(`matrix.${i}.allowed`) ?? err(`matrix.${i}`);
    return message ? [{ ...cell, message }] : [];
  });
  const legalError = err("legalBasis") ?? err("legalBasis.kind");

  return (
    <form className="form agreement-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <FormError message={submit.message} />

      <fieldset className="fieldset agreement-section">
        <legend className="agreement-section-title">{t("agreementForm.basicsTitle")}</legend>
        <TextField
          id="agreement-title"
          data-testid="agreement-title"
          label={t("agreementForm.title")}
          hint={t("agreementForm.titleHint")}
          required
          maxLength={120}
          value={draft.title}
          onChange={(e) => set("title", e.target.value)}
          error={err("title")}
        />
        <div className="field-row">
          <SelectField
            id="agreement-legal-kind"
            data-testid="agreement-legal-kind"
            label={t("agreementForm.legalKind")}
            value={draft.legalKind}
            onChange={(e) => {
              const next = LEGAL_BASIS_KINDS.find((k) => k === e.target.value);
              if (next) set("legalKind", next);
            }}
            error={legalError}
          >
            {LEGAL_BASIS_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`legalBasisKinds.${k}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            id="agreement-legal-date"
            data-testid="agreement-legal-date"
            type="date"
            label={t("agreementForm.legalDate")}
            optionalLabel={t("common.optional")}
            value={draft.legalDate}
            onChange={(e) => set("legalDate", e.target.value)}
            error={err("legalBasis.date")}
          />
        </div>
        <TextField
          id="agreement-legal-reference"
          data-testid="agreement-legal-reference"
          label={t("agreementForm.legalReference")}
          hint={draft.legalKind === "law" ? t("agreementForm.legalReferenceHintLaw") : t("agreementForm.legalReferenceHintPermission")}
          required
          maxLength={300}
          value={draft.legalReference}
          onChange={(e) => set("legalReference", e.target.value)}
          error={err("legalBasis.reference")}
        />
        <SelectField
          id="agreement-purpose"
          data-testid="agreement-purpose"
          label={t("agreementForm.purpose")}
          hint={t("agreementForm.purposeHint")}
          value={draft.purpose}
          onChange={(e) => {
            const next = TABLE_PURPOSES.find((p) => p === e.target.value);
            if (next) set("purpose", next);
          }}
          error={err("purpose")}
        >
          {TABLE_PURPOSES.map((p) => (
            <option key={p} value={p}>
              {t(`purposes.${p}`)}
            </option>
          ))}
        </SelectField>
      </fieldset>

      <AgreementMembersFieldset
        organisations={organisations}
        myOrganisationId={myOrganisationId}
        state={state}
        errorFor={memberError}
        listError={err("members")}
      />
      <AgreementCategoriesFieldset state={state} errorFor={categoryError} listError={err("categories")} />
      <AgreementMatrixFieldset state={state} cellErrors={cellErrors} listError={err("matrix")} />
      <AgreementTriageFieldset state={state} err={checked} />
      <AgreementRiskFieldset state={state} err={checked} />

      <fieldset className="fieldset agreement-section">
        <legend className="agreement-section-title">{t("agreementForm.minutesTitle")}</legend>
        <TextAreaField
          id="agreement-minutes"
          data-testid="agreement-minutes"
          label={t("agreementForm.minutes")}
          hint={t("agreementForm.minutesHint")}
          required
          rows={4}
          maxLength={2000}
          value={draft.minutesRules}
          onChange={(e) => set("minutesRules", e.target.value)}
          error={err("minutesRules")}
        />
        <TextField
          id="agreement-review"
          data-testid="agreement-review"
          type="date"
          label={t("agreementForm.review")}
          hint={t("agreementForm.reviewHint")}
          required
          value={draft.reviewDate}
          onChange={(e) => set("reviewDate", e.target.value)}
          error={err("reviewDate")}
        />
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="button button-primary" data-testid="agreement-submit" disabled={submit.pending}>
          {submit.pending ? t("common.saving") : submitLabel}
        </button>
      </div>
      {submit.message ? <p className="muted small">{t("agreementForm.fixAbove")}</p> : null}
    </form>
  );
}
