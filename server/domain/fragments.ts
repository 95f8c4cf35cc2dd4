// Releasing, delivering, opening and revoking fragments: the core of Tafel.
//
// Invariant 1: content is put on the wire only by `deliver` (to a recipient, after
// policies/fragment.ts allowed it) and by `listReleased` (to the author).
// Invariant 2: `deliver` appends `fragment-sent` durably, then hands the content to
// `send` — inside the table lock, so a revocation or removal that commits after it is
// ordered after it on every socket, and one that committed before it is seen by it.
// `release` does the same for the recipients' open sockets within its own lock: their
// `fragment-sent` entries share the append of `fragment-released` (one fsync), and the
// content goes out once that append and the table document are both durable.
import { randomBytes, randomUUID } from "node:crypto";
import { commitTo } from "../log/commitment.js";
import type { Category, ReleaseBody, ReleaseCheckQuery, RevokeBody, TablePurpose } from "../../shared/schemas.js";
import { allow, refuse, type Decision } from "../policies/decision.js";
import { mayReleaseUnder } from "../policies/agreement.js";
import { presentPerson } from "../presenters/person.js";
import { rulesOf } from "./agreements.js";
import type { AuthoredFragmentView, ReceivedFragmentView, ReleaseCheckView } from "../../shared/types.js";
import type { Account, Fragment } from "../store/records.js";
import type { TableFiles } from "../store/store.js";
import { isCurrentRecipient, mayReceiveContent, mayReleaseTo, mayRevoke, maySeeExpiry } from "../policies/fragment.js";
import { presentAuthoredFragment, presentReceivedFragment } from "../presenters/fragment.js";
import { accountById, activeParticipation, participationOf, sectorOf, tableFor, type Context } from "./context.js";
import { riskReleaseProblems } from "./riskChecklists.js";
import { conflict, forbidden, invalid, notFound, TafelError } from "./errors.js";
import { mayWhileStatus } from "../policies/case.js";
import { noteRelease } from "./retentionIndex.js";

export async function release(
  ctx: Context,
  actor: Account,
  tableId: string,
  draftId: string,
  body: ReleaseBody,
): Promise<AuthoredFragmentView> {
  const { files } = await tableFor(ctx, actor, tableId, "release");
  const fragment = await files.lock.runExclusive(async () => {
    const table = files.doc.data;
    // Checked again under the lock: a closure that committed while we waited wins.
    const open = mayWhileStatus(table, "release");
    if (!open.allowed) throw conflict(open.reason);
    const draft = table.drafts.find((d) => d.id === draftId && d.ownerId === actor.id);
    if (!draft) throw notFound("You have no draft with this id at this table.");
    const problems = body.recipients.flatMap((id, i) => {
      const decision = mayReleaseTo(actor, activeParticipation(ctx, tableId, id), id, accountById(ctx, id));
      const ruled = decision.allowed ? agreementDecision(ctx, table.agreementId, id, body.category, body.purpose) : decision;
      return ruled.allowed ? [] : [{ path: `recipients.${i}`, message: ruled.reason }];
    });
    body.personsConcerned.forEach((id, i) => {
      if (!table.personsConcerned.some((p) => p.id === id)) {
        problems.push({ path: `personsConcerned.${i}`, message: "is not a person concerned of this table" });
      }
    });
    // A risk checklist is scored again here, against the template in force now.
    problems.push(...riskReleaseProblems(ctx, table, draft, body));
    if (problems.length > 0) {
      throw invalid(`Nothing was released: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`, problems);
    }
    const now = new Date().toISOString();
    const salt = randomBytes(32).toString("hex");
    const f: Fragment = {
      id: randomUUID(),
      authorId: actor.id,
      title: draft.title,
      body: draft.body,
      category: body.category,
      kind: body.kind,
      personsConcerned: body.personsConcerned,
      salt,
      commitment: commitTo(salt, draft.title, draft.body),
      release: {
        purpose: body.purpose,
        justification: body.justification,
        releasedAt: now,
        recipients: body.recipients.map((accountId) => ({ accountId, releasedAt: now })),
      },
    };
    // Live deliveries: the recipients' sockets open at the table now, each checked by the
    // delivery policy like any other. A socket that opens the table after this moment
    // gets the fragment from its own `table:open`, which waits for this lock.
    const live = ctx.liveChannels(files, body.recipients).flatMap((c) => {
      const recipient = accountById(ctx, c.recipientId);
      if (!recipient || !mayReceiveContent(recipient, participationOf(ctx, tableId, recipient.id), f).allowed) return [];
      return [{ ...c, deliveryId: randomUUID() }];
    });
    // The log and the retention index (retentionIndex.ts) before the table: if the
    // process dies before the table is written, both over-state (a release, and sends,
    // that did not happen), they never under-state.
    await allDone([
      noteRelease(ctx, files, f.category, now),
      files.log.append([
        {
          actor: actor.id,
          type: "fragment-released",
          fragment: f.id,
          category: f.category,
          kind: f.kind,
          personsConcerned: f.personsConcerned,
          recipients: body.recipients,
          purpose: body.purpose,
          commitment: f.commitment,
        },
        ...live.map((d) => ({ actor: null, type: "fragment-sent" as const, fragment: f.id, recipient: d.recipientId, delivery: d.deliveryId, channel: "socket" as const })),
      ]),
    ]);
    await files.doc.update((d) => {
      d.drafts = d.drafts.filter((x) => x.id !== draftId);
      d.fragments.push(f);
    });
    // Released, logged as sent, and durable: only now does content leave (invariant 2).
    if (live.length > 0) {
      const view = presentReceivedFragment(ctx.store.global.data, files.doc.data, f);
      for (const d of live) d.send(d.deliveryId, view);
    }
    return f;
  });
  ctx.notifier.fragmentReleased(tableId, fragment.id, body.recipients);
  ctx.notifier.tableChanged(tableId, ["log"]);
  return presentAuthoredFragment(ctx.store.global.data, files.doc.data, fragment, files.log.receipts);
}

