// Records a deferral of the answer to an access request (GDPR art. 23): a reason, and
// optionally the date until which it holds.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import { LIMITS } from "../../../shared/schemas";
import type { DeferralView } from "../../../shared/types";
import { useAnnounce } from "../hooks/useAnnounce";
import { useSubmit } from "../hooks/useSubmit";
import { TextAreaField, TextField } from "./Field";
import { FormError } from "./FormError";

interface Props {
  tableId: string;
  personId: string;
  onRecorded(deferral: DeferralView): void;
}

export function DeferralForm({ tableId, personId, onRecorded }: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [reason, setReason] = useState("");
  const [until, setUntil] = useState("");
  const submit = useSubmit(api.dpoDefer);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const recorded = await submit.run(tableId, personId, until ? { reason, until } : { reason });
    if (!recorded) return;
    setReason("");
    setUntil("");
    announce(t("dpo.deferralRecorded"));
    onRecorded(recorded);
  };

  return (
    <form className="form card card-padded card-flat" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="deferral-title">
      <h4 id="deferral-title">{t("dpo.deferralNew")}</h4>
      <p className="field-hint">{t("dpo.deferralHint")}</p>
      <FormError message={submit.message} />
      <TextAreaField
        id="dpo-deferral-reason"
        data-testid="dpo-deferral-reason"
        label={t("dpo.deferralReason")}
        required
        rows={3}
        maxLength={LIMITS.justification}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={submit.fields.reason}
      />
      <TextField
        id="dpo-deferral-until"
        data-testid="dpo-deferral-until"
        type="date"
        label={t("dpo.deferralUntilLabel")}
        optionalLabel={t("common.optional")}
        value={until}
        onChange={(e) => setUntil(e.target.value)}
        error={submit.fields.until}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" data-testid="dpo-deferral-submit" disabled={submit.pending}>
          {t("dpo.deferralSubmit")}
        </button>
      </div>
    </form>
  );
}
