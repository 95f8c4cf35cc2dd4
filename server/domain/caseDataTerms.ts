// The terms of case data beyond fragments (issue 9), and when each item falls due:
// caseDataRetention.ts erases by them, caseDataIndex.ts indexes by them.
import type { Referral, TableData } from "../store/records.js";

export const DAY_MS = 86_400_000;

/**
 * Days a referral not accepted is kept after the triage decision. Long enough for the
 * referrer to ask about the decision, object to it or refer the case again with the
 * triage table able to see what it decided on; short enough that a description of a
 * family that the table did not take on is not kept on a shelf (GDPR art. 5(1)(c), (e)).
 */
export const NOT_ACCEPTED_REFERRAL_RETENTION_DAYS = 90;

/**
 * Calendar months the names and birth dates of a closed case are kept after closure:
 * the repeat window (a case returning within 12 months is flagged, personMatch.ts). After
 * it no step of the case needs them; the pseudonyms are enough for the log and reports.
 */
export const CLOSED_CASE_IDENTITY_RETENTION_MONTHS = 12;

export type NotAccepted = Referral & { decision: NonNullable<Referral["decision"]> & { outcome: "refer-elsewhere" | "no-action" } };

export function isNotAccepted(r: Referral): r is NotAccepted {
  return r.decision !== undefined && r.decision.outcome !== "accept";
}

/** When the content of a referral not accepted at `decidedAt` falls due. */
export function referralDueAfter(decidedAt: string): string {
  return new Date(Date.parse(decidedAt) + NOT_ACCEPTED_REFERRAL_RETENTION_DAYS * DAY_MS).toISOString();
}

/** When a referral's content falls due; null while it waits for triage or once accepted. */
export function referralDueAt(r: Referral): string | null {
  return isNotAccepted(r) ? referralDueAfter(r.decision.at) : null;
}

/** When the names of a case closed at `closedAt` fall due. */
export function identitiesDueAfter(closedAt: string): string {
  const due = new Date(closedAt);
  due.setUTCMonth(due.getUTCMonth() + CLOSED_CASE_IDENTITY_RETENTION_MONTHS);
  return due.toISOString();
}

/** When a closed case's identities fall due; null while the case is open or none were entered. */
export function identitiesDueAt(table: Readonly<TableData>): string | null {
  const closedAt = table.caseFile?.status === "closed" ? table.caseFile.closedAt : undefined;
  if (!closedAt || (table.identities ?? []).length === 0) return null;
  return identitiesDueAfter(closedAt);
}

