// The second factor: TOTP enrolment, the code step of signing in, recovery codes,
// turning it off, an administrator's reset, and an organisation's requirement.
//
// The secret is kept in tafel.json sealed on its own (AES-256-GCM with the keyring,
// bound to `accounts/<id>/second-factor`): tafel.json is not sealed as a whole, and a
// separate per-account file would split one decision ("this code is good, its step is
// now used, this pending sign-in is spent") over two files that cannot be written
// atomically together. Sealing the field keeps that one all-or-nothing update.
//
// Nothing here ever logs or returns a secret, a code or a recovery code after the
// enrolment answer that shows the secret once.
import type { ConfirmEnrolmentBody, DisableSecondFactorBody, OrganisationSecondFactorBody, SecondFactorSignInBody } from "../../shared/schemas.js";
import type { EnrolmentView, SecondFactorChallenge, SecondFactorStatus } from "../../shared/types.js";
import type { Account, Organisation, SecondFactor } from "../store/records.js";
import { verifyPassword } from "../auth/passwords.js";
import { hashToken, newToken } from "../auth/tokens.js";
import { matchingStep, newTotpSecret, otpauthUri } from "../auth/totp.js";
import { hashRecoveryCode, newRecoveryCodes, RECOVERY_CODE_PATTERN } from "../auth/recoveryCodes.js";
import { mayAdminister } from "../policies/admin.js";
import { secondFactorRequiredFor } from "../policies/accountGate.js";
import { conflict, forbidden, invalid, notFound, TafelError } from "./errors.js";
import type { Context } from "./context.js";
import { endAllSessions, startSession, type SignedIn } from "./accounts.js";

/** How long the password step's token waits for the code. */
export const PENDING_SIGN_IN_MINUTES = 5;
/** Wrong codes one pending token takes before it ends (the rate limiter bounds the rest). */
export const PENDING_SIGN_IN_MAX_FAILURES = 5;

const place = (accountId: string) => `accounts/${accountId}/second-factor`;

function sealSecret(ctx: Context, accountId: string, secret: string): string {
  return Buffer.from(ctx.sealer.seal(Buffer.from(secret, "utf8"), place(accountId))).toString("base64");
}

function openSecret(ctx: Context, accountId: string, factor: SecondFactor): string {
  return Buffer.from(ctx.sealer.open(Buffer.from(factor.sealedSecret, "base64"), place(accountId))).toString("utf8");
}

type CodeUse = "code" | "recovery-code";

/**
 * Checks a code against an account's factor and spends it: a TOTP code's step is
 * recorded (no replay), a recovery code is removed. Runs on the draft inside an update.
 */
function spendCode(ctx: Context, account: Account, code: string, now: number): CodeUse | null {
  const factor = account.secondFactor;
  if (!factor) return null;
  if (RECOVERY_CODE_PATTERN.test(code)) {
    const index = factor.recoveryCodeHashes.indexOf(hashRecoveryCode(code));
    if (index < 0) return null;
    factor.recoveryCodeHashes.splice(index, 1);
    return "recovery-code";
  }
  const step = matchingStep(openSecret(ctx, account.id, factor), code, factor.lastUsedStep, now);
  if (step === null) return null;
  factor.lastUsedStep = step;
  return "code";
}

function organisationOf(ctx: Context, account: Account): Organisation | undefined {
  return ctx.store.global.data.organisations.find((o) => o.id === account.organisationId);
}

export function secondFactorStatus(ctx: Context, account: Account): SecondFactorStatus {
  const factor = account.secondFactor;
  const enrolledAt = factor?.enrolledAt;
  return {
    enrolled: enrolledAt !== undefined,
    required: secondFactorRequiredFor(organisationOf(ctx, account)),
    ...(enrolledAt !== undefined ? { enrolledAt } : {}),
    recoveryCodesLeft: enrolledAt !== undefined && factor ? factor.recoveryCodeHashes.length : 0,
  };
}

