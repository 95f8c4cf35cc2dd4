// The case-data index: per table, when the earliest case data beyond fragments falls due
// (`TableIndexEntry.caseDataDueAt` in tafel.json) — a referral not accepted, a closed
// case's names and birth dates (caseDataRetention.ts). With it the daily job and the
// DPO's overview open only the triage and case tables where something is due, as
// retentionIndex.ts does for fragments, so start-up stays lazy.
//
// Never later than the truth: a decision not to accept and a closure note their due time
// here before the table document records them (a crash in between leaves the index
// early: one needless visit, which corrects it), and the job writes the exact value from
// the document under the table lock after erasing and logging. Unlike a fragment's
// period, these terms are constants, so a due time never moves once known.
import type { TableIndexEntry, TableData } from "../store/records.js";
import type { Context } from "./context.js";
import { identitiesDueAt, referralDueAt } from "./caseDataTerms.js";

/** The earliest due time of the case data a table document still holds; null if none. */
export function caseDataDueIn(table: Readonly<TableData>): string | null {
  const dues = (table.referrals ?? []).flatMap((r) => {
    const due = r.expired ? null : referralDueAt(r);
    return due === null ? [] : [due];
  });
  const identities = identitiesDueAt(table);
  if (identities !== null) dues.push(identities);
  return dues.sort()[0] ?? null;
}

/** Whether the job (or the DPO's overview up to `until`) must open this table. */
export function mayHaveCaseDataDue(entry: Readonly<TableIndexEntry>, until: string): boolean {
  if (entry.caseDataDueAt === undefined) return true;
  return entry.caseDataDueAt !== null && entry.caseDataDueAt <= until;
}

const earlier = (a: string | null, b: string): string => (a !== null && a <= b ? a : b);

/**
 * Before a change that makes case data at `table` fall due at `dueAt` is recorded (under
 * the table lock): the index must not say later. Writes tafel.json only when it would.
 * An entry from before the index gets its whole value now, from the document at hand, so
 * that a job run that computed it before this change cannot write a later one after it.
 */
export async function noteCaseDataDue(ctx: Context, table: Readonly<TableData>, dueAt: string): Promise<void> {
  const known = ctx.store.global.data.tables.find((t) => t.id === table.id)?.caseDataDueAt;
  if (known !== undefined && known !== null && known <= dueAt) return;
  await ctx.store.global.update((d) => {
    const entry = d.tables.find((t) => t.id === table.id);
    if (entry) entry.caseDataDueAt = earlier(entry.caseDataDueAt === undefined ? caseDataDueIn(table) : entry.caseDataDueAt, dueAt);
  });
}

/**
 * After the job's visit (under the table lock, once everything due is erased and logged):
 * the exact value. An entry that had none is returned rather than written, so that the
 * run writes all of those in one update of tafel.json (`fillCaseDataDue`).
 */
export async function settleCaseDataDue(ctx: Context, tableId: string, table: Readonly<TableData>): Promise<string | null | undefined> {
  const exact = caseDataDueIn(table);
  const entry = ctx.store.global.data.tables.find((t) => t.id === tableId);
  if (!entry) return undefined;
  if (entry.caseDataDueAt === undefined) return exact;
  if (entry.caseDataDueAt !== exact) {
    await ctx.store.global.update((d) => {
      const e = d.tables.find((t) => t.id === tableId);
      if (e) e.caseDataDueAt = exact;
    });
  }
  return undefined;
}

/** Writes the values computed for entries that had none, in one update; only where still absent. */
export async function fillCaseDataDue(ctx: Context, computed: ReadonlyMap<string, string | null>): Promise<void> {
  if (computed.size === 0) return;
  await ctx.store.global.update((d) => {
    for (const entry of d.tables) {
      const due = computed.get(entry.id);
      if (due !== undefined && entry.caseDataDueAt === undefined) entry.caseDataDueAt = due;
    }
  });
}
