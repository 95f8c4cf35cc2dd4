// The disclosure report as CSV: one row per release and recipient. Cells that a
// spreadsheet would run as a formula are prefixed with a quote (CSV injection).
import { stringify } from "csv-stringify/sync";
import type { Locale } from "../../shared/schemas.js";
import type { DisclosureReportView } from "../../shared/types.js";
import { REPORT_TEXT } from "./reportText.js";

const FORMULA = /^[=+\-@\t\r]/;
const cell = (value: string | undefined) => (value && FORMULA.test(value) ? `'${value}` : (value ?? ""));

/** Headers in the language asked for; values stay codes (category, kind, sector) for processing. */
export function disclosureCsv(report: DisclosureReportView, locale: Locale = "en"): string {
  const text = REPORT_TEXT[locale];
  const header = [...text.csvHeader];
  const rows = report.releases.flatMap((r) =>
    r.recipients.map((s) => [
      report.table.caseCode, report.person.pseudonym, r.fragmentId, r.category, r.kind, r.releasedAt, r.author.name,
      r.author.organisation, s.recipient.name, s.recipient.organisation, s.recipient.sector, r.purpose, r.legalBasis,
      s.sentAt, s.deliveredAt, s.openedAt, s.revokedAt,
    ].map(cell)),
  );
  const deferrals = report.deferrals.map((d) => [text.csvDeferral(d.at, d.by.name, d.until, d.reason)]);
  return stringify([header, ...rows, ...deferrals.map((d) => d.map(cell))]);
}
