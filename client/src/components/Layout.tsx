// Page frame: skip link, header, notice, main. Focus moves to <main> on navigation so
// keyboard and screen-reader users start at the new page.
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "../hooks/useLocation";
import { AppHeader } from "./AppHeader";
import { NoticeBanner } from "./NoticeBanner";

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <div className="app">
      <a href="#main" className="skip-link">
        {t("app.skipToContent")}
      </a>
      <AppHeader />
      <main id="main" ref={main} tabIndex={-1} className="app-main">
        <NoticeBanner />
        {children}
      </main>
    </div>
  );
}
