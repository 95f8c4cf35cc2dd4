// Admin: the list of organisations and the form that creates one; per organisation,
// whether its members must sign in with a second factor.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import { SECRECY_PROFILES, SECTORS, LIMITS, type SecrecyProfile, type Sector } from "../../../shared/schemas";
import type { AdminOrganisationView } from "../../../shared/types";
import { secondFactorApi } from "../api/secondFactor";
import type { Resource } from "../hooks/useResource";
import { useSubmit } from "../hooks/useSubmit";
import { useAnnounce } from "../hooks/useAnnounce";
import { SelectField, TextField } from "./Field";
import { FormError } from "./FormError";

export function OrganisationsPanel({ resource }: { resource: Resource<AdminOrganisationView[]> }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [name, setName] = useState("");
  const [sector, setSector] = useState<Sector>("care");
  const [secrecy, setSecrecy] = useState<SecrecyProfile>("professional");
  const submit = useSubmit(api.createOrganisation);
  const requirement = useSubmit(secondFactorApi.setRequirement);

  const onRequire = async (org: AdminOrganisationView, required: boolean) => {
    const changed = await requirement.run(org.id, { required });
    if (!changed) return;
    announce(t(required ? "secondFactor.adminRequiredNow" : "secondFactor.adminOptionalNow", { name: org.name }));
    await resource.reload();
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const created = await submit.run({ name, sector, secrecy });
    if (!created) return;
    setName("");
    announce(t("admin.organisationCreated", { name: created.name }));
    await resource.reload();
  };

  const list = resource.data ?? [];
  return (
    <section className="card" aria-labelledby="orgs-title">
      <div className="card-header">
        <h2 id="orgs-title">{t("admin.organisations")}</h2>
      </div>
      <div className="split">
        <div className="split-main">
          <FormError message={resource.error?.message ?? requirement.message} />
          {list.length === 0 && !resource.loading ? (
            <p className="empty">{t("admin.noOrganisations")}</p>
          ) : (
            <div className="table-scroll">
              <table className="data-table" data-testid="org-list">
                <thead>
                  <tr>
                    <th scope="col">{t("admin.colName")}</th>
                    <th scope="col">{t("admin.colSector")}</th>
                    <th scope="col">{t("admin.colSecrecy")}</th>
                    <th scope="col">{t("secondFactor.adminRequire")}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((o) => (
                    <tr key={o.id} data-testid={`org-row-${o.id}`}>
                      <td>{o.name}</td>
                      <td>{t(`sectors.${o.sector}`)}</td>
                      <td>{t(`secrecy.${o.secrecy}`)}</td>
                      <td>
                        <label className="checkbox">
                          <input
                            type="checkbox"
                            data-testid={`org-require-second-factor-${o.id}`}
                            checked={o.requiresSecondFactor}
                            disabled={requirement.pending}
                            aria-label={t("secondFactor.adminRequireFor", { name: o.name })}
                            onChange={(e) => void onRequire(o, e.target.checked)}
                          />{" "}
                          {o.requiresSecondFactor ? t("secondFactor.adminRequired") : t("secondFactor.adminOptional")}
                        </label>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
        <form className="split-side form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="org-form-title">
          <h3 id="org-form-title">{t("admin.newOrganisation")}</h3>
          <FormError message={submit.message} />
          <TextField
            id="org-name"
            data-testid="org-name"
            label={t("admin.orgName")}
            required
            maxLength={LIMITS.name}
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={submit.fields.name}
          />
          <SelectField
            id="org-sector"
            data-testid="org-sector"
            label={t("admin.orgSector")}
            value={sector}
            onChange={(e) => {
              const next = SECTORS.find((s) => s === e.target.value);
              if (next) setSector(next);
            }}
            error={submit.fields.sector}
          >
            {SECTORS.map((s) => (
              <option key={s} value={s}>
                {t(`sectors.${s}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="org-secrecy"
            data-testid="org-secrecy"
            label={t("admin.orgSecrecy")}
            value={secrecy}
            onChange={(e) => {
              const next = SECRECY_PROFILES.find((s) => s === e.target.value);
              if (next) setSecrecy(next);
            }}
            error={submit.fields.secrecy}
          >
            {SECRECY_PROFILES.map((s) => (
              <option key={s} value={s}>
                {t(`secrecy.${s}`)}
              </option>
            ))}
          </SelectField>
          <div className="form-actions">
            <button type="submit" className="button button-primary" data-testid="org-submit" disabled={submit.pending}>
              {t("admin.createOrganisation")}
            </button>
          </div>
        </form>
      </div>
    </section>
  );
}
