// Retention: each information category is kept for the period its agreement article
// sets (AgreementBody.categories[].retentionDays), counted from the release. When it
// ends, the fragment's content is erased from the table document — the only store that
// holds it (drafts leave the table document on release; the board, notebooks and frozen
// minutes hold fragment ids only; the log holds metadata and the commitment) — and the
// log records `fragment-expired`. Metadata and the commitment stay.
//
// Why from the release, not from closure: the release is when the information left its
// author, it is in the log for anyone to check, every table has it (closure is a later
// step that not every table reaches), and a long-running table must not keep what it
// learned years ago only because it is still open (GDPR art. 5(1)(e)). The chair's
// review at closure (`retentionAtTable`) shows what falls due and when.
//
// Ordering and crashes: under the table lock, the content is erased first (one durable,
// all-or-nothing write of the table document), then the log entry is appended. A crash
// in between leaves no content and an expired fragment without its entry; every run
// appends the entries missing for expired fragments, so the next run (at start) repairs
// it. Running twice changes nothing the second time.
//
// Which tables a run opens: only those the retention index (retentionIndex.ts, in
// tafel.json) says may have something due — so a start-up does not load every table.
import type { RetentionTableView, ExpiredFragmentView } from "../../shared/types.js";
import type { Category } from "../../shared/schemas.js";
import type { NewLogEntry } from "../log/entries.js";
import { maySeeExpiry } from "../policies/fragment.js";
import { mayOverseeRetention, mayReviewRetention } from "../policies/retention.js";
import { presentExpiredFragment, presentRetentionItem } from "../presenters/retention.js";
import type { Account, Fragment, RetentionRule, TableData, TableIndexEntry } from "../store/records.js";
import type { TableFiles } from "../store/store.js";
import { participationOf, tableFor, type Context } from "./context.js";
import { forbidden } from "./errors.js";
import { fillOldestKept, settleOldestKept, type OldestKept } from "./retentionIndex.js";

const DAY_MS = 86_400_000;

/**
 * The article that sets how long this category is kept at this table: the version in
 * force decides; if it no longer lists the category, the latest earlier version in
 * force that did. Null when the table has no agreement or no version names the category
 * (the job then never deletes it; the DPO and the chair see it without a due date).
 */
export function retentionRuleFor(ctx: Context, table: Readonly<Pick<TableData, "agreementId">>, category: Category): RetentionRule | null {
  if (!table.agreementId) return null;
  const agreement = (ctx.store.global.data.agreements ?? []).find((a) => a.id === table.agreementId);
  if (!agreement) return null;
  const inForce = agreement.versions.filter((v) => v.inForceAt !== undefined).sort((a, b) => b.number - a.number);
  for (const v of inForce) {
    const c = v.content.categories.find((x) => x.key === category);
    if (c) return { agreementId: agreement.id, version: v.number, article: c.article, retentionDays: c.retentionDays };
  }
  return null;
}

export function dueOf(ctx: Context, table: Readonly<TableData>, f: Fragment): { rule: RetentionRule; dueAt: string } | null {
  const rule = retentionRuleFor(ctx, table, f.category);
  if (!rule) return null;
  return { rule, dueAt: dueAtOf(f.release.releasedAt, rule) };
}

function dueAtOf(releasedAt: string, rule: RetentionRule): string {
  return new Date(Date.parse(releasedAt) + rule.retentionDays * DAY_MS).toISOString();
}

/**
 * Whether anything at this table may be due by `at`, from its index entry alone: some
 * category's oldest kept release plus the period in force now. True when the entry
 * has no index yet (tables from before it: the job opens them once). Never false for a
 * table with something due, because the index is never later than the truth.
 */
export function mayHaveDue(ctx: Context, entry: Readonly<TableIndexEntry>, at: string): boolean {
  if (entry.oldestKept === undefined) return true;
  return (Object.entries(entry.oldestKept) as [Category, string][]).some(([category, releasedAt]) => {
    const rule = retentionRuleFor(ctx, entry, category);
    return rule !== null && dueAtOf(releasedAt, rule) <= at;
  });
}

/** Lets a test stop the job between erasing and logging, as a crash would. */
export interface ExpiryHooks {
  afterErase?(tableId: string): void | Promise<void>;
}

/**
 * Expires what is due at one table; returns the ids expired now, and the table's index
 * entry when it had none yet (for the run to write with the others in one go).
 */
export async function expireDueAt(
  ctx: Context,
  files: TableFiles,
  now: Date,
  hooks: ExpiryHooks = {},
): Promise<{ expired: string[]; unindexed: OldestKept | null }> {
  const done = await files.lock.runExclusive(async () => {
    const at = now.toISOString();
    const table = files.doc.data;
    const due = table.fragments.flatMap((f) => {
      if (f.expired) return [];
      const d = dueOf(ctx, table, f);
      return d && d.dueAt <= at ? [{ id: f.id, ...d }] : [];
    });
    const recipients = new Map<string, string[]>();
    if (due.length > 0) {
      await files.doc.update((d) => {
        for (const x of due) {
          const f = d.fragments.find((y) => y.id === x.id);
          if (!f) continue;
          recipients.set(f.id, f.release.recipients.filter((r) => !r.revokedAt).map((r) => r.accountId));
          // Content, and what would let anyone test a guess of it against the commitment.
          f.title = "";
          f.body = "";
          f.salt = "";
          f.release.justification = "";
          f.expired = { at, dueAt: x.dueAt, rule: x.rule };
        }
        // Rewritten whole: no journal line of the table keeps the content (durableDoc.ts).
      }, { erase: true });
      await hooks.afterErase?.(files.id);
    }
    // Every expired fragment without its entry: those erased just now, and any erased
    // before a crash that came before the log append.
    const logged = new Set(files.log.entries.flatMap((e) => (e.type === "fragment-expired" ? [e.fragment] : [])));
    const entries: NewLogEntry[] = files.doc.data.fragments.flatMap((f) =>
      f.expired && !logged.has(f.id)
        ? [
            {
              actor: null,
              type: "fragment-expired" as const,
              fragment: f.id,
              category: f.category,
              releasedAt: f.release.releasedAt,
              rule: { agreement: f.expired.rule.agreementId, version: f.expired.rule.version, article: f.expired.rule.article, retentionDays: f.expired.rule.retentionDays },
            },
          ]
        : [],
    );
    if (entries.length > 0) await files.log.append(entries);
    // Erased and logged: the index may now move on (never before, see retentionIndex.ts).
    const unindexed = await settleOldestKept(ctx, files);
    return { expired: due.map((x) => x.id), recipients, logged: entries.length, unindexed };
  });
  // Open views drop the content at once (the same event as a revocation), and every
  // participant's log and lists refresh.
  for (const [fragmentId, ids] of done.recipients) ctx.notifier.fragmentRevoked(files.id, fragmentId, ids);
  if (done.logged > 0) ctx.notifier.tableChanged(files.id, ["log", "fragments"]);
  return { expired: done.expired, unindexed: done.unindexed };
}

