// The administrator's screen: organisations and accounts, nothing of any table.
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import { AccountsPanel } from "../components/AccountsPanel";
import { OrganisationsPanel } from "../components/OrganisationsPanel";
import { EndEverySession } from "../components/EndEverySession";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useResource } from "../hooks/useResource";

export function AdminPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("admin.title"));
  const organisations = useResource("organisations", api.organisations);
  const accounts = useResource("accounts", api.accounts);

  return (
    <section className="page">
      <header className="page-header">
        <h1>{t("admin.title")}</h1>
        <p className="muted">{t("admin.intro")}</p>
      </header>
      <div className="stack-lg">
        <OrganisationsPanel resource={organisations} />
        <AccountsPanel resource={accounts} organisations={organisations.data ?? []} />
        <EndEverySession />
      </div>
    </section>
  );
}
