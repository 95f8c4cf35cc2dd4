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
import type { Account } from "../store/records.js";
import type { TableFiles } from "../store/store.js";
import type { Context } from "./context.js";
import { forbidden } from "./errors.js";
import { CLOSED_CASE_IDENTITY_RETENTION_MONTHS, DAY_MS, identitiesDueAt, isNotAccepted, NOT_ACCEPTED_REFERRAL_RETENTION_DAYS, referralDueAt } from "./caseDataTerms.js";
import { fillCaseDataDue, mayHaveCaseDataDue, settleCaseDataDue } from "./caseDataIndex.js";

export { CLOSED_CASE_IDENTITY_RETENTION_MONTHS, NOT_ACCEPTED_REFERRAL_RETENTION_DAYS } from "./caseDataTerms.js";

/**
 * Erases what is due at one table and logs it; returns how many items were erased now,
 * and the table's index value when its entry had none (for the run to write in one go).
 */
export async function expireCaseDataAt(ctx: Context, files: TableFiles, now: Date): Promise<{ erased: number; unindexed: string | null | undefined }> {
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
        // Rewritten whole: no journal line of the table keeps what was erased (durableDoc.ts).
      }, { erase: true });
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
    // Erased and logged: the index may now say exactly when the next item falls due.
    const unindexed = await settleCaseDataDue(ctx, files.id, files.doc.data);
    return { erased: referrals.length + (identities ? 1 : 0), logged: entries.length, unindexed };
  });
  if (done.logged > 0) ctx.notifier.tableChanged(files.id, ["log", "participants"]);
  return { erased: done.erased, unindexed: done.unindexed };
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
  const indexed = new Map<string, string | null>();
  for (const entry of ctx.store.global.data.tables) {
    // Only tables whose index says something may be due: the others stay unloaded.
    if (!holdsCaseData(entry.kind) || !mayHaveCaseDataDue(entry, now.toISOString())) continue;
    try {
      const files = await ctx.store.table(entry.id);
      if (!files) continue;
      const { erased, unindexed } = await expireCaseDataAt(ctx, files, now);
      run.caseDataExpired += erased;
      if (unindexed !== undefined) indexed.set(entry.id, unindexed);
    } catch (err) {
      run.caseDataFailed.push(entry.id);
      ctx.logger.error(`retention: case data of table ${entry.id} not processed: ${err instanceof Error ? err.name : "error"}`);
    }
  }
  try {
    await fillCaseDataDue(ctx, indexed);
  } catch (err) {
    // Nothing lost: those tables are simply opened again on the next run.
    ctx.logger.error(`retention: case-data index not written: ${err instanceof Error ? err.name : "error"}`);
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
    if (!holdsCaseData(entry.kind) || !mayHaveCaseDataDue(entry, horizon)) continue;
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
