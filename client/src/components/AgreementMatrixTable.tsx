// One version's matrix, read-only: which category may go to which recipient sector.
import { useTranslation } from "react-i18next";
import { SECTORS, type AgreementBody } from "../../../shared/schemas";
import { categoriesByArticle, isAllowed } from "../format/agreement";

export function AgreementMatrixTable({ content, testid }: { content: AgreementBody; testid?: string }) {
  const { t } = useTranslation();
  const rows = categoriesByArticle(content);
  return (
    <div className="table-scroll">
      <table className="data-table matrix-table matrix-readonly" data-testid={testid}>
        <caption className="visually-hidden">{t("charter.matrixCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("charter.colArticle")}</th>
            {SECTORS.map((s) => (
              <th key={s} scope="col" className="matrix-sector">
                {t(`sectors.${s}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.key}>
              <th scope="row">
                <span className="matrix-article">{t("charter.articleShort", { article: c.article })}</span> {c.label}
              </th>
              {SECTORS.map((s) => {
                const allowed = isAllowed(content, c.key, s);
                return (
                  <td key={s} className={allowed ? "matrix-cell matrix-yes" : "matrix-cell matrix-no"}>
                    <span aria-hidden="true">{allowed ? "✓" : "—"}</span>
                    <span className="visually-hidden">{allowed ? t("charter.allowed") : t("charter.notAllowed")}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
