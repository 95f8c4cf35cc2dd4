// The coordinator's decision on a referral: accept (identifying the persons concerned
// now, choosing the case director and the track), refer elsewhere, or no action — each
// with a reason. The names typed here go to the new case table only.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { TRIAGE_OUTCOMES, type TriageDecisionBody, type TriageOutcome, type Track } from "../../../shared/schemas";
import type { ReferralView } from "../../../shared/types";
import { lifecycleApi } from "../api/lifecycle";
import { personLabel } from "../format/person";
import { useAnnounce } from "../hooks/useAnnounce";
import { useResource } from "../hooks/useResource";
import { useSubmit } from "../hooks/useSubmit";
import { SelectField, TextAreaField, TextField } from "./Field";
import { FormError } from "./FormError";

export function TriageDecisionForm({ referral, agreementId, onDecided }: { referral: ReferralView; agreementId: string; onDecided(): void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const id = referral.id;
  const partnerships = useResource("partnerships", lifecycleApi.partnerships);
  const accounts = useResource(`partnership-accounts:${agreementId}`, () => lifecycleApi.partnershipAccounts(agreementId));
  const tracks = partnerships.data?.find((p) => p.id === agreementId)?.tracks ?? [];
  const [outcome, setOutcome] = useState<TriageOutcome>("accept");
  const [reason, setReason] = useState("");
  const [referredTo, setReferredTo] = useState("");
  const [track, setTrack] = useState<Track>(1);
  const [director, setDirector] = useState("");
  const [caseCode, setCaseCode] = useState("");
  const [persons, setPersons] = useState([{ name: "", birthDate: "" }]);
  const submit = useSubmit((body: TriageDecisionBody) => lifecycleApi.decide(referral.tableId, id, body));

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body: TriageDecisionBody =
      outcome === "accept"
        ? { outcome, reason, track, casusregisseurId: director, persons, ...(caseCode.trim() ? { caseCode } : {}) }
        : outcome === "refer-elsewhere"
          ? { outcome, reason, referredTo }
          : { outcome, reason };
    const decided = await submit.run(body);
    if (!decided) return;
    announce(t("lifecycle.triage.decided", { outcome: t(`lifecycle.outcomes.${outcome}`) }));
    onDecided();
  };

  const setPerson = (i: number, field: "name" | "birthDate", value: string) =>
    setPersons((list) => list.map((p, j) => (j === i ? { ...p, [field]: value } : p)));

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={`decision-${id}-title`}>
      <h4 id={`decision-${id}-title`}>{t("lifecycle.triage.decision")}</h4>
      <FormError message={submit.message ?? accounts.error?.message} />
      <fieldset className="fieldset">
        <legend className="field-label">{t("lifecycle.triage.outcome")}</legend>
        <ul className="choice-list">
          {TRIAGE_OUTCOMES.map((o) => (
            <li key={o}>
              <label className="choice choice-compact">
                <input type="radio" name={`outcome-${id}`} value={o} checked={outcome === o} onChange={() => setOutcome(o)} data-testid={`outcome-${id}-${o}`} />
                <span className="choice-name">{t(`lifecycle.outcomes.${o}`)}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <TextAreaField id={`decision-reason-${id}`} data-testid={`decision-reason-${id}`} label={t("lifecycle.triage.reason")} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} error={submit.fields.reason} />
      {outcome === "refer-elsewhere" ? (
        <TextField id={`decision-referred-to-${id}`} data-testid={`decision-referred-to-${id}`} label={t("lifecycle.triage.referredTo")} value={referredTo} onChange={(e) => setReferredTo(e.target.value)} error={submit.fields.referredTo} />
      ) : null}
      {outcome === "accept" ? (
        <>
          <SelectField id={`decision-track-${id}`} data-testid={`decision-track-${id}`} label={t("lifecycle.triage.track")} value={String(track)} onChange={(e) => setTrack(Number(e.target.value) as Track)} error={submit.fields.track}>
            {tracks.map((tr) => (
              <option key={tr.track} value={tr.track}>
                {t("lifecycle.triage.trackOption", { n: tr.track, label: tr.label })}
              </option>
            ))}
          </SelectField>
          <SelectField id={`decision-director-${id}`} data-testid={`decision-director-${id}`} label={t("lifecycle.triage.director")} value={director} onChange={(e) => setDirector(e.target.value)} error={submit.fields.casusregisseurId}>
            <option value="">{t("lifecycle.triage.chooseDirector")}</option>
            {(accounts.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {personLabel(t, p)}
              </option>
            ))}
          </SelectField>
          <TextField id={`decision-case-code-${id}`} data-testid={`decision-case-code-${id}`} label={t("lifecycle.triage.caseCode")} optionalLabel={t("common.optional")} value={caseCode} onChange={(e) => setCaseCode(e.target.value)} error={submit.fields.caseCode} />
          <fieldset className="fieldset">
            <legend className="field-label">{t("lifecycle.triage.persons")}</legend>
            <p className="field-hint">{t("lifecycle.triage.personsHint")}</p>
            <FormError message={submit.fields.persons} />
            {persons.map((p, i) => (
              <div key={i} className="field-row">
                <TextField id={`person-name-${id}-${i}`} data-testid={`person-name-${id}-${i}`} label={t("lifecycle.triage.personName", { n: i + 1 })} value={p.name} onChange={(e) => setPerson(i, "name", e.target.value)} error={submit.fields[`persons.${i}.name`]} />
                <TextField id={`person-birth-${id}-${i}`} data-testid={`person-birth-${id}-${i}`} type="date" label={t("lifecycle.triage.personBirthDate", { n: i + 1 })} value={p.birthDate} onChange={(e) => setPerson(i, "birthDate", e.target.value)} error={submit.fields[`persons.${i}.birthDate`]} />
                {persons.length > 1 ? (
                  <button type="button" className="button button-quiet" onClick={() => setPersons((list) => list.filter((_, j) => j !== i))}>
                    {t("lifecycle.triage.removePerson", { n: i + 1 })}
                  </button>
                ) : null}
              </div>
            ))}
            <button type="button" className="button" data-testid={`add-person-${id}`} onClick={() => setPersons((list) => [...list, { name: "", birthDate: "" }])}>
              {t("lifecycle.triage.addPerson")}
            </button>
          </fieldset>
        </>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" data-testid={`decide-${id}`} disabled={submit.pending}>
          {t("lifecycle.triage.decide")}
        </button>
      </div>
    </form>
  );
}
