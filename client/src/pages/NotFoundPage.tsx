import { useTranslation } from "react-i18next";
import { Link } from "../components/Link";
import { useDocumentTitle } from "../hooks/useDocumentTitle";

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("notFound.title"));
  return (
    <section className="page page-narrow" data-testid="not-found">
      <div className="card card-padded">
        <h1>{t("notFound.title")}</h1>
        <p className="muted">{t("notFound.body")}</p>
        <p>
          <Link to="/" className="button button-primary">
            {t("notFound.home")}
          </Link>
        </p>
      </div>
    </section>
  );
}