/** Like Promise.all, but settles only once every write has (no write outlives the lock). */
async function allDone(writes: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(writes)).find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
}

/** What the table's agreement says about releasing this category to this recipient. */
function agreementDecision(ctx: Context, agreementId: string | undefined, recipientId: string, category: Category, purpose: TablePurpose): Decision {
  const rules = rulesOf(ctx, agreementId);
  if (!rules) return allow;
  if (!rules.version) return refuse("This table's sharing agreement has no version in force: nothing can be released until every member organisation has signed.");
  return mayReleaseUnder(rules.version, category, sectorOf(ctx, recipientId), purpose);
}

/** The release dialog's preview: for each possible recipient, allowed or the agreement's reason. */
export async function checkRelease(ctx: Context, actor: Account, tableId: string, q: ReleaseCheckQuery): Promise<ReleaseCheckView[]> {
  const { files } = await tableFor(ctx, actor, tableId, "release");
  const global = ctx.store.global.data;
  return global.participations
    .filter((p) => p.tableId === tableId && p.state === "active" && p.accountId !== actor.id)
    .map((p) => {
      const person = mayReleaseTo(actor, p, p.accountId, accountById(ctx, p.accountId));
      const decision = person.allowed ? agreementDecision(ctx, files.doc.data.agreementId, p.accountId, q.category, q.purpose) : person;
      return { recipient: presentPerson(global, p.accountId), allowed: decision.allowed, ...(decision.allowed ? {} : { reason: decision.reason }) };
    });
}

export async function listReleased(ctx: Context, actor: Account, tableId: string): Promise<AuthoredFragmentView[]> {
  const { files } = await tableFor(ctx, actor, tableId, "view");
  const { data } = files.doc;
  return data.fragments
    .filter((f) => f.authorId === actor.id)
    .map((f) => presentAuthoredFragment(ctx.store.global.data, data, f, files.log.receipts));
}

export type Send = (deliveryId: string, view: ReceivedFragmentView) => void;

/**
 * Delivers one fragment to one recipient over one channel, if the policy allows it now.
 * Returns false (and sends nothing, logs nothing) if it does not.
 */
