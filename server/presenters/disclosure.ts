// The disclosure report for one person concerned: built from release metadata and
// the log, never from fragment content (there is no body or title field to copy).
import type { DeferralView, DisclosureReportView, DpoTableView } from "../../shared/types.js";
import type { TablePurpose } from "../../shared/schemas.js";
import type { ReceiptTimes } from "../log/receiptTimes.js";
import type { Account, Deferral, GlobalData, PersonConcerned, TableData } from "../store/records.js";
import { presentRecipientStatuses } from "./fragment.js";
import { presentPerson } from "./person.js";

const PURPOSES: Record<TablePurpose, string> = {
  integrity: "protection of a person's physical or psychic integrity",
  terrorism: "prevention of terrorism",
  "organised-crime": "prevention of organised crime",
};

/** Until sharing agreements (issue 4) name it, the legal ground is art. 458ter itself. */
export function legalBasisOf(purpose: TablePurpose): string {
  return `Art. 458ter Criminal Code — case consultation for the ${PURPOSES[purpose]}`;
}

export function presentDeferral(global: Readonly<GlobalData>, d: Deferral): DeferralView {
  return { id: d.id, reason: d.reason, ...(d.until ? { until: d.until } : {}), by: presentPerson(global, d.by), at: d.at };
}

export function presentDpoTable(table: Readonly<TableData>): DpoTableView {
  return {
    id: table.id,
    caseCode: table.caseCode,
    createdAt: table.createdAt,
    personsConcerned: table.personsConcerned.map((p) => ({ id: p.id, pseudonym: p.pseudonym })),
  };
}

export function presentDisclosureReport(
  global: Readonly<GlobalData>,
  table: Readonly<TableData>,
  person: PersonConcerned,
  receipts: ReceiptTimes,
  by: Account,
  generatedAt: string,
): DisclosureReportView {
  return {
    table: { id: table.id, caseCode: table.caseCode },
    person: { id: person.id, pseudonym: person.pseudonym },
    generatedAt,
    generatedBy: presentPerson(global, by.id),
    releases: table.fragments
      .filter((f) => f.personsConcerned.includes(person.id))
      .map((f) => ({
        fragmentId: f.id,
        category: f.category,
        kind: f.kind,
        author: presentPerson(global, f.authorId),
        releasedAt: f.release.releasedAt,
        purpose: f.release.purpose,
        legalBasis: legalBasisOf(f.release.purpose),
        recipients: presentRecipientStatuses(global, f, receipts),
      })),
    deferrals: (table.deferrals ?? [])
      .filter((d) => d.personId === person.id)
      .map((d) => presentDeferral(global, d)),
  };
}
