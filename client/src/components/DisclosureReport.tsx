// One disclosure report (GDPR art. 15(1)(c)): every release about the person, its
// recipients and what happened to each copy, the deferrals, and the downloads. Asking
// for it is logged at the table, so it is asked for once per choice, not on every render.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, downloads } from "../api/tafel";
import { LOCALES, type Locale } from "../../../shared/schemas";
import { currentLanguage, ENDONYMS, isLocale, LOCALE_TAGS } from "../i18n/language";
import type { DeferralView } from "../../../shared/types";
import { formatDate, formatDateTime } from "../format/date";
import { personLabel } from "../format/person";
import { useResource } from "../hooks/useResource";
import { DeferralForm } from "./DeferralForm";
import { DisclosureRelease } from "./DisclosureRelease";
import { FormError } from "./FormError";

export function DisclosureReport({ tableId, personId }: { tableId: string; personId: string }) {
  const { t } = useTranslation();
  const report = useResource(`report:${tableId}/${personId}`, () => api.dpoReport(tableId, personId));
  // Deferrals recorded here since the report was produced (no second logged report for them).
  const [added, setAdded] = useState<DeferralView[]>([]);
  // The files answer the person concerned: their language, which may not be the DPO's.
  const [fileLanguage, setFileLanguage] = useState<Locale>(currentLanguage);

  if (!report.data) {
    return report.error ? <FormError message={report.error.message} /> : <p className="card card-padded muted">{t("dpo.loading")}</p>;
  }
  const r = report.data;
  const known = new Set(r.deferrals.map((d) => d.id));
  const deferrals = [...r.deferrals, ...added.filter((d) => !known.has(d.id))].sort((a, b) => b.at.localeCompare(a.at));
  const releases = [...r.releases].sort((a, b) => a.releasedAt.localeCompare(b.releasedAt));

  return (
    <article className="card dpo-report" data-testid="dpo-report" aria-labelledby="dpo-report-title">
      <header className="card-header dpo-report-header">
        <div className="dpo-report-title">
          <h2 id="dpo-report-title">{t("dpo.reportTitle", { pseudonym: r.person.pseudonym, caseCode: r.table.caseCode })}</h2>
          <p className="muted small">
            {t("dpo.generated", { time: formatDateTime(r.generatedAt), person: personLabel(t, r.generatedBy) })}
          </p>
        </div>
        <div className="dpo-downloads">
          <label className="dpo-file-language small">
            {t("dpo.fileLanguage")}{" "}
            <select
              className="input"
              value={fileLanguage}
              data-testid="dpo-file-language"
              onChange={(e) => isLocale(e.target.value) && setFileLanguage(e.target.value)}
            >
              {LOCALES.map((l) => (
                <option key={l} value={l} lang={LOCALE_TAGS[l]}>
                  {ENDONYMS[l]}
                </option>
              ))}
            </select>
          </label>
          <div className="dpo-download-buttons">
              <a className="button button-secondary" href={downloads.reportCsv(tableId, personId, fileLanguage)} download data-testid="dpo-download-csv">
              {t("dpo.downloadCsv")}
            </a>
            <a className="button button-secondary" href={downloads.reportPdf(tableId, personId, fileLanguage)} download data-testid="dpo-download-pdf">
            {t("dpo.downloadPdf")}
            </a>
          </div>
          <p className="muted small">{t("dpo.downloadsLogged")}</p>
        </div>
      </header>

      <section className="card-body" aria-labelledby="dpo-releases-title">
        <h3 id="dpo-releases-title">{t("dpo.releases", { count: releases.length })}</h3>
        {releases.length === 0 ? (
          <p className="empty">{t("dpo.noReleases")}</p>
        ) : (
          <ol className="dpo-releases">
            {releases.map((release) => (
              <li key={release.fragmentId}>
                <DisclosureRelease release={release} />
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="card-body dpo-deferrals" aria-labelledby="dpo-deferrals-title">
        <h3 id="dpo-deferrals-title">{t("dpo.deferrals")}</h3>
        <div className="split-inline">
          <div>
            {deferrals.length === 0 ? (
              <p className="empty">{t("dpo.noDeferrals")}</p>
            ) : (
              <ul className="items" data-testid="dpo-deferrals">
                {deferrals.map((d) => (
                  <li key={d.id} className="item" data-testid={`dpo-deferral-${d.id}`}>
                    <p>{d.reason}</p>
                    <p className="small">{d.until ? t("dpo.deferralUntil", { date: formatDate(d.until) }) : t("dpo.deferralOpenEnded")}</p>
                    <p className="muted small">{t("dpo.deferralBy", { person: personLabel(t, d.by), date: formatDateTime(d.at) })}</p>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <DeferralForm tableId={tableId} personId={personId} onRecorded={(d) => setAdded((prev) => [...prev, d])} />
        </div>
      </section>
    </article>
  );
}
