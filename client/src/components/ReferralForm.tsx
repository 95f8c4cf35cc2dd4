// "Refer a case": an anonymous referral to a partnership's triage table. The form has no
// field for a name (nor has the server's schema): a description, consent of the person
// concerned (given / refused / not asked, with a reason) and whether they were informed.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { ReferralBody } from "../../../shared/schemas";
import type { PartnershipView } from "../../../shared/types";
import { lifecycleApi } from "../api/lifecycle";
import { useAnnounce } from "../hooks/useAnnounce";
import { useSubmit } from "../hooks/useSubmit";
import { SelectField, TextAreaField } from "./Field";
import { FormError } from "./FormError";

type Consent = ReferralBody["consent"]["status"];
type Informed = ReferralBody["informed"]["status"];
const CONSENT: Consent[] = ["given", "refused", "not-asked"];
const INFORMED: Informed[] = ["yes", "no"];

export function ReferralForm({ partnerships, onReferred }: { partnerships: PartnershipView[]; onReferred(): void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [agreementId, setAgreementId] = useState("");
  const [description, setDescription] = useState("");
  const [consent, setConsent] = useState<Consent>("given");
  const [consentReason, setConsentReason] = useState("");
  const [informed, setInformed] = useState<Informed>("yes");
  const [informedReason, setInformedReason] = useState("");
  const submit = useSubmit(lifecycleApi.refer);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body: ReferralBody = {
      agreementId,
      description,
      consent: consent === "given" ? { status: "given" } : { status: consent, reason: consentReason },
      informed: informed === "yes" ? { status: "yes" } : { status: "no", reason: informedReason },
    };
    const made = await submit.run(body);
    if (!made) return;
    announce(t("lifecycle.refer.done", { partnership: made.partnership.title }));
    setDescription("");
    setConsentReason("");
    setInformedReason("");
    onReferred();
  };

  if (partnerships.length === 0) return <p className="empty">{t("lifecycle.refer.noPartnership")}</p>;
  return (
    <form className="form card card-padded" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="refer-heading" data-testid="referral-form">
      <h2 id="refer-heading">{t("lifecycle.refer.title")}</h2>
      <p className="muted">{t("lifecycle.refer.intro")}</p>
      <FormError message={submit.message} />
      <SelectField
        id="referral-partnership"
        data-testid="referral-partnership"
        label={t("lifecycle.refer.partnership")}
        value={agreementId}
        onChange={(e) => setAgreementId(e.target.value)}
        error={submit.fields.agreementId}
      >
        <option value="">{t("lifecycle.refer.choosePartnership")}</option>
        {partnerships.map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        id="referral-description"
        data-testid="referral-description"
        label={t("lifecycle.refer.description")}
        hint={t("lifecycle.refer.descriptionHint")}
        rows={6}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={submit.fields.description}
      />
      <fieldset className="fieldset">
        <legend className="field-label">{t("lifecycle.refer.consent")}</legend>
        <ul className="choice-list choice-list-inline">
          {CONSENT.map((c) => (
            <li key={c}>
              <label className="choice choice-compact">
                <input type="radio" name="referral-consent" value={c} checked={consent === c} onChange={() => setConsent(c)} data-testid={`referral-consent-${c}`} />
                <span className="choice-name">{t(`lifecycle.consentChoices.${c}`)}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      {consent !== "given" ? (
        <TextAreaField
          id="referral-consent-reason"
          data-testid="referral-consent-reason"
          label={t("lifecycle.refer.consentReason")}
          rows={2}
          value={consentReason}
          onChange={(e) => setConsentReason(e.target.value)}
          error={submit.fields["consent.reason"]}
        />
      ) : null}
      <fieldset className="fieldset">
        <legend className="field-label">{t("lifecycle.refer.informed")}</legend>
        <ul className="choice-list choice-list-inline">
          {INFORMED.map((c) => (
            <li key={c}>
              <label className="choice choice-compact">
                <input type="radio" name="referral-informed" value={c} checked={informed === c} onChange={() => setInformed(c)} data-testid={`referral-informed-${c}`} />
                <span className="choice-name">{t(`lifecycle.informedChoices.${c}`)}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      {informed === "no" ? (
        <TextAreaField
          id="referral-informed-reason"
          data-testid="referral-informed-reason"
          label={t("lifecycle.refer.informedReason")}
          rows={2}
          value={informedReason}
          onChange={(e) => setInformedReason(e.target.value)}
          error={submit.fields["informed.reason"]}
        />
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" data-testid="referral-submit" disabled={submit.pending}>
          {t("lifecycle.refer.submit")}
        </button>
      </div>
    </form>
  );
}
