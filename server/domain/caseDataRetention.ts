// Retention of case data beyond fragments (issue 9): what the triage and case tables
// hold outside any release, erased by the daily job when its term ends.
//
// - A referral that was not accepted (refer elsewhere / no action): its description, the
//   reasons given for consent and informing, the decision's reason and where it was
//   referred to. Its status, checklist answers and
//   ids stay, and the log keeps the decision's metadata.
// - The names and birth dates of a closed case's persons concerned (entered at
//   acceptance). Their pseudonyms stay, and so does the keyed hash in tafel.json that
//   flags a return (personMatch.ts), which is pruned after the same 12 months.
//
// The sharing agreement has no field for either term (its retention periods are per
// information category, for released fragments), so each is a named constant below.
//
// Ordering and crashes as for fragments (retention.ts): under the table lock, the
// content is erased first (one durable, all-or-nothing write of the table document),
// then the log entry is appended; every run appends the entries missing for what was
// erased before, so a crash in between is repaired by the next run. Running twice
// changes nothing the second time.
import type { CaseDataRetentionItemView } from "../../shared/types.js";
import type { NewLogEntry } from "../log/entries.js";
import { mayOverseeRetention } from "../policies/retention.js";
import { presentCaseDataItem } from "../presenters/caseDataRetention.js";
import type { Account, Referral, TableData } from "../store/records.js";
import type { TableFiles } from "../store/store.js";
import type { Context } from "./context.js";
import { forbidden } from "./errors.js";

const DAY_MS = 86_400_000;

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

type NotAccepted = Referral & { decision: NonNullable<Referral["decision"]> & { outcome: "refer-elsewhere" | "no-action" } };

function isNotAccepted(r: Referral): r is NotAccepted {
  return r.decision !== undefined && r.decision.outcome !== "accept";
}

/** When a referral's content falls due; null while it waits for triage or once accepted. */
export function referralDueAt(r: Referral): string | null {
  if (!isNotAccepted(r)) return null;
  return new Date(Date.parse(r.decision.at) + NOT_ACCEPTED_REFERRAL_RETENTION_DAYS * DAY_MS).toISOString();
}

/** When a closed case's identities fall due; null while the case is open or none were entered. */
export function identitiesDueAt(table: Readonly<TableData>): string | null {
  const closedAt = table.caseFile?.status === "closed" ? table.caseFile.closedAt : undefined;
  if (!closedAt || (table.identities ?? []).length === 0) return null;
  const due = new Date(closedAt);
  due.setUTCMonth(due.getUTCMonth() + CLOSED_CASE_IDENTITY_RETENTION_MONTHS);
  return due.toISOString();
}

/** Erases what is due at one table and logs it; returns how many items were erased now. */
export async function expireCaseDataAt(ctx: Context, files: TableFiles, now: Date): Promise<number> {
  const done = await files.lock.runExclusive(async () => {
    const at = now.toISOString();
    const table = files.doc.data;
    const referrals = (table.referrals ?? []).filter((r) => {
      const due = referralDueAt(r);
      return !r.expired && due !== null && due <= at;
    });
    const identitiesDue = identitiesDueAt(table);
    const identities = identitiesDue !== null && identitiesDue <= at;
    if (referrals.length > 0 || identities) {
      await files.doc.update((d) => {
        for (const x of referrals) {
          const r = d.referrals?.find((y) => y.id === x.id);
          const dueAt = referralDueAt(x);
          if (!r?.decision || dueAt === null) continue;
          r.description = "";
          // The reasons for not asking consent or not informing are free text about the family too.
          if ("reason" in r.consent) r.consent.reason = "";
          if ("reason" in r.informed) r.informed.reason = "";
          r.decision.reason = "";
          if (r.decision.referredTo !== undefined) r.decision.referredTo = "";
          r.expired = { at, dueAt };
        }
        if (identities && identitiesDue !== null && d.caseFile) {
          d.caseFile.identitiesExpired = { at, dueAt: identitiesDue, personIds: (d.identities ?? []).map((i) => i.personId) };
          d.identities = [];
        }
      });
    }
    // Everything erased without its entry: now, or before a crash that came before the append.
    const data = files.doc.data;
    const logged = new Set(files.log.entries.flatMap((e) => (e.type === "referral-expired" ? [e.referral] : [])));
    const identitiesLogged = files.log.entries.some((e) => e.type === "identities-expired");
    const entries: NewLogEntry[] = (data.referrals ?? []).flatMap((r) =>
      r.expired && isNotAccepted(r) && !logged.has(r.id)
        ? [{ actor: null, type: "referral-expired" as const, referral: r.id, outcome: r.decision.outcome, decidedAt: r.decision.at, retentionDays: NOT_ACCEPTED_REFERRAL_RETENTION_DAYS }]
        : [],
    );
    const erased = data.caseFile?.identitiesExpired;
    if (erased && data.caseFile?.closedAt && !identitiesLogged) {
      entries.push({
        actor: null,
        type: "identities-expired",
        personsConcerned: erased.personIds,
        closedAt: data.caseFile.closedAt,
        retentionMonths: CLOSED_CASE_IDENTITY_RETENTION_MONTHS,
      });
    }
    if (entries.length > 0) await files.log.append(entries);
    return { erased: referrals.length + (identities ? 1 : 0), logged: entries.length };
  });
  if (done.logged > 0) ctx.notifier.tableChanged(files.id, ["log", "participants"]);
  return done.erased;
}

