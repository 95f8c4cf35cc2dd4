// A case table's lifecycle: who directs the case (review dates, tracks, closure,
// transfer), what a closed case still allows, and where a case may be transferred to
// or directed by (issue 9). Tables opened before issue 9 have no kind and no case
// file: they are open case tables.
import type { TablePurpose, Sector } from "../../shared/schemas.js";
import type { CaseStatus } from "../../shared/types.js";
import type { Account, AgreementVersion, Organisation, Participation, TableData } from "../store/records.js";
import { isMember, mayReleaseUnder, versionName } from "./agreement.js";
import { allow, refuse, type Decision } from "./decision.js";
import type { TableAction } from "./table.js";

export function caseStatus(table: Pick<TableData, "caseFile">): CaseStatus {
  return table.caseFile?.status ?? "open";
}

/** Once closed, nothing new is released, scheduled or invited; reading stays as the other policies say. */
const CLOSED_REFUSES: ReadonlySet<TableAction> = new Set(["release", "invite", "decline"]);

export function mayWhileStatus(table: Pick<TableData, "caseFile">, action: TableAction): Decision {
  if (caseStatus(table) === "closed" && CLOSED_REFUSES.has(action)) {
    return refuse(
      table.caseFile?.transferredTo
        ? "This case was transferred and is closed here: nothing new can be released, scheduled or invited at this table."
        : "This case is closed: nothing new can be released, scheduled or invited at this table.",
    );
  }
  return allow;
}

/** The case director is the chair of the case table. */
export function mayDirectCase(participation: Participation | undefined): Decision {
  if (!participation || participation.state !== "active") return refuse("You are not a participant of this table.");
  return participation.role === "chair" ? allow : refuse("Only the case director (the chair of this table) can do this.");
}

/** Changes to a case: only at a case table (not triage), only while it is open. */
export function mayChangeCase(table: Pick<TableData, "kind" | "caseFile">): Decision {
  if (table.kind === "triage") return refuse("A triage table has no case to follow up: its referrals are triaged instead.");
  if (caseStatus(table) === "closed") {
    return refuse(table.caseFile?.transferredTo ? "This case was transferred and is closed here." : "This case is already closed.");
  }
  return allow;
}

export function mayChangeTrack(current: number | undefined, to: number): Decision {
  return current === to ? refuse(`The case is already on track ${to}.`) : allow;
}

/** A review date is a date to come: a past one would be overdue the moment it is set. */
export function mayScheduleReview(date: string, today: string): Decision {
  return date < today ? refuse(`A review date must be today (${today}) or later.`) : allow;
}

/**
 * Who may direct a case under a partnership (on acceptance or on transfer): a member
 * account of a member organisation of the version in force, for the agreement's
 * purpose, and to whose sector the agreement lets identity data go (names reach them).
 */
export function mayDirectUnder(
  version: AgreementVersion | undefined,
  purpose: TablePurpose,
  director: Account,
  org: Organisation,
  sector: Sector,
): Decision {
  if (!version) return refuse("The receiving partnership's sharing agreement has no version in force.");
  if (version.content.purpose !== purpose) {
    return refuse(`The case's purpose '${purpose}' does not match the purpose '${version.content.purpose}' of the sharing agreement ${versionName(version)}.`);
  }
  if (director.role !== "member") return refuse("Only a member account can direct a case (not an administrator or the DPO).");
  if (!isMember(version, org.id)) return refuse(`The case director's organisation '${org.name}' is not a member of the sharing agreement ${versionName(version)}.`);
  const identity = mayReleaseUnder(version, "identity-household", sector, purpose);
  return identity.allowed ? allow : refuse(`The persons' identity cannot go to this case director: ${identity.reason}`);
}