export interface RetentionRun {
  at: string;
  expired: { tableId: string; fragmentId: string }[];
  /** Tables that could not be processed (e.g. a damaged log); retried on the next run. */
  failed: string[];
}

/**
 * One pass over every table that may have something due: what the daily job runs. The
 * others are not opened. One table failing does not stop the others.
 */
export async function runRetention(ctx: Context, hooks: ExpiryHooks = {}): Promise<RetentionRun> {
  const now = ctx.now();
  const run: RetentionRun = { at: now.toISOString(), expired: [], failed: [] };
  const indexed = new Map<string, OldestKept>();
  for (const entry of ctx.store.global.data.tables) {
    if (!mayHaveDue(ctx, entry, run.at)) continue;
    try {
      const files = await ctx.store.table(entry.id);
      if (!files) continue;
      const { expired, unindexed } = await expireDueAt(ctx, files, now, hooks);
      for (const fragmentId of expired) run.expired.push({ tableId: entry.id, fragmentId });
      if (unindexed) indexed.set(entry.id, unindexed);
    } catch (err) {
      run.failed.push(entry.id);
      ctx.logger.error(`retention: table ${entry.id} not processed: ${err instanceof Error ? err.name : "error"}`);
    }
  }
  try {
    await fillOldestKept(ctx, indexed);
  } catch (err) {
    // Nothing lost: those tables are simply opened again on the next run.
    ctx.logger.error(`retention: index not written: ${err instanceof Error ? err.name : "error"}`);
  }
  if (run.expired.length > 0) ctx.logger.info(`retention: ${run.expired.length} fragment(s) expired`);
  return run;
}

function dueView(ctx: Context, table: Readonly<TableData>, withinDays: number | undefined, now = ctx.now()): RetentionTableView {
  const horizon = withinDays === undefined ? null : new Date(now.getTime() + withinDays * DAY_MS).toISOString();
  const global = ctx.store.global.data;
  const items = table.fragments
    .map((f) => presentRetentionItem(global, table, f, f.expired ? null : dueOf(ctx, table, f)))
    // With a horizon: what is still to be deleted by then. Without: everything, for the review.
    .filter((i) => horizon === null || (!i.expiredAt && i.dueAt !== undefined && i.dueAt <= horizon))
    .sort((a, b) => (a.dueAt ?? "\uffff").localeCompare(b.dueAt ?? "\uffff"));
  return {
    table: { id: table.id, caseCode: table.caseCode },
    asOf: now.toISOString(),
    ...(withinDays !== undefined ? { withinDays } : {}),
    items,
  };
}

/** The chair's review (e.g. at closure): every release at the table and when it falls due. */
export async function retentionAtTable(ctx: Context, actor: Account, tableId: string, withinDays?: number): Promise<RetentionTableView> {
  const { files, participation } = await tableFor(ctx, actor, tableId, "view");
  const decision = mayReviewRetention(actor, participation);
  if (!decision.allowed) throw forbidden(decision.reason);
  return dueView(ctx, files.doc.data, withinDays);
}

/** The DPO's overview: per table, what falls due within `withinDays` (30 by default). */
export async function retentionForDpo(ctx: Context, actor: Account, withinDays = 30): Promise<RetentionTableView[]> {
  const decision = mayOverseeRetention(actor);
  if (!decision.allowed) throw forbidden(decision.reason);
  const views: RetentionTableView[] = [];
  const now = ctx.now();
  const horizon = new Date(now.getTime() + withinDays * DAY_MS).toISOString();
  for (const entry of ctx.store.global.data.tables) {
    // Only tables with something due within the horizon have items: the others stay unopened.
    if (!mayHaveDue(ctx, entry, horizon)) continue;
    const files = await ctx.store.table(entry.id);
    if (!files) continue;
    const view = dueView(ctx, files.doc.data, withinDays, now);
    if (view.items.length > 0) views.push(view);
  }
  return views;
}

/** Expired fragments this person wrote or received: when and under which article. No content. */
export async function expiredFor(ctx: Context, actor: Account, tableId: string): Promise<ExpiredFragmentView[]> {
  const { files } = await tableFor(ctx, actor, tableId, "view");
  const participation = participationOf(ctx, tableId, actor.id);
  const table = files.doc.data;
  return table.fragments.flatMap((f) => {
    if (!maySeeExpiry(actor, participation, f).allowed) return [];
    const view = presentExpiredFragment(ctx.store.global.data, table, f);
    return view ? [view] : [];
  });
}
