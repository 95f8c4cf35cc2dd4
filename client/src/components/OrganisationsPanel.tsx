// Admin: the list of organisations and the form that creates one.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import { SECRECY_PROFILES, SECTORS, LIMITS, type SecrecyProfile, type Sector } from "../../../shared/schemas";
import type { OrganisationView } from "../../../shared/types";
import type { Resource } from "../hooks/useResource";
import { useSubmit } from "../hooks/useSubmit";
import { useAnnounce } from "../hooks/useAnnounce";
import { SelectField, TextField } from "./Field";
import { FormError } from "./FormError";

export function OrganisationsPanel({ resource }: { resource: Resource<OrganisationView[]> }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [name, setName] = useState("");
  const [sector, setSector] = useState<Sector>("care");
  const [secrecy, setSecrecy] = useState<SecrecyProfile>("professional");
  const submit = useSubmit(api.createOrganisation);

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
          <FormError message={resource.error?.message} />
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
                  </tr>
                </thead>
                <tbody>
                  {list.map((o) => (
                    <tr key={o.id} data-testid={`org-row-${o.id}`}>
                      <td>{o.name}</td>
                      <td>{t(`sectors.${o.sector}`)}</td>
                      <td>{t(`secrecy.${o.secrecy}`)}</td>
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
