// The disclosure report as CSV: one row per release and recipient. Cells that a
// spreadsheet would run as a formula are prefixed with a quote (CSV injection).
import { stringify } from "csv-stringify/sync";
import type { DisclosureReportView } from "../../shared/types.js";

const FORMULA = /^[=+\-@\t\r]/;
const cell = (value: string | undefined) => (value && FORMULA.test(value) ? `'${value}` : (value ?? ""));

export function disclosureCsv(report: DisclosureReportView): string {
  const header = [
    "case", "person concerned", "fragment", "category", "kind", "released at", "released by", "releasing organisation",
    "recipient", "recipient organisation", "recipient sector", "purpose", "legal basis", "sent", "delivered", "opened", "revoked",
  ];
  const rows = report.releases.flatMap((r) =>
    r.recipients.map((s) => [
      report.table.caseCode, report.person.pseudonym, r.fragmentId, r.category, r.kind, r.releasedAt, r.author.name,
      r.author.organisation, s.recipient.name, s.recipient.organisation, s.recipient.sector, r.purpose, r.legalBasis,
      s.sentAt, s.deliveredAt, s.openedAt, s.revokedAt,
    ].map(cell)),
  );
  const deferrals = report.deferrals.map((d) => [`# deferred (GDPR art. 23) on ${d.at} by ${d.by.name}${d.until ? ` until ${d.until}` : ""}: ${d.reason}`]);
  return stringify([header, ...rows, ...deferrals.map((d) => d.map(cell))]);
}
