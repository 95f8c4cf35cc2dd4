// The app shell and its router: a pathname decides the screen. Signed-out people see
// sign in (or setup); administrators see administration only; data protection officers
// see disclosure reports only (they sit at no table); members see tables.
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorBoundary } from "./components/ErrorBoundary";
import { Layout } from "./components/Layout";
import { LiveRegion } from "./components/LiveRegion";
import { NoticeProvider } from "./components/NoticeProvider";
import { SessionProvider } from "./components/SessionProvider";
import { navigate, useLocation } from "./hooks/useLocation";
import { useSession } from "./hooks/useSession";
import { AdminPage } from "./pages/AdminPage";
import { AgreementFormPage } from "./pages/AgreementFormPage";
import { AgreementPage } from "./pages/AgreementPage";
import { AgreementsPage } from "./pages/AgreementsPage";
import { DpoPage } from "./pages/DpoPage";
import { InvitationPage } from "./pages/InvitationPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { SetupPage } from "./pages/SetupPage";
import { SignInPage } from "./pages/SignInPage";
import { ChangePasswordPage } from "./pages/ChangePasswordPage";
import { SecondFactorPage } from "./pages/SecondFactorPage";
import { TablePage } from "./pages/TablePage";
import { TablesPage } from "./pages/TablesPage";
import { ReferralsPage } from "./pages/ReferralsPage";
import type { SessionView } from "../../shared/types";

export function App() {
  return (
    <NoticeProvider>
      <SessionProvider>
        <LiveRegion>
          <Shell />
        </LiveRegion>
      </SessionProvider>
    </NoticeProvider>
  );
}

function Shell() {
  const { t } = useTranslation();
  const { state } = useSession();
  const { pathname } = useLocation();

  let page: ReactNode;
  if (pathname === "/setup") page = <SetupPage />;
  else if (state.status === "loading") page = <p className="page muted">{t("app.loading")}</p>;
  else if (state.status === "signed-out") page = <SignInPage />;
  else if (state.session.mustChangePassword) page = <ChangePasswordPage />;
  // The organisation requires a second factor and there is none: only its enrolment.
  else if (state.session.mustEnrolSecondFactor) page = <SecondFactorPage />;
  else page = <SignedInRoutes session={state.session} pathname={pathname} />;

  return (
    <Layout>
      <ErrorBoundary key={pathname}>{page}</ErrorBoundary>
    </Layout>
  );
}

const TABLE = /^\/tables\/([0-9a-fA-F-]{36})\/?$/;
const INVITATION = /^\/tables\/([0-9a-fA-F-]{36})\/invitation\/?$/;
const AGREEMENTS = /^\/agreements\/?$/;
const NEW_AGREEMENT = /^\/agreements\/new\/?$/;
const AGREEMENT = /^\/agreements\/([0-9a-fA-F-]{36})\/?$/;
const NEW_VERSION = /^\/agreements\/([0-9a-fA-F-]{36})\/new-version\/?$/;

function SignedInRoutes({ session, pathname }: { session: SessionView; pathname: string }) {
  const { role } = session.account;
  const home = role === "admin" ? "/admin" : role === "dpo" ? "/dpo" : "/";
  const redirect = pathname === "/signin" || (pathname === "/" && home !== "/") ? home : null;
  useEffect(() => {
    if (redirect) navigate(redirect, { replace: true });
  }, [redirect]);
  if (redirect) return null;

  if (pathname === "/security") return <SecondFactorPage />;
  if (role === "admin") return pathname === "/admin" ? <AdminPage /> : <NotFoundPage />;
  if (role === "dpo") return pathname === "/dpo" ? <DpoPage /> : <NotFoundPage />;
  if (pathname === "/") return <TablesPage />;
  const invitation = INVITATION.exec(pathname);
  if (invitation?.[1]) return <InvitationPage tableId={invitation[1]} />;
  if (AGREEMENTS.test(pathname)) return <AgreementsPage />;
  if (pathname === "/referrals") return <ReferralsPage />;
  if (NEW_AGREEMENT.test(pathname)) return <AgreementFormPage key="new" />;
  const newVersion = NEW_VERSION.exec(pathname);
  if (newVersion?.[1]) return <AgreementFormPage key={`version:${newVersion[1]}`} agreementId={newVersion[1]} />;
  const agreement = AGREEMENT.exec(pathname);
  if (agreement?.[1]) return <AgreementPage key={agreement[1]} agreementId={agreement[1]} />;
  const table = TABLE.exec(pathname);
  if (table?.[1]) return <TablePage key={table[1]} tableId={table[1]} />;
  return <NotFoundPage />;
}