export async function deliver(
  ctx: Context,
  files: TableFiles,
  recipient: Account,
  fragmentId: string,
  channel: "socket" | "rest",
  send: Send,
): Promise<boolean> {
  return (await deliverAll(ctx, files, [{ recipient, fragmentId, channel, send }])) === 1;
}

export interface Delivery {
  recipient: Account;
  fragmentId: string;
  channel: "socket" | "rest";
  send: Send;
}

/**
 * Several deliveries under one table lock and one durable log append (one fsync):
 * each is checked against the policy, all allowed ones are logged `fragment-sent`, and
 * only then is any content handed over. Returns how many were sent. Given a function,
 * the deliveries are computed under the lock.
 */
export async function deliverAll(ctx: Context, files: TableFiles, deliveries: readonly Delivery[] | (() => readonly Delivery[])): Promise<number> {
  if (Array.isArray(deliveries) && deliveries.length === 0) return 0;
  return files.lock.runExclusive(async () => {
    const asked = typeof deliveries === "function" ? deliveries() : deliveries;
    const allowed = asked.flatMap((d) => {
      const fragment = files.doc.data.fragments.find((f) => f.id === d.fragmentId);
      if (!fragment || fragment.authorId === d.recipient.id) return [];
      // The account as stored now (a disable may have committed since the caller read it).
      const recipient = accountById(ctx, d.recipient.id);
      if (!recipient) return [];
      const decision = mayReceiveContent(recipient, participationOf(ctx, files.id, d.recipient.id), fragment);
      return decision.allowed ? [{ ...d, fragment, deliveryId: randomUUID() }] : [];
    });
    if (allowed.length === 0) return 0;
    await files.log.append(
      allowed.map((d) => ({
        actor: null,
        type: "fragment-sent" as const,
        fragment: d.fragment.id,
        recipient: d.recipient.id,
        delivery: d.deliveryId,
        channel: d.channel,
      })),
    );
    for (const d of allowed) d.send(d.deliveryId, presentReceivedFragment(ctx.store.global.data, files.doc.data, d.fragment));
    return allowed.length;
  });
}

/** Ids of the fragments currently released to this person at this table. */
export function receivedFragmentIds(files: TableFiles, accountId: string): string[] {
  return files.doc.data.fragments.filter((f) => f.authorId !== accountId && isCurrentRecipient(f, accountId)).map((f) => f.id);
}

/** The server's delivery with this id to this recipient (by index, not a scan of the log). */
function sentTo(files: TableFiles, deliveryId: string, recipientId: string) {
  const sent = files.log.deliveries.sent(deliveryId);
  return sent && sent.recipient === recipientId ? sent : undefined;
}

/**
 * The device acknowledged a socket delivery: log it once. Unknown deliveries are ignored.
 *
 * A receipt is checked and queued for the log under the table lock (so it is numbered in
 * the order of commands and never twice), but the lock is not held while it is written:
 * the receipts of many sockets then share one write and one fsync (group commit). The
 * promise still resolves only once the receipt is durable. A receipt carries no content,
 * so nothing waits on it before sending.
 */
export async function recordDelivered(ctx: Context, files: TableFiles, recipientId: string, deliveryId: string): Promise<boolean> {
  const queued = await files.lock.runExclusive(() => {
    const sent = sentTo(files, deliveryId, recipientId);
    if (!sent || files.log.deliveries.isDelivered(deliveryId)) return null;
    return {
      written: files.log.append([{ actor: recipientId, type: "fragment-delivered", fragment: sent.fragment, recipient: recipientId, delivery: deliveryId }]),
    };
  });
  if (!queued) return false;
  await queued.written;
  ctx.notifier.tableChanged(files.id, ["log", "fragments"]);
  return true;
}

/**
 * The fragment was shown to the person. The delivery must be one the server made to
 * this very person for this fragment, and the fragment must still be released to them.
 * The first opening is logged; later ones add nothing.
 */
