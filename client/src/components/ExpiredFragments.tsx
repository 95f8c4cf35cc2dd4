// Fragments I received or wrote whose retention period ended: when, and under which
// article of the sharing agreement. Their content is gone; this is all there is.
import { useTranslation } from "react-i18next";
import { retentionApi } from "../api/risk";
import { formatDate } from "../format/date";
import { personLabel } from "../format/person";
import { useResource } from "../hooks/useResource";
import { FormError } from "./FormError";

export function ExpiredFragments({ tableId, version }: { tableId: string; version?: number }) {
  const { t } = useTranslation();
  const expired = useResource(`expired:${tableId}:${version ?? 0}`, () => retentionApi.expired(tableId));
  const list = expired.data ?? [];
  if (list.length === 0 && !expired.error) return null;
  return (
    <section className="panel" aria-labelledby="expired-heading" data-testid="expired-list">
      <h2 id="expired-heading">{t("retention.expiredTitle")}</h2>
      <FormError message={expired.error?.message} />
      <ul className="items">
        {list.map((f) => (
          <li key={f.id} className="item" data-testid={`expired-${f.id}`}>
            <p>
              {t("retention.expiredLine", {
                date: formatDate(f.expired.at),
                article: f.expired.article,
                count: f.expired.retentionDays,
              })}
            </p>
            <p className="muted small">
              {t(`categories.${f.category}`)} · {t(`kinds.${f.kind}`)} · {f.personsConcerned.map((p) => p.pseudonym).join(", ")} ·{" "}
              {t("retention.releasedBy", { person: personLabel(t, f.author), date: formatDate(f.releasedAt) })}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
