import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** "<page> · Tafel" in the browser tab and history. */
export function useDocumentTitle(page: string | null): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = page ? `${page} · ${t("app.name")}` : t("app.name");
  }, [page, t]);
}
