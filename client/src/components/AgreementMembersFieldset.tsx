// The agreement form's member organisations: tick an organisation, give its role.
import { useTranslation } from "react-i18next";
import type { OrganisationView } from "../../../shared/types";
import type { AgreementDraftState } from "../hooks/useAgreementDraft";
import { CellInput } from "./Field";

interface Props {
  organisations: OrganisationView[];
  myOrganisationId: string;
  state: AgreementDraftState;
  /** The server's message for a member field (`organisationId`, `role`), if any. */
  errorFor(organisationId: string, field: "organisationId" | "role"): string | undefined;
  /** A message about the list as a whole ("name at least one member organisation"). */
  listError: string | undefined;
}

export function AgreementMembersFieldset({ organisations, myOrganisationId, state, errorFor, listError }: Props) {
  const { t } = useTranslation();
  const { draft, setMember } = state;
  return (
    <fieldset className="fieldset agreement-section" aria-describedby={listError ? "agreement-members-hint agreement-members-error" : "agreement-members-hint"}>
      <legend className="agreement-section-title">{t("agreementForm.membersTitle")}</legend>
      <p id="agreement-members-hint" className="field-hint">
        {t("agreementForm.membersHint")}
      </p>
      <div className="table-scroll">
        <table className="data-table form-table">
          <thead>
            <tr>
              <th scope="col">{t("agreementForm.colOrganisation")}</th>
              <th scope="col">{t("agreementForm.colRole")}</th>
            </tr>
          </thead>
          <tbody>
            {organisations.map((o) => {
              const row = draft.members[o.id] ?? { included: false, role: "" };
              const orgError = errorFor(o.id, "organisationId");
              const roleError = errorFor(o.id, "role");
              const roleId = `agreement-member-role-${o.id}`;
              return (
                <tr key={o.id} className={row.included ? undefined : "row-excluded"}>
                  <th scope="row">
                    <label className="checkbox">
                      <input
                        type="checkbox"
                        data-testid={`agreement-member-${o.id}`}
                        checked={row.included}
                        onChange={(e) => setMember(o.id, { included: e.target.checked })}
                        aria-invalid={orgError ? true : undefined}
                        aria-describedby={orgError ? `agreement-member-${o.id}-error` : undefined}
                      />
                      <span>
                        <span className="choice-name">{o.name}</span>
                        {o.id === myOrganisationId ? <span className="muted"> {t("agreementForm.yourOrganisation")}</span> : null}
                        <span className="cell-sub">
                          {t("agreementForm.orgFacts", { sector: t(`sectors.${o.sector}`), secrecy: t(`secrecy.${o.secrecy}`) })}
                        </span>
                      </span>
                    </label>
                    {orgError ? (
                      <p id={`agreement-member-${o.id}-error`} className="field-error">
                        {orgError}
                      </p>
                    ) : null}
                  </th>
                  <td>
                    <CellInput
                      id={roleId}
                      label={t("agreementForm.roleOf", { organisation: o.name })}
                      maxLength={200}
                      disabled={!row.included}
                      placeholder={t("agreementForm.rolePlaceholder")}
                      value={row.role}
                      onChange={(e) => setMember(o.id, { role: e.target.value })}
                      error={roleError}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {listError ? (
        <p id="agreement-members-error" className="field-error">
          {listError}
        </p>
      ) : null}
    </fieldset>
  );
}
