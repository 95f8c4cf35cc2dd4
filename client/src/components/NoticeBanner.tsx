// Shows the current page-level notice with a way to dismiss it.
import { useTranslation } from "react-i18next";
import { useNotice } from "../hooks/useNotice";

export function NoticeBanner() {
  const { t } = useTranslation();
  const { notice, dismiss } = useNotice();
  if (!notice) return null;
  return (
    <div className="notice" role="status" data-testid="notice">
      <p>{notice}</p>
      <button type="button" className="button button-quiet" onClick={dismiss}>
        {t("nav.dismiss")}
      </button>
    </div>
  );
}
