// One release in a disclosure report: when, what kind of information, by whom, why, on
// which legal basis, and per recipient when it was sent, delivered, opened, revoked.
import { useTranslation } from "react-i18next";
import type { DisclosureReleaseView } from "../../../shared/types";
import { formatPreciseTime } from "../format/date";
import { orgLabel, shortId } from "../format/person";

export function DisclosureRelease({ release }: { release: DisclosureReleaseView }) {
  const { t } = useTranslation();
  const time = (iso: string | undefined) =>
    iso ? <time dateTime={iso}>{formatPreciseTime(iso)}</time> : <span className="muted">{t("common.none")}</span>;
  const headingId = `dpo-release-${release.fragmentId}`;
  return (
    <article className="report-release" data-testid={`dpo-release-${release.fragmentId}`} aria-labelledby={headingId}>
      <h4 id={headingId} className="item-title">
        {t("dpo.releaseHeading", { category: t(`categories.${release.category}`), time: formatPreciseTime(release.releasedAt) })}
      </h4>
      <dl className="report-facts">
        <div>
          <dt>{t("dpo.kind")}</dt>
          <dd>{t(`kinds.${release.kind}`)}</dd>
        </div>
        <div>
          <dt>{t("dpo.releasedBy")}</dt>
          <dd>
            {release.author.name}
            <span className="cell-sub">{orgLabel(t, release.author)}</span>
          </dd>
        </div>
        <div>
          <dt>{t("dpo.purpose")}</dt>
          <dd>{t(`purposes.${release.purpose}`)}</dd>
        </div>
        <div className="report-fact-wide">
          <dt>{t("dpo.legalBasis")}</dt>
          <dd>{release.legalBasis}</dd>
        </div>
        <div>
          <dt>{t("dpo.fragment")}</dt>
          <dd>
            <code title={release.fragmentId}>{shortId(release.fragmentId)}</code>
          </dd>
        </div>
      </dl>
      <div className="table-scroll">
        <table className="data-table status-table">
          <caption className="visually-hidden">{t("dpo.recipientsCaption", { time: formatPreciseTime(release.releasedAt) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("dpo.colRecipient")}</th>
              <th scope="col">{t("dpo.colSent")}</th>
              <th scope="col">{t("dpo.colDelivered")}</th>
              <th scope="col">{t("dpo.colOpened")}</th>
              <th scope="col">{t("dpo.colRevoked")}</th>
            </tr>
          </thead>
          <tbody>
            {release.recipients.map((r) => (
              <tr key={r.recipient.id}>
                <th scope="row">
                  {r.recipient.name}
                  <span className="cell-sub">{orgLabel(t, r.recipient)}</span>
                </th>
                <td className="nowrap">{time(r.sentAt)}</td>
                <td className="nowrap">{time(r.deliveredAt)}</td>
                <td className="nowrap">{time(r.openedAt)}</td>
                <td className="nowrap">{time(r.revokedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}
