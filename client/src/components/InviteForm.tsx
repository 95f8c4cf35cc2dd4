// Chair only: invite a person (from the server's candidates) to the table. Someone whose
// organisation is outside the table's agreement is invited as an ad-hoc partner: they
// join only by signing the agreement for this table.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import { useAnnounce } from "../hooks/useAnnounce";
import { useResource } from "../hooks/useResource";
import { useSubmit } from "../hooks/useSubmit";
import { personLabel } from "../format/person";
import { SelectField } from "./Field";
import { FormError } from "./FormError";

interface Props {
  tableId: string;
  /** Changes whenever the participants change, so the candidates are fetched again. */
  version: string;
  onInvited(): void;
}

export function InviteForm({ tableId, version, onInvited }: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const candidates = useResource(`candidates:${tableId}:${version}`, () => api.candidates(tableId));
  const [accountId, setAccountId] = useState("");
  const submit = useSubmit(api.invite);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const invited = await submit.run(tableId, adHoc ? { accountId, adHocPartner: true } : { accountId });
    if (!invited) return;
    setAccountId("");
    announce(t("participants.invited", { name: invited.name }));
    onInvited();
    void candidates.reload();
  };

  const list = candidates.data ?? [];
  const chosen = list.find((p) => p.id === accountId);
  const adHoc = chosen?.adHocOnly === true;
  return (
    <form className="form invite-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="invite-heading">
      <h3 id="invite-heading">{t("participants.invite")}</h3>
      <p className="muted small">{t("participants.inviteHint")}</p>
      <FormError message={candidates.error?.message ?? submit.message} />
      {list.length === 0 && !candidates.loading ? (
        <p className="empty">{t("participants.noCandidates")}</p>
      ) : (
        <div className="inline-form">
          <SelectField
            id="invite-select"
            data-testid="invite-select"
            label={t("participants.candidate")}
            value={accountId}
            onChange={(e) => setAccountId(e.target.value)}
            error={submit.fields.accountId}
          >
            <option value="">{t("participants.chooseCandidate")}</option>
            {list.map((p) => (
              <option key={p.id} value={p.id}>
                {p.adHocOnly ? t("participants.candidateAdHoc", { person: personLabel(t, p) }) : personLabel(t, p)}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button button-primary" data-testid="invite-submit" disabled={submit.pending}>
            {adHoc ? t("participants.inviteAdHoc") : t("participants.inviteSubmit")}
          </button>
        </div>
      )}
      {adHoc && chosen ? (
        <p className="callout small" data-testid="invite-adhoc-explain">
          {t("participants.adHocExplain", { organisation: chosen.organisation })}
        </p>
      ) : null}
    </form>
  );
}