export async function recordOpened(
  ctx: Context,
  actor: Account,
  tableId: string,
  fragmentId: string,
  deliveryId: string,
): Promise<void> {
  const { files } = await tableFor(ctx, actor, tableId, "view");
  // Checked and queued under the lock, written outside it (group commit, as recordDelivered).
  const queued = await files.lock.runExclusive(() => {
    const sent = sentTo(files, deliveryId, actor.id);
    if (!sent || sent.fragment !== fragmentId) throw notFound("No such delivery to you.");
    const fragment = files.doc.data.fragments.find((f) => f.id === fragmentId);
    const decision = fragment ? mayReceiveContent(actor, participationOf(ctx, tableId, actor.id), fragment) : null;
    if (!decision || !decision.allowed) throw forbidden(decision?.reason ?? "No such fragment.");
    if (files.log.deliveries.wasOpened(fragmentId, actor.id)) return null;
    return { written: files.log.append([{ actor: actor.id, type: "fragment-opened", fragment: fragmentId, recipient: actor.id, delivery: deliveryId }]) };
  });
  if (!queued) return;
  await queued.written;
  ctx.notifier.tableChanged(tableId, ["log", "fragments"]);
}

export async function revoke(
  ctx: Context,
  actor: Account,
  tableId: string,
  fragmentId: string,
  body: RevokeBody,
): Promise<AuthoredFragmentView> {
  const { files, participation } = await tableFor(ctx, actor, tableId, "view");
  const targets = await files.lock.runExclusive(async () => {
    const fragment = files.doc.data.fragments.find((f) => f.id === fragmentId);
    if (!fragment) throw notFound("No fragment with this id at this table.");
    const decision = mayRevoke(actor, participation, fragment);
    if (!decision.allowed) throw forbidden(decision.reason);
    const current = fragment.release.recipients.filter((r) => !r.revokedAt).map((r) => r.accountId);
    const chosen = body.recipients ?? current;
    const problems = chosen.flatMap((id, i) =>
      current.includes(id) ? [] : [{ path: `recipients.${i}`, message: "this fragment is not currently released to them" }],
    );
    if (problems.length > 0) throw invalid(`Nothing was revoked: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`, problems);
    if (chosen.length === 0) throw new TafelError("conflict", "This fragment is already revoked for everyone.");
    const now = new Date().toISOString();
    // Access ends first, then the log records it (a crash in between errs on secrecy).
    await files.doc.update((d) => {
      const f = d.fragments.find((x) => x.id === fragmentId) as Fragment;
      for (const r of f.release.recipients) if (chosen.includes(r.accountId)) r.revokedAt = now;
    });
    await files.log.append(
      chosen.map((recipient) => ({
        actor: actor.id,
        type: "fragment-revoked" as const,
        fragment: fragmentId,
        recipient,
        alreadyDelivered: files.log.deliveries.wasSent(fragmentId, recipient),
      })),
    );
    return chosen;
  });
  ctx.notifier.fragmentRevoked(tableId, fragmentId, targets);
  ctx.notifier.tableChanged(tableId, ["log", "fragments"]);
  const fragment = files.doc.data.fragments.find((f) => f.id === fragmentId) as Fragment;
  return presentAuthoredFragment(ctx.store.global.data, files.doc.data, fragment, files.log.receipts);
}

/** A REST read of one received fragment: a delivery like any other, logged before it is sent. */
export async function readFragment(
  ctx: Context,
  actor: Account,
  tableId: string,
  fragmentId: string,
): Promise<{ deliveryId: string; fragment: ReceivedFragmentView }> {
  const { files } = await tableFor(ctx, actor, tableId, "view");
  let result: { deliveryId: string; fragment: ReceivedFragmentView } | null = null;
  const sent = await deliver(ctx, files, actor, fragmentId, "rest", (deliveryId, fragment) => {
    result = { deliveryId, fragment };
  });
  if (!sent || !result) {
    // Retention ended it: those who could read it learn when and under which article, never content.
    const fragment = files.doc.data.fragments.find((f) => f.id === fragmentId);
    if (fragment?.expired && maySeeExpiry(actor, participationOf(ctx, tableId, actor.id), fragment).allowed) {
      const { at, rule } = fragment.expired;
      throw new TafelError(
        "expired",
        `This fragment expired on ${at.slice(0, 10)} under article ${rule.article} of the sharing agreement (version ${rule.version}: kept ${rule.retentionDays} days from its release); its content was deleted.`,
      );
    }
    throw notFound("No fragment with this id is released to you.");
  }
  return result;
}

