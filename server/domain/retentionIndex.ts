// The retention index: per table and category, when the oldest fragment whose content
// the table still keeps was released (`TableIndexEntry.oldestKept`, in tafel.json). With
// it the daily job decides from tafel.json alone which tables may have something due
// (retention.ts `mayHaveDue`) and opens only those; every other table's document and
// log stay on disk until someone uses the table (lazy loading).
//
// Why release times, not due times: a due time depends on the agreement version in
// force, which changes for every table under the agreement when a new version is
// signed. A release time does not change; the job adds the period in force when it
// runs, so a changed period needs no upkeep here, and neither does a revocation (a
// revoked fragment's content is kept for its author and expires like any other).
//
// Never later than the truth: a release writes its time here before the fragment is in
// the table document, so a crash in between leaves the index early (the job opens the
// table for nothing and corrects the entry), never late (which would keep content past
// its period). The job recomputes the entry from the document under the table lock,
// after every due fragment is erased and logged; a run that stops before that leaves the
// old, earlier entry, so the next run comes back.
//
// Entries written before this existed have no `oldestKept`: the job opens those tables
// once (as every run did before), computes it, and writes all of them in one update at
// the end of the run — one rewrite of tafel.json, not one per table.
import type { Category } from "../../shared/schemas.js";
import type { Fragment, TableIndexEntry } from "../store/records.js";
import type { TableFiles } from "../store/store.js";
import type { Context } from "./context.js";

export type OldestKept = NonNullable<TableIndexEntry["oldestKept"]>;

/** Per category, the earliest release among the fragments whose content is still kept. */
export function oldestKeptIn(fragments: readonly Fragment[]): OldestKept {
  const kept: OldestKept = {};
  for (const f of fragments) {
    if (f.expired) continue;
    const known = kept[f.category];
    if (known === undefined || f.release.releasedAt < known) kept[f.category] = f.release.releasedAt;
  }
  return kept;
}

function entryOf(ctx: Context, tableId: string): Readonly<TableIndexEntry> | undefined {
  return ctx.store.global.data.tables.find((t) => t.id === tableId);
}

function sameKept(a: OldestKept, b: OldestKept): boolean {
  const keys = Object.keys(a) as Category[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/**
 * Before a fragment of `category` released at `releasedAt` enters the table document
 * (under the table lock): the index must not say the category's oldest kept content is
 * later than that. Writes tafel.json only when it does — the first release of a
 * category at a table, or the first since its last fragment expired.
 */
export async function noteRelease(ctx: Context, files: TableFiles, category: Category, releasedAt: string): Promise<void> {
  // A table without an agreement has no retention period, now or later (its agreement
  // is fixed when it is opened): nothing there is ever due, so nothing to note.
  if (!files.doc.data.agreementId) return;
  const known = entryOf(ctx, files.id)?.oldestKept?.[category];
  if (known !== undefined && known <= releasedAt) return;
  await ctx.store.global.update((d) => {
    const entry = d.tables.find((t) => t.id === files.id);
    if (!entry) return;
    // An entry from before the index: the document is at hand (we hold its lock), so the
    // whole entry is computed now rather than left to the job.
    const kept = entry.oldestKept ?? oldestKeptIn(files.doc.data.fragments);
    const current = kept[category];
    entry.oldestKept = { ...kept, [category]: current !== undefined && current <= releasedAt ? current : releasedAt };
  });
}

/**
 * After the job's visit (call under the table lock, once every due fragment is erased and
 * logged): writes the exact entry if it changed. An entry from before the index is not
 * written here but returned, for `fillOldestKept` to write with the others in one go.
 */
export async function settleOldestKept(ctx: Context, files: TableFiles): Promise<OldestKept | null> {
  const kept = oldestKeptIn(files.doc.data.fragments);
  const entry = entryOf(ctx, files.id);
  if (!entry) return null;
  if (entry.oldestKept === undefined) return kept;
  if (sameKept(entry.oldestKept, kept)) return null;
  await ctx.store.global.update((d) => {
    const e = d.tables.find((t) => t.id === files.id);
    if (e) e.oldestKept = kept;
  });
  return null;
}

/**
 * Writes the entries computed for tables indexed before `oldestKept` existed, in one
 * update. Only where the entry is still absent: a release since then has written a
 * complete entry from a newer document (`noteRelease`), which must not be replaced.
 */
export async function fillOldestKept(ctx: Context, computed: ReadonlyMap<string, OldestKept>): Promise<void> {
  if (computed.size === 0) return;
  await ctx.store.global.update((d) => {
    for (const entry of d.tables) {
      const kept = computed.get(entry.id);
      if (kept && entry.oldestKept === undefined) entry.oldestKept = kept;
    }
  });
}