/** A new secret, shown once. Replaces an enrolment that was started and not confirmed. */
export async function startEnrolment(ctx: Context, account: Account): Promise<EnrolmentView> {
  const secret = newTotpSecret();
  await ctx.store.global.update((d) => {
    const a = d.accounts.find((x) => x.id === account.id);
    if (!a) throw new TafelError("not-signed-in", "Your account no longer exists.");
    if (a.secondFactor?.enrolledAt !== undefined) {
      throw conflict("A second factor is already set up. Turn it off first (with your password and a code) to set up a new one.");
    }
    a.secondFactor = { sealedSecret: sealSecret(ctx, a.id, secret), startedAt: new Date().toISOString(), recoveryCodeHashes: [] };
  });
  ctx.logger.event("second-factor-enrolment-started", { accountId: account.id, by: account.id });
  return { uri: otpauthUri(secret, account.username), key: secret };
}

/** The first correct code completes the enrolment; the recovery codes are shown once. */
export async function confirmEnrolment(ctx: Context, account: Account, body: ConfirmEnrolmentBody): Promise<string[]> {
  const codes = newRecoveryCodes();
  const now = Date.now();
  await ctx.store.global.update((d) => {
    const a = d.accounts.find((x) => x.id === account.id);
    const factor = a?.secondFactor;
    if (!a || !factor) throw conflict("Start setting up the second factor first.");
    if (factor.enrolledAt !== undefined) throw conflict("The second factor is already set up.");
    const step = matchingStep(openSecret(ctx, a.id, factor), body.code, factor.lastUsedStep, now);
    if (step === null) {
      throw invalid("code: this is not the code your app shows now. Check that your phone's clock is set automatically, and type the newest code.", [
        { path: "code", message: "is not the current code" },
      ]);
    }
    factor.lastUsedStep = step;
    factor.enrolledAt = new Date(now).toISOString();
    factor.recoveryCodeHashes = codes.map(hashRecoveryCode);
  });
  ctx.logger.event("second-factor-enrolled", { accountId: account.id, by: account.id, recoveryCodesIssued: codes.length });
  return codes;
}

/** Turning it off takes the password and a code (or a recovery code), not only a session. */
export async function disableSecondFactor(ctx: Context, account: Account, body: DisableSecondFactorBody): Promise<void> {
  if (!(await verifyPassword(body.password, account.password))) {
    ctx.logger.event("second-factor-disable-refused", { accountId: account.id, by: account.id, reason: "wrong-password" }, "warn");
    throw invalid("password: this is not your current password.", [{ path: "password", message: "is not your current password" }]);
  }
  const now = Date.now();
  const outcome = await ctx.store.global.update((d) => {
    const a = d.accounts.find((x) => x.id === account.id);
    if (!a?.secondFactor?.enrolledAt) throw conflict("No second factor is set up.");
    const used = spendCode(ctx, a, body.code, now);
    // A wrong code writes nothing; a right one ends the factor (and its recovery codes).
    if (used === null) return null;
    delete a.secondFactor;
    return used;
  });
  if (outcome === null) {
    ctx.logger.event("second-factor-disable-refused", { accountId: account.id, by: account.id, reason: "wrong-code" }, "warn");
    throw invalid("code: this code is not right (or was used already).", [{ path: "code", message: "is not right" }]);
  }
  ctx.logger.event("second-factor-disabled", { accountId: account.id, by: account.id, confirmedWith: outcome });
}

/** An administrator removes a person's second factor (a lost phone) and ends their sessions. */
export async function resetSecondFactor(ctx: Context, actor: Account, accountId: string): Promise<number> {
  const decision = mayAdminister(actor);
  if (!decision.allowed) throw forbidden(decision.reason);
  await ctx.store.global.update((d) => {
    const a = d.accounts.find((x) => x.id === accountId);
    if (!a) throw notFound("No account with this id.");
    delete a.secondFactor;
    d.pendingSignIns = (d.pendingSignIns ?? []).filter((p) => p.accountId !== accountId);
  });
  const ended = await endAllSessions(ctx, accountId);
  ctx.logger.event("second-factor-reset", { accountId, by: actor.id, sessionsEnded: ended }, "warn");
  return ended;
}

