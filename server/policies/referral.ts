// Who may refer a case, open a partnership's triage table, check its criteria and
// decide; and what a referral's state still allows. Every referral and triage command
// asks here (issue 9).
//
// A referral is anonymous until accepted: nothing here ever sees a name, because no
// schema before acceptance has a field for one.
import type { Sector, TriageOutcome } from "../../shared/schemas.js";
import type { Account, AgreementVersion, Organisation, Participation, Referral, TableData } from "../store/records.js";
import { isMember, versionName } from "./agreement.js";
import { allow, refuse, type Decision } from "./decision.js";

/** Only members sit in partnerships: administrators manage accounts, the DPO reads reports. */
function memberOnly(actor: Account): Decision {
  return actor.role === "member" ? allow : refuse("Only members of organisations refer and triage cases (not administrators or the DPO).");
}

/** A member organisation of the partnership's agreement in force (what referring and directing a case need). */
export function inPartnership(version: AgreementVersion | undefined, org: Organisation): Decision {
  if (!version) return refuse("This partnership's sharing agreement has no version in force yet: every member organisation must sign it first.");
  if (!isMember(version, org.id)) return refuse(`Organisation '${org.name}' is not a member of the sharing agreement ${versionName(version)}.`);
  return allow;
}

/** Any active member of a partnership refers a case to its triage table. */
export function mayRefer(actor: Account, version: AgreementVersion | undefined, org: Organisation): Decision {
  const member = memberOnly(actor);
  if (!member.allowed) return member;
  const partnership = inPartnership(version, org);
  return partnership.allowed ? allow : refuse(`${partnership.reason} Only its member organisations refer cases to its triage table.`);
}

/** A member of the partnership opens its triage table and chairs it as coordinator. */
export function mayOpenTriageTable(actor: Account, version: AgreementVersion | undefined, org: Organisation): Decision {
  const member = memberOnly(actor);
  if (!member.allowed) return member;
  return inPartnership(version, org);
}

export type TriageStep = "check" | "decide";

/**
 * The coordinator (the triage table's chair) checks the criteria and decides; the
 * parket seat (an active participant from the justice sector) checks them too.
 */
export function mayTriage(table: Pick<TableData, "kind">, participation: Participation | undefined, sector: Sector, step: TriageStep): Decision {
  if (table.kind !== "triage") return refuse("This table is not a triage table: it receives no referrals.");
  if (!participation || participation.state !== "active") return refuse("Only the triage table's participants triage referrals.");
  if (participation.role === "chair") return allow;
  if (step === "check" && sector === "justice") return allow;
  return refuse(
    step === "check"
      ? "Only the coordinator (the triage table's chair) and the parket seat check the triage criteria."
      : "Only the coordinator (the triage table's chair) decides on a referral.",
  );
}

export function isDecided(referral: Pick<Referral, "status">): boolean {
  return referral.status === "accepted" || referral.status === "referred-elsewhere" || referral.status === "no-action";
}

/** The checklist is open until the referral is decided. */
export function mayCheck(referral: Referral): Decision {
  return isDecided(referral) ? refuse(`This referral was already decided (${referral.status}); its checklist is closed.`) : allow;
}

/** "1. text; 2. text." — the criteria named in a refusal, as one sentence. */
function listed(items: string[]): string {
  return `${items.map((t) => t.replace(/[.\s]+$/, "")).join("; ")}.`;
}

/** Decided once; every criterion checked first; accepted only when every criterion is met. */
export function mayDecide(referral: Referral, outcome: TriageOutcome): Decision {
  if (isDecided(referral)) return refuse(`This referral was already decided (${referral.status}).`);
  const answer = (i: number) => referral.checklist.find((c) => c.criterion === i);
  const unanswered = referral.criteria.flatMap((text, i) => (answer(i) ? [] : [`${i + 1}. ${text}`]));
  if (unanswered.length > 0) return refuse(`Check every criterion before deciding. Not checked yet: ${listed(unanswered)}`);
  if (outcome === "accept") {
    const notMet = referral.criteria.flatMap((text, i) => (answer(i)?.met ? [] : [`${i + 1}. ${text}`]));
    if (notMet.length > 0) return refuse(`A referral is accepted only when every criterion is met. Not met: ${listed(notMet)}`);
  }
  return allow;
}

/** The referrer follows their own referral (its status); nobody outside the triage table sees anyone else's. */
export function mayFollowReferral(actor: Account, referral: { referrerId: string }): Decision {
  return referral.referrerId === actor.id ? allow : refuse("This is not your referral.");
}

/**
 * Who may list a partnership's member accounts (to choose a case director): its own
 * members, and the case director of an open case table (to choose whom to transfer to).
 */
export function mayListAccounts(actor: Account, version: AgreementVersion | undefined, org: Organisation, directsACase: boolean): Decision {
  const member = memberOnly(actor);
  if (!member.allowed) return member;
  if (directsACase || (version !== undefined && isMember(version, org.id))) return allow;
  return refuse("Only the partnership's members, and case directors choosing where to transfer a case, see its accounts.");
}
