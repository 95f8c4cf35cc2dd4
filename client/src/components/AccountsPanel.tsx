// Admin: the list of accounts and the form that creates one.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import { ACCOUNT_ROLES, LIMITS, type AccountRole } from "../../../shared/schemas";
import type { AccountView, OrganisationView } from "../../../shared/types";
import type { Resource } from "../hooks/useResource";
import { useAnnounce } from "../hooks/useAnnounce";
import { useSubmit } from "../hooks/useSubmit";
import { SelectField, TextField } from "./Field";
import { FormError } from "./FormError";

interface Props {
  resource: Resource<AccountView[]>;
  organisations: OrganisationView[];
}

export function AccountsPanel({ resource, organisations }: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [name, setName] = useState("");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [organisationId, setOrganisationId] = useState("");
  const [role, setRole] = useState<AccountRole>("member");
  const submit = useSubmit(api.createAccount);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const created = await submit.run({ name, username, password, organisationId, role });
    if (!created) return;
    setName("");
    setUsername("");
    setPassword("");
    announce(t("admin.accountCreated", { username: created.username }));
    await resource.reload();
  };

  const list = resource.data ?? [];
  return (
    <section className="card" aria-labelledby="accounts-title">
      <div className="card-header">
        <h2 id="accounts-title">{t("admin.accounts")}</h2>
      </div>
      <div className="split">
        <div className="split-main">
          <FormError message={resource.error?.message} />
          {list.length === 0 && !resource.loading ? (
            <p className="empty">{t("admin.noAccounts")}</p>
          ) : (
            <div className="table-scroll">
              <table className="data-table" data-testid="account-list">
                <thead>
                  <tr>
                    <th scope="col">{t("admin.colName")}</th>
                    <th scope="col">{t("admin.colUsername")}</th>
                    <th scope="col">{t("admin.colOrganisation")}</th>
                    <th scope="col">{t("admin.colRole")}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((a) => (
                    <tr key={a.id} data-testid={`account-row-${a.username}`}>
                      <td>{a.name}</td>
                      <td>
                        <code>{a.username}</code>
                      </td>
                      <td>
                        {a.organisation.name}
                        <span className="cell-sub">{t(`sectors.${a.organisation.sector}`)}</span>
                      </td>
                      <td>{t(`accountRoles.${a.role}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
        <form className="split-side form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="account-form-title">
          <h3 id="account-form-title">{t("admin.newAccount")}</h3>
          {organisations.length === 0 ? <p className="callout">{t("admin.needOrganisationFirst")}</p> : null}
          <FormError message={submit.message} />
          <TextField
            id="account-name"
            data-testid="account-name"
            label={t("admin.accountName")}
            required
            maxLength={LIMITS.name}
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={submit.fields.name}
          />
          <TextField
            id="account-username"
            data-testid="account-username"
            label={t("admin.accountUsername")}
            hint={t("setup.usernameHint")}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            maxLength={LIMITS.username}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            error={submit.fields.username}
          />
          <TextField
            id="account-password"
            data-testid="account-password"
            type="password"
            label={t("admin.accountPassword")}
            hint={t("setup.passwordHint", { min: LIMITS.passwordMin })}
            autoComplete="new-password"
            required
            minLength={LIMITS.passwordMin}
            maxLength={LIMITS.passwordMax}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={submit.fields.password}
          />
          <SelectField
            id="account-organisation"
            data-testid="account-organisation"
            label={t("admin.accountOrganisation")}
            required
            value={organisationId}
            onChange={(e) => setOrganisationId(e.target.value)}
            error={submit.fields.organisationId}
          >
            <option value="">{t("admin.chooseOrganisation")}</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {t("common.orgAndSector", { organisation: o.name, sector: t(`sectors.${o.sector}`) })}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="account-role"
            data-testid="account-role"
            label={t("admin.accountRole")}
            value={role}
            onChange={(e) => {
              const next = ACCOUNT_ROLES.find((r) => r === e.target.value);
              if (next) setRole(next);
            }}
            error={submit.fields.role}
          >
            {ACCOUNT_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`accountRoles.${r}`)}
              </option>
            ))}
          </SelectField>
          <div className="form-actions">
            <button type="submit" className="button button-primary" data-testid="account-submit" disabled={submit.pending}>
              {t("admin.createAccount")}
            </button>
          </div>
        </form>
      </div>
    </section>
  );
}