export async function setSecondFactorRequirement(ctx: Context, actor: Account, organisationId: string, body: OrganisationSecondFactorBody): Promise<Organisation> {
  const decision = mayAdminister(actor);
  if (!decision.allowed) throw forbidden(decision.reason);
  const org = await ctx.store.global.update((d) => {
    const o = d.organisations.find((x) => x.id === organisationId);
    if (!o) throw notFound("No organisation with this id.");
    if (body.required) o.requireSecondFactor = true;
    else delete o.requireSecondFactor;
    return o;
  });
  ctx.logger.event("second-factor-requirement-changed", { organisationId, required: body.required, by: actor.id });
  return org;
}

// ---- the two-step sign-in ----------------------------------------------------------

/** After a right password: a token for the code step. No session exists yet. */
export async function beginPendingSignIn(ctx: Context, account: Account): Promise<SecondFactorChallenge> {
  const token = newToken();
  const now = Date.now();
  const expiresAt = new Date(now + PENDING_SIGN_IN_MINUTES * 60_000).toISOString();
  await ctx.store.global.update((d) => {
    // Spent and expired ones go whenever a new one is made, so the list stays short.
    d.pendingSignIns = (d.pendingSignIns ?? []).filter((p) => Date.parse(p.expiresAt) > now);
    d.pendingSignIns.push({ tokenHash: hashToken(token), accountId: account.id, expiresAt, failures: 0 });
  });
  ctx.logger.event("sign-in-second-factor-due", { accountId: account.id, pendingExpiresAt: expiresAt });
  return { secondFactorRequired: true, pendingToken: token, expiresAt };
}

/** Which account a pending token belongs to (for the rate limiter's key); undefined if none. */
export function pendingAccountId(ctx: Context, token: unknown): string | undefined {
  if (typeof token !== "string" || token.length === 0 || token.length > 100) return undefined;
  const hash = hashToken(token);
  return ctx.store.global.data.pendingSignIns?.find((p) => p.tokenHash === hash)?.accountId;
}

const START_AGAIN = "This sign-in has expired or was already used. Sign in again with your password.";

type Completion = { kind: "gone" } | { kind: "wrong"; ended: boolean; accountId: string } | { kind: "ok"; account: Account; used: CodeUse };

/** The code step: spends the pending token and the code together, then starts the session. */
export async function completeSignIn(ctx: Context, body: SecondFactorSignInBody): Promise<SignedIn> {
  const hash = hashToken(body.pendingToken);
  const now = Date.now();
  const outcome = await ctx.store.global.update((d): Completion => {
    d.pendingSignIns = (d.pendingSignIns ?? []).filter((p) => Date.parse(p.expiresAt) > now);
    const pending = d.pendingSignIns.find((p) => p.tokenHash === hash);
    if (!pending) return { kind: "gone" };
    const account = d.accounts.find((a) => a.id === pending.accountId);
    if (!account?.secondFactor?.enrolledAt || account.disabled) {
      d.pendingSignIns = d.pendingSignIns.filter((p) => p !== pending);
      return { kind: "gone" };
    }
    const used = spendCode(ctx, account, body.code, now);
    if (used === null) {
      pending.failures += 1;
      const ended = pending.failures >= PENDING_SIGN_IN_MAX_FAILURES;
      if (ended) d.pendingSignIns = d.pendingSignIns.filter((p) => p !== pending);
      return { kind: "wrong", ended, accountId: account.id };
    }
    // Single use: the token is spent with the code, in the same durable write.
    d.pendingSignIns = d.pendingSignIns.filter((p) => p !== pending);
    return { kind: "ok", account, used };
  });
  if (outcome.kind === "gone") throw new TafelError("not-signed-in", START_AGAIN);
  if (outcome.kind === "wrong") {
    ctx.logger.event("sign-in-second-factor-refused", { accountId: outcome.accountId, pendingEnded: outcome.ended }, "warn");
    throw new TafelError("not-signed-in", outcome.ended ? `Wrong code, too many times. ${START_AGAIN}` : "Wrong code (or a code that was used already). Type the newest code from your app.");
  }
  const signed = await startSession(ctx, outcome.account);
  const left = outcome.account.secondFactor?.recoveryCodeHashes.length ?? 0;
  ctx.logger.event("sign-in-second-factor-accepted", {
    accountId: outcome.account.id,
    sessionId: signed.session.id,
    with: outcome.used,
    recoveryCodesLeft: left,
  });
  return signed;
}
