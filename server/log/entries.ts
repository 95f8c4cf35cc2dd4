// The table log's entry types: metadata only, never content (invariant 1). Each entry
// is stored as RFC 8785 canonical JSON, one per line, and hashed as an RFC 6962 leaf.
import type { Category, FragmentKind, TablePurpose } from "../../shared/schemas.js";

interface Base {
  seq: number;
  at: string;
  /** Account id of who caused the entry; null for the server itself (e.g. expiry). */
  actor: string | null;
}

export type LogEntryBody =
  | {
      type: "table-opened";
      personsConcerned: string[];
      purpose: TablePurpose;
      /** The agreement version the table opened under, by hash. */
      agreement?: { id: string; version: number; hash: string };
    }
  | { type: "invited"; subject: string }
  | { type: "joined"; statement: string }
  | { type: "removed"; subject: string; because?: "agreement" }
  | {
      type: "fragment-released";
      fragment: string;
      category: Category;
      kind: FragmentKind;
      personsConcerned: string[];
      recipients: string[];
      purpose: TablePurpose;
      commitment: string;
    }
  | { type: "fragment-sent"; fragment: string; recipient: string; delivery: string; channel: "socket" | "rest" }
  | { type: "fragment-delivered"; fragment: string; recipient: string; delivery: string }
  | { type: "fragment-opened"; fragment: string; recipient: string; delivery: string }
  | {
      type: "fragment-revoked";
      fragment: string;
      recipient: string;
      /** Whether content had already been sent to them: those copies exist. */
      alreadyDelivered: boolean;
      /** Set when the release ended because the recipient was removed from the table. */
      because?: "removed";
    }
  | { type: "declined"; decline: string }
  | {
      /** Its retention period ended: the content was erased (actor null: the server's daily job). */
      type: "fragment-expired";
      fragment: string;
      category: Category;
      releasedAt: string;
      rule: { agreement: string; version: number; article: string; retentionDays: number };
    }
  | { type: "log-exported" }
  | { type: "agreement-signed"; agreement: string; version: number; hash: string; organisation: string }
  | { type: "agreement-in-force"; agreement: string; version: number; hash: string }
  | { type: "agreement-signed-for-table"; agreement: string; version: number; hash: string; organisation: string }
  | { type: "release-flagged"; fragment: string; agreement: string; version: number }
  | { type: "meeting-opened"; meeting: string; number: number }
  | { type: "attendance-recorded"; meeting: string; subject: string; status: string }
  | { type: "meeting-confirmed"; meeting: string; statement: string }
  | { type: "decision-recorded"; meeting: string; decision: string }
  | { type: "action-created"; action: string; subject: string; due: string }
  | { type: "action-updated"; action: string; status: string }
  | { type: "minutes-finalised"; meeting: string; version: number; hash: string }
  | { type: "minutes-distributed"; meeting: string; recipient: string; hash: string }
  | { type: "feedback-drafted"; sheet: string; hash: string }
  | { type: "feedback-approved"; sheet: string; hash: string }
  | { type: "feedback-sent"; sheet: string; hash: string; addressee: string }
  | { type: "disclosure-report"; person: string; format: "json" | "csv" | "pdf" }
  | { type: "disclosure-deferred"; person: string; deferral: string }
  // The case from referral to closure (issue 9): ids, outcomes, tracks and dates only;
  // descriptions, reasons and names stay in the sealed table document.
  | { type: "referral-received"; referral: string; organisation: string; consent: "given" | "refused" | "not-asked"; informed: "yes" | "no" }
  | { type: "triage-checked"; referral: string; met: number[]; notMet: number[] }
  | { type: "triage-decided"; referral: string; outcome: "accept" | "refer-elsewhere" | "no-action"; caseTable?: string; track?: number }
  | { type: "case-opened"; track: number; referral?: string; triageTable?: string; fromTable?: string }
  | { type: "case-repeat"; personsConcerned: string[] }
  | { type: "case-review-set"; date: string }
  | { type: "case-track-changed"; from: number | null; to: number; change: string }
  | { type: "case-closed"; change: string; because?: "transferred" }
  /** `agreement`: the receiving partnership's version in force the transfer was checked against. */
  | { type: "case-transferred"; direction: "out" | "in"; table: string; agreement: { id: string; version: number; hash: string } }
  /** A referral not accepted reached the end of its term: its description and the decision's reason were erased (domain/caseDataRetention.ts). */
  | { type: "referral-expired"; referral: string; outcome: "refer-elsewhere" | "no-action"; decidedAt: string; retentionDays: number }
  /** A closed case reached the end of its term: the persons' names and birth dates were erased; pseudonyms stay. */
  | { type: "identities-expired"; personsConcerned: string[]; closedAt: string; retentionMonths: number };

export type LogEntry = Base & LogEntryBody;
export type LogEntryType = LogEntry["type"];
/** What a caller appends: the log assigns seq and time. */
export type NewLogEntry = { actor: string | null } & LogEntryBody;