export interface CaseDataRun {
  /** Items erased in this run: referrals, and closed cases' identities (one per table). */
  caseDataExpired: number;
  /** Tables that could not be processed; retried on the next run. */
  caseDataFailed: string[];
}

/** Triage and case tables only: other tables hold neither referrals nor identities. */
const holdsCaseData = (kind: string | undefined) => kind === "triage" || kind === "case";

/** One pass over the triage and case tables, run by the daily job after the fragments' pass. */
export async function runCaseDataRetention(ctx: Context): Promise<CaseDataRun> {
  const now = ctx.now();
  const run: CaseDataRun = { caseDataExpired: 0, caseDataFailed: [] };
  for (const entry of ctx.store.global.data.tables) {
    if (!holdsCaseData(entry.kind)) continue;
    try {
      const files = await ctx.store.table(entry.id);
      if (!files) continue;
      run.caseDataExpired += await expireCaseDataAt(ctx, files, now);
    } catch (err) {
      run.caseDataFailed.push(entry.id);
      ctx.logger.error(`retention: case data of table ${entry.id} not processed: ${err instanceof Error ? err.name : "error"}`);
    }
  }
  if (run.caseDataExpired > 0) ctx.logger.info(`retention: ${run.caseDataExpired} referral(s) or case identities expired`);
  return run;
}

/** The DPO's overview: referrals and closed cases' identities that fall due within `withinDays`. */
export async function caseDataForDpo(ctx: Context, actor: Account, withinDays = 30): Promise<CaseDataRetentionItemView[]> {
  const decision = mayOverseeRetention(actor);
  if (!decision.allowed) throw forbidden(decision.reason);
  const horizon = new Date(ctx.now().getTime() + withinDays * DAY_MS).toISOString();
  const items: CaseDataRetentionItemView[] = [];
  for (const entry of ctx.store.global.data.tables) {
    if (!holdsCaseData(entry.kind)) continue;
    const files = await ctx.store.table(entry.id);
    if (!files) continue;
    const table = files.doc.data;
    for (const r of table.referrals ?? []) {
      const dueAt = referralDueAt(r);
      if (isNotAccepted(r) && !r.expired && dueAt !== null && dueAt <= horizon) {
        items.push(presentCaseDataItem(table, { kind: "referral", referral: r.id, since: r.decision.at, dueAt, days: NOT_ACCEPTED_REFERRAL_RETENTION_DAYS }));
      }
    }
    const dueAt = identitiesDueAt(table);
    if (dueAt !== null && dueAt <= horizon && table.caseFile?.closedAt) {
      items.push(presentCaseDataItem(table, { kind: "identities", since: table.caseFile.closedAt, dueAt, months: CLOSED_CASE_IDENTITY_RETENTION_MONTHS }));
    }
  }
  return items.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}
