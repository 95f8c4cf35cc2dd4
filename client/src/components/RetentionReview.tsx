// The chair's retention review of one table (e.g. at closure): every release, when it
// falls due under which article, and what already expired. Metadata only. Exported for
// the closure screen: <RetentionReview tableId={…} />.
import { useTranslation } from "react-i18next";
import { retentionApi } from "../api/risk";
import type { RetentionItemView } from "../../../shared/types";
import { formatDate } from "../format/date";
import { personLabel, shortId } from "../format/person";
import { useResource } from "../hooks/useResource";
import { FormError } from "./FormError";

const DAY_MS = 86_400_000;

export function RetentionStatus({ item, asOf }: { item: RetentionItemView; asOf: string }) {
  const { t } = useTranslation();
  if (item.expiredAt) return <>{t("retention.expiredOn", { date: formatDate(item.expiredAt) })}</>;
  if (!item.dueAt) return <>{t("retention.noRule")}</>;
  const days = Math.ceil((Date.parse(item.dueAt) - Date.parse(asOf)) / DAY_MS);
  return <>{days <= 0 ? t("retention.dueNow") : t("retention.dueIn", { count: days })}</>;
}

export function RetentionItemsTable({ items, asOf, caption }: { items: RetentionItemView[]; asOf: string; caption: string }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="retention-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("retention.fragment")}</th>
            <th scope="col">{t("retention.category")}</th>
            <th scope="col">{t("retention.author")}</th>
            <th scope="col">{t("retention.released")}</th>
            <th scope="col">{t("retention.due")}</th>
            <th scope="col">{t("retention.article")}</th>
            <th scope="col">{t("retention.status")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.fragmentId} data-testid={`retention-row-${i.fragmentId}`}>
              <th scope="row" className="mono">
                {shortId(i.fragmentId)} <span className="muted small">({i.personsConcerned.map((p) => p.pseudonym).join(", ")})</span>
              </th>
              <td>
                {t(`categories.${i.category}`)} · {t(`kinds.${i.kind}`)}
              </td>
              <td>{personLabel(t, i.author)}</td>
              <td>{formatDate(i.releasedAt)}</td>
              <td>{i.dueAt ? formatDate(i.dueAt) : "—"}</td>
              <td>{i.rule ? t("retention.articleDays", { article: i.rule.article, count: i.rule.retentionDays }) : "—"}</td>
              <td>
                <RetentionStatus item={i} asOf={asOf} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RetentionReview({ tableId }: { tableId: string }) {
  const { t } = useTranslation();
  const review = useResource(`retention:${tableId}`, () => retentionApi.atTable(tableId));
  return (
    <div className="panel" data-testid="retention-review">
      <div className="panel-intro">
        <h2>{t("retention.title")}</h2>
        <p className="muted">{t("retention.intro")}</p>
      </div>
      <FormError message={review.error?.message} />
      {review.data ? (
        review.data.items.length === 0 ? (
          <p className="empty">{t("retention.empty")}</p>
        ) : (
          <RetentionItemsTable items={review.data.items} asOf={review.data.asOf} caption={t("retention.title")} />
        )
      ) : review.loading ? (
        <p className="muted">{t("app.loading")}</p>
      ) : null}
    </div>
  );
}
