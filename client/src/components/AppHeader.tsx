// The bar at the top: product name, where you can go, the language, who is signed in,
// sign out.
import { useTranslation } from "react-i18next";
import { useLanguageSync } from "../hooks/useLanguageSync";
import { useSession } from "../hooks/useSession";
import { useLocation } from "../hooks/useLocation";
import { LanguageSwitch } from "./LanguageSwitch";
import { Link } from "./Link";

export function AppHeader() {
  const { t } = useTranslation();
  const { state, signOut } = useSession();
  const { pathname } = useLocation();
  useLanguageSync();
  const session = state.status === "signed-in" ? state.session : null;
  const role = session?.account.role;
  const home = role === "admin" ? "/admin" : role === "dpo" ? "/dpo" : "/";
  const current = (path: string) => (pathname === path ? "page" : undefined);

  return (
    <header className="app-header">
      <div className="app-header-inner">
        <Link to={session ? home : "/"} className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {t("app.name")}
        </Link>
        {session ? (
          <>
            <nav aria-label={t("app.mainNav")} className="app-nav">
              {role === "admin" ? (
                <Link to="/admin" aria-current={current("/admin")}>
                  {t("nav.administration")}
                </Link>
              ) : role === "dpo" ? (
                <Link to="/dpo" aria-current={current("/dpo")}>
                  {t("nav.disclosureReports")}
                </Link>
              ) : (
                <>
                  <Link to="/" aria-current={current("/")} data-testid="nav-tables">
                    {t("nav.myTables")}
                  </Link>
                  <Link
                    to="/agreements"
                    aria-current={pathname === "/agreements" ? "page" : pathname.startsWith("/agreements/") ? "true" : undefined}
                    data-testid="nav-agreements"
                  >
                    {t("nav.agreements")}
                  </Link>
                  <Link to="/referrals" aria-current={current("/referrals")} data-testid="nav-referrals">
                    {t("lifecycle.nav")}
                  </Link>
                </>
              )}
            </nav>
            <div className="app-user">
              <LanguageSwitch />
              <Link to="/security" aria-current={current("/security")} className="app-user-link" data-testid="nav-second-factor">
                {t("secondFactor.navLink")}
              </Link>
              <span className="app-user-name" data-testid="nav-user">
                {t("nav.signedInAs", { name: session.account.name })}
                <span className="app-user-org" title={session.account.organisation.name}>
                  {session.account.organisation.name}
                </span>
              </span>
              <button type="button" className="button button-quiet" data-testid="nav-signout" onClick={() => void signOut()}>
                {t("nav.signOut")}
              </button>
            </div>
          </>
        ) : (
          <div className="app-user">
            <LanguageSwitch />
          </div>
        )}
      </div>
    </header>
  );
}
