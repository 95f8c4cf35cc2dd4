// "New case table": the sharing agreement it works under, case code, purpose (the
// agreement's), persons concerned by pseudonym, and the chair's acceptance of the
// confidentiality statement — the server's own text, the one whose hash the log
// records, so it can be accepted only once it is shown.
import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import { LIMITS, TABLE_PURPOSES, type TablePurpose } from "../../../shared/schemas";
import type { AgreementView, TableView } from "../../../shared/types";
import { agreementTitle, isMemberOf, versionInForce } from "../format/agreement";
import { useResource } from "../hooks/useResource";
import { useSignedIn } from "../hooks/useSession";
import { useSubmit } from "../hooks/useSubmit";
import { SelectField, TextAreaField, TextField } from "./Field";
import { FormError } from "./FormError";

interface PersonRow {
  key: number;
  pseudonym: string;
}

/** Agreements a table can be opened under by me: a version in force, my organisation a member of it. */
function usable(agreements: readonly AgreementView[], organisationId: string): AgreementView[] {
  return agreements.filter((a) => isMemberOf(versionInForce(a), organisationId));
}

export function NewTableForm({ onCreated }: { onCreated(table: TableView): void }) {
  const { t } = useTranslation();
  const session = useSignedIn();
  const agreements = useResource("agreements", api.agreements);
  const choices = usable(agreements.data ?? [], session.account.organisation.id);
  const [chosenAgreement, setChosenAgreement] = useState("");
  const [agreementMissing, setAgreementMissing] = useState(false);
  // With a single agreement in force there is nothing to choose.
  const agreementId = choices.some((a) => a.id === chosenAgreement) ? chosenAgreement : choices.length === 1 ? (choices[0]?.id ?? "") : "";
  const agreement = choices.find((a) => a.id === agreementId);
  const agreementPurpose = agreement ? versionInForce(agreement)?.content.purpose : undefined;
  const [caseCode, setCaseCode] = useState("");
  const [chosenPurpose, setPurpose] = useState<TablePurpose>("integrity");
  const purpose = agreementPurpose ?? chosenPurpose;
  const [purposeDetail, setPurposeDetail] = useState("");
  const nextKey = useRef(1);
  const [persons, setPersons] = useState<PersonRow[]>([{ key: 0, pseudonym: "" }]);
  const [accepted, setAccepted] = useState(false);
  const [mustAccept, setMustAccept] = useState(false);
  const submit = useSubmit(api.createTable);
  const statement = useResource("confidentiality-statement", api.confidentialityStatement);
  const statementText = statement.data?.statement;
  const personInputs = useRef(new Map<number, HTMLInputElement>());

  const addPerson = () => {
    const key = nextKey.current++;
    setPersons((rows) => [...rows, { key, pseudonym: "" }]);
    // Focus the new row once it exists.
    requestAnimationFrame(() => personInputs.current.get(key)?.focus());
  };
  const removePerson = (key: number) => setPersons((rows) => rows.filter((r) => r.key !== key));
  const setPseudonym = (key: number, pseudonym: string) =>
    setPersons((rows) => rows.map((r) => (r.key === key ? { ...r, pseudonym } : r)));

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const needsAgreement = choices.length > 0 && !agreement;
    setAgreementMissing(needsAgreement);
    if (!accepted || !statementText) setMustAccept(true);
    if (needsAgreement || !accepted || !statementText) return;
    setMustAccept(false);
    const table = await submit.run({
      ...(agreement ? { agreementId: agreement.id } : {}),
      caseCode,
      purpose,
      purposeDetail,
      personsConcerned: persons.map((p) => ({ pseudonym: p.pseudonym })),
      confidentialityAccepted: true,
    });
    if (table) onCreated(table);
  };

  const f = submit.fields;
  const acceptError = mustAccept ? t("newTable.mustAccept") : f.confidentialityAccepted;
  return (
    <section className="card" aria-labelledby="newtable-title">
      <div className="card-header">
        <h2 id="newtable-title">{t("newTable.title")}</h2>
        <p className="muted">{t("newTable.intro")}</p>
      </div>
      <form className="form card-body form-grid" onSubmit={(e) => void onSubmit(e)} noValidate>
        <FormError message={submit.message} />
        {agreements.loading && !agreements.data ? (
          <p className="muted">{t("newTable.agreementsLoading")}</p>
        ) : choices.length > 0 ? (
          <SelectField
            id="newtable-agreement"
            data-testid="newtable-agreement"
            label={t("newTable.agreement")}
            hint={t("newTable.agreementHint")}
            required
            value={agreementId}
            onChange={(e) => {
              setChosenAgreement(e.target.value);
              if (e.target.value) setAgreementMissing(false);
            }}
            error={agreementMissing ? t("newTable.chooseAgreement") : f.agreementId}
          >
            {choices.length > 1 ? <option value="">{t("newTable.agreementPlaceholder")}</option> : null}
            {choices.map((a) => (
              <option key={a.id} value={a.id}>
                {t("newTable.agreementOption", { title: versionInForce(a)?.content.title ?? agreementTitle(a), n: a.inForce ?? "?" })}
              </option>
            ))}
          </SelectField>
        ) : (
          <p className="callout" data-testid="newtable-no-agreement">
            {agreements.error ? `${agreements.error.message} ` : ""}
            {t("newTable.noAgreement")}
          </p>
        )}
        <TextField
          id="newtable-caseCode"
          data-testid="newtable-caseCode"
          label={t("newTable.caseCode")}
          hint={t("newTable.caseCodeHint")}
          required
          maxLength={LIMITS.caseCode}
          value={caseCode}
          onChange={(e) => setCaseCode(e.target.value)}
          error={f.caseCode}
        />
        <SelectField
          id="newtable-purpose"
          data-testid="newtable-purpose"
          label={t("newTable.purpose")}
          hint={agreement ? t("newTable.purposeFromAgreement") : undefined}
          disabled={agreementPurpose !== undefined}
          value={purpose}
          onChange={(e) => {
            const next = TABLE_PURPOSES.find((p) => p === e.target.value);
            if (next) setPurpose(next);
          }}
          error={f.purpose}
        >
          {TABLE_PURPOSES.map((p) => (
            <option key={p} value={p}>
              {t(`purposes.${p}`)}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          id="newtable-purposeDetail"
          data-testid="newtable-purposeDetail"
          label={t("newTable.purposeDetail")}
          hint={t("newTable.purposeDetailHint")}
          required
          rows={3}
          maxLength={LIMITS.purpose}
          value={purposeDetail}
          onChange={(e) => setPurposeDetail(e.target.value)}
          error={f.purposeDetail}
        />
        <fieldset className="fieldset" aria-describedby="newtable-persons-hint">
          <legend className="field-label">{t("newTable.persons")}</legend>
          <p id="newtable-persons-hint" className="field-hint">
            {t("newTable.personsHint")}
          </p>
          <ol className="person-rows">
            {persons.map((row, i) => {
              const error = f[`personsConcerned.${i}.pseudonym`];
              return (
                <li key={row.key} className="person-row">
                  <label htmlFor={`newtable-person-${i}`} className="visually-hidden">
                    {t("newTable.pseudonym", { n: i + 1 })}
                  </label>
                  <input
                    id={`newtable-person-${i}`}
                    data-testid={`newtable-person-${i}`}
                    ref={(el) => {
                      if (el) personInputs.current.set(row.key, el);
                      else personInputs.current.delete(row.key);
                    }}
                    className="input"
                    maxLength={LIMITS.pseudonym}
                    value={row.pseudonym}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `newtable-person-${i}-error` : undefined}
                    onChange={(e) => setPseudonym(row.key, e.target.value)}
                  />
                  <button
                    type="button"
                    className="button button-quiet"
                    data-testid={`newtable-person-remove-${i}`}
                    onClick={() => removePerson(row.key)}
                    disabled={persons.length === 1}
                    aria-label={t("newTable.removePerson", { n: i + 1 })}
                  >
                    {t("common.remove")}
                  </button>
                  {error ? (
                    <p id={`newtable-person-${i}-error`} className="field-error person-row-error">
                      {error}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ol>
          {f.personsConcerned && !persons.some((_, i) => f[`personsConcerned.${i}.pseudonym`]) ? (
            <p className="field-error">{f.personsConcerned}</p>
          ) : null}
          <button
            type="button"
            className="button button-secondary"
            data-testid="newtable-person-add"
            onClick={addPerson}
            disabled={persons.length >= LIMITS.personsPerTable}
          >
            {t("newTable.addPerson")}
          </button>
        </fieldset>
        <div className="statement">
          <h3 className="statement-title">{t("newTable.statementTitle")}</h3>
          {statementText ? (
            <p className="statement-text" data-testid="newtable-statement">
              {statementText}
            </p>
          ) : statement.error ? (
            <FormError message={`${t("newTable.statementFailed")} ${statement.error.message}`} />
          ) : (
            <p className="muted">{t("newTable.statementLoading")}</p>
          )}
          <label className="checkbox">
            <input
              type="checkbox"
              data-testid="newtable-confidentiality"
              disabled={!statementText}
              checked={accepted}
              onChange={(e) => {
                setAccepted(e.target.checked);
                if (e.target.checked) setMustAccept(false);
              }}
              aria-invalid={acceptError ? true : undefined}
              aria-describedby={acceptError ? "newtable-accept-error" : undefined}
            />
            <span>{t("newTable.accept")}</span>
          </label>
          {acceptError ? (
            <p className="field-error" id="newtable-accept-error" role="alert">
              {acceptError}
            </p>
          ) : null}
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" data-testid="newtable-submit" disabled={submit.pending}>
            {t("newTable.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
