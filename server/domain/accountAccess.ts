// Disabling and enabling an account, and ending every session of every account.
//
// A disabled account stays on record: its participations, releases and log entries are
// untouched, so every table's history still reads true. What ends is access: its
// sessions and pending sign-ins are removed in the same durable write that marks it
// disabled, every open socket and Yjs connection of those sessions is closed at once
// (notifier.sessionEnded), sign-in and the second-factor step refuse it, no session
// can start for it (accounts.ts startSession asks again inside its write), and
// policies/fragment.ts refuses it content and releases. Enabling gives back access
// only: the person signs in again.
import type { Account } from "../store/records.js";
import { mayAdminister, mayDisable } from "../policies/admin.js";
import { conflict, forbidden, notFound } from "./errors.js";
import type { Context } from "./context.js";

function endedOnEveryChannel(ctx: Context, sessionIds: readonly string[]): void {
  for (const id of sessionIds) {
    ctx.activity.forget(id);
    ctx.notifier.sessionEnded(id);
  }
}

export async function disableAccount(ctx: Context, actor: Account, accountId: string): Promise<{ account: Account; ended: number }> {
  const outcome = await ctx.store.global.update((d) => {
    const target = d.accounts.find((a) => a.id === accountId);
    if (!target) throw notFound("No account with this id.");
    // The actor as stored now, not as read when the request began.
    const self = d.accounts.find((a) => a.id === actor.id) ?? actor;
    const decision = mayDisable(self, target);
    if (!decision.allowed) throw forbidden(decision.reason);
    if (target.disabled) throw conflict("This account is already disabled.");
    target.disabled = { at: new Date().toISOString(), by: actor.id };
    const ended = d.sessions.filter((s) => s.accountId === accountId).map((s) => s.id);
    d.sessions = d.sessions.filter((s) => s.accountId !== accountId);
    d.pendingSignIns = (d.pendingSignIns ?? []).filter((p) => p.accountId !== accountId);
    return { account: target, ended };
  });
  // Only after the write: a socket closed before it could have been reopened in between.
  endedOnEveryChannel(ctx, outcome.ended);
  ctx.logger.event("account-disabled", { accountId, by: actor.id, sessionsEnded: outcome.ended.length }, "warn");
  return { account: outcome.account, ended: outcome.ended.length };
}

export async function enableAccount(ctx: Context, actor: Account, accountId: string): Promise<Account> {
  const decision = mayAdminister(actor);
  if (!decision.allowed) throw forbidden(decision.reason);
  const account = await ctx.store.global.update((d) => {
    const target = d.accounts.find((a) => a.id === accountId);
    if (!target) throw notFound("No account with this id.");
    if (!target.disabled) throw conflict("This account is not disabled.");
    delete target.disabled;
    return target;
  });
  ctx.logger.event("account-enabled", { accountId, by: actor.id }, "warn");
  return account;
}

/**
 * Ends every session of every account (a suspected breach, a key rotation), the
 * administrator's own included: everyone signs in again (ASVS 7.4.5). Returns how many.
 */
export async function endEverySession(ctx: Context, actor: Account): Promise<number> {
  const decision = mayAdminister(actor);
  if (!decision.allowed) throw forbidden(decision.reason);
  const ended = await ctx.store.global.update((d) => {
    const all = d.sessions.map((s) => s.id);
    d.sessions = [];
    d.pendingSignIns = [];
    return all;
  });
  endedOnEveryChannel(ctx, ended);
  ctx.logger.event("all-sessions-ended", { by: actor.id, sessionsEnded: ended.length }, "warn");
  return ended.length;
}
