// Admin: the list of accounts and the form that creates one. The server generates each
// temporary password and shows it here once; per account, an administrator can issue
// a new one or reset the second factor (both end the person's sessions).
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import { ACCOUNT_ROLES, LIMITS, type AccountRole } from "../../../shared/schemas";
import type { AdminAccountView, OrganisationView } from "../../../shared/types";
import { secondFactorApi } from "../api/secondFactor";
import { accountAccessApi } from "../api/accountAccess";
import { useSignedIn } from "../hooks/useSession";
import { formatDateTime } from "../format/date";
import type { Resource } from "../hooks/useResource";
import { useAnnounce } from "../hooks/useAnnounce";
import { useSubmit } from "../hooks/useSubmit";
import { SelectField, TextField } from "./Field";
import { FormError } from "./FormError";

interface Props {
  resource: Resource<AdminAccountView[]>;
  organisations: OrganisationView[];
}

export function AccountsPanel({ resource, organisations }: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [name, setName] = useState("");
  const [username, setUsername] = useState("");
  const [shown, setShown] = useState<{ username: string; password: string; expiresAt: string } | null>(null);
  const [organisationId, setOrganisationId] = useState("");
  const [role, setRole] = useState<AccountRole>("member");
  const submit = useSubmit(api.createAccount);
  const reset = useSubmit(secondFactorApi.reset);
  const issue = useSubmit(secondFactorApi.issueTemporaryPassword);
  const disable = useSubmit(accountAccessApi.disable);
  const enable = useSubmit(accountAccessApi.enable);
  const me = useSignedIn().account.id;

  // Disabling ends the person's sessions at once and refuses their sign-in; they stay on record at their tables.
  const onDisable = async (account: AdminAccountView) => {
    if (!window.confirm(t("accountAccess.disableConfirm", { username: account.username }))) return;
    const done = await disable.run(account.id);
    if (!done) return;
    announce(t("accountAccess.disabledDone", { username: account.username, count: done.sessionsEnded }));
    await resource.reload();
  };

  const onEnable = async (account: AdminAccountView) => {
    const done = await enable.run(account.id);
    if (!done) return;
    announce(t("accountAccess.enabledDone", { username: account.username }));
    await resource.reload();
  };

  const onReset = async (account: AdminAccountView) => {
    if (!window.confirm(t("secondFactor.adminResetConfirm", { username: account.username }))) return;
    const done = await reset.run(account.id);
    if (!done) return;
    announce(t("secondFactor.adminResetDone", { username: account.username, ended: done.ended }));
    await resource.reload();
  };

  const onIssue = async (account: AdminAccountView) => {
    if (!window.confirm(t("temporaryPassword.issueConfirm", { username: account.username }))) return;
    const issued = await issue.run(account.id);
    if (issued) setShown({ username: account.username, password: issued.temporaryPassword, expiresAt: issued.expiresAt });
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const created = await submit.run({ name, username, organisationId, role });
    if (!created) return;
    setName("");
    setUsername("");
    setShown({ username: created.username, password: created.temporaryPassword, expiresAt: created.temporaryPasswordExpiresAt });
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
          <FormError message={resource.error?.message ?? reset.message ?? issue.message ?? disable.message ?? enable.message} />
          {shown ? (
            <div className="callout" role="status" data-testid="temporary-password-shown">
              <h3>{t("temporaryPassword.createdTitle", { username: shown.username })}</h3>
              <p>{t("temporaryPassword.intro", { date: formatDateTime(shown.expiresAt) })}</p>
              <p>
                <span className="field-label">{t("temporaryPassword.label")}: </span>
                <code data-testid="temporary-password">{shown.password}</code>
              </p>
              <button type="button" className="button" data-testid="temporary-password-done" onClick={() => setShown(null)}>
                {t("temporaryPassword.done")}
              </button>
            </div>
          ) : null}
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
                    <th scope="col">{t("secondFactor.adminColSecondFactor")}</th>
                    <th scope="col">{t("accountAccess.colStatus")}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t("secondFactor.adminColActions")}</span>
                    </th>
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
                      <td>{a.secondFactorEnrolled ? t("secondFactor.adminOn") : t("secondFactor.adminOff")}</td>
                      <td data-testid={`account-status-${a.username}`}>
                        {a.disabledAt ? t("accountAccess.disabledSince", { date: formatDateTime(a.disabledAt) }) : t("accountAccess.enabled")}
                      </td>
                      <td className="row-actions">
                        <button type="button" className="button button-quiet" data-testid={`account-temporary-password-${a.username}`} disabled={issue.pending} onClick={() => void onIssue(a)}>
                          {t("temporaryPassword.issue")}
                        </button>
                        {a.secondFactorEnrolled ? (
                          <button type="button" className="button button-quiet" data-testid={`account-reset-second-factor-${a.username}`} disabled={reset.pending} onClick={() => void onReset(a)}>
                            {t("secondFactor.adminReset")}
                          </button>
                        ) : null}
                        {a.id === me ? null : a.disabledAt ? (
                          <button type="button" className="button button-quiet" data-testid={`account-enable-${a.username}`} aria-label={t("accountAccess.enableFor", { username: a.username })} disabled={enable.pending} onClick={() => void onEnable(a)}>
                            {t("accountAccess.enable")}
                          </button>
                        ) : (
                          <button type="button" className="button button-quiet" data-testid={`account-disable-${a.username}`} aria-label={t("accountAccess.disableFor", { username: a.username })} disabled={disable.pending} onClick={() => void onDisable(a)}>
                            {t("accountAccess.disable")}
                          </button>
                        )}
                      </td>
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
