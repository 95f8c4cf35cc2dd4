// Setup of the first administrator, organisations, accounts, sign-in and sessions.
import { randomBytes, randomUUID } from "node:crypto";
import type {
  ChangePasswordBody,
  CreateAccountBody,
  CreateOrganisationBody,
  LoginBody,
  SetupBody,
} from "../../shared/schemas.js";
import type { Account, Session } from "../store/records.js";
import { indexOf } from "../store/globalIndex.js";
import type { SecondFactorChallenge } from "../../shared/types.js";
import { hashPassword, verifyAgainstNothing, verifyPassword } from "../auth/passwords.js";
import { hashToken, newToken, tokenMatches } from "../auth/tokens.js";
import { passwordProblem, type PasswordContext } from "../auth/passwordChecks.js";
import { mayAdminister } from "../policies/admin.js";
import { conflict, forbidden, TafelError } from "./errors.js";
import type { Context } from "./context.js";
import { beginPendingSignIn } from "./secondFactor.js";

export const PLATFORM_ORGANISATION = "Platform administration";
/** The setup link works this long; a restart prints a new one while no administrator exists. */
export const SETUP_TOKEN_HOURS = 24;
/** An administrator's temporary password opens the account this long; then ask again. */
export const TEMPORARY_PASSWORD_HOURS = 72;

export function needsSetup(ctx: Context): boolean {
  return !ctx.store.global.data.accounts.some((a) => a.role === "admin");
}

/** A fresh one-time setup token; only its hash is stored. Null once an admin exists. */
export async function issueSetupToken(ctx: Context): Promise<string | null> {
  if (!needsSetup(ctx)) return null;
  const token = newToken();
  await ctx.store.global.update((d) => {
    d.setup.tokenHash = hashToken(token);
    d.setup.expiresAt = new Date(Date.now() + SETUP_TOKEN_HOURS * 3600_000).toISOString();
  });
  return token;
}

export async function createFirstAdmin(ctx: Context, body: SetupBody): Promise<Account> {
  const stored = ctx.store.global.data.setup.tokenHash;
  if (!needsSetup(ctx) || !stored || !tokenMatches(body.token, stored)) {
    throw forbidden("This setup link is not valid (it works once, and only before the first administrator exists).");
  }
  const expiresAt = ctx.store.global.data.setup.expiresAt;
  if (expiresAt !== undefined && Date.parse(expiresAt) <= Date.now()) {
    throw forbidden(`This setup link has expired (it works for ${SETUP_TOKEN_HOURS} hours). Restart Tafel: it prints a new one.`);
  }
  requireGoodPassword(body.password, "password", { username: body.username, name: body.name, organisationName: PLATFORM_ORGANISATION });
  const password = await hashPassword(body.password, ctx.passwordWorkFactor);
  const now = new Date().toISOString();
  return ctx.store.global.update((d) => {
    if (d.accounts.some((a) => a.role === "admin")) throw forbidden("The first administrator already exists.");
    let org = d.organisations.find((o) => o.name === PLATFORM_ORGANISATION);
    if (!org) {
      org = { id: randomUUID(), name: PLATFORM_ORGANISATION, sector: "other", secrecy: "none", createdAt: now };
      d.organisations.push(org);
    }
    const account: Account = {
      id: randomUUID(),
      name: body.name,
      username: body.username,
      organisationId: org.id,
      role: "admin",
      password,
      createdAt: now,
    };
    d.accounts.push(account);
    d.setup.tokenHash = null;
    delete d.setup.expiresAt;
    return account;
  });
}

/** Refuses a password that is too easy to guess, naming why (auth/passwordChecks.ts). */
function requireGoodPassword(password: string, field: string, context: PasswordContext): void {
  const problem = passwordProblem(password, context);
  if (problem === null) return;
  throw new TafelError("invalid-input", `${field}: this password ${problem}. Choose another: several unrelated words make a good one.`, [{ path: field, message: problem }]);
}

function requireAdmin(actor: Account): void {
  const decision = mayAdminister(actor);
  if (!decision.allowed) throw forbidden(decision.reason);
}

export async function createOrganisation(ctx: Context, actor: Account, body: CreateOrganisationBody) {
  requireAdmin(actor);
  return ctx.store.global.update((d) => {
    if (d.organisations.some((o) => o.name.toLowerCase() === body.name.toLowerCase())) {
      throw conflict(`An organisation named '${body.name}' already exists.`);
    }
    const org = { id: randomUUID(), ...body, createdAt: new Date().toISOString() };
    d.organisations.push(org);
    return org;
  });
}

/** 120 random bits, typed once by the person to choose their own. */
function generateTemporaryPassword(): string {
  return randomBytes(15).toString("base64url");
}

export interface CreatedAccount {
  account: Account;
  /** Shown to the administrator once; only its scrypt hash is stored. */
  temporaryPassword: string;
  expiresAt: string;
}

export async function createAccount(ctx: Context, actor: Account, body: CreateAccountBody): Promise<CreatedAccount> {
  requireAdmin(actor);
  const temporaryPassword = generateTemporaryPassword();
  const password = await hashPassword(temporaryPassword, ctx.passwordWorkFactor);
  const expiresAt = new Date(Date.now() + TEMPORARY_PASSWORD_HOURS * 3600_000).toISOString();
  const account = await ctx.store.global.update((d) => {
    if (!d.organisations.some((o) => o.id === body.organisationId)) {
      throw new TafelError("invalid-input", "organisationId: no such organisation.", [
        { path: "organisationId", message: "no such organisation" },
      ]);
    }
    if (d.accounts.some((a) => a.username === body.username)) {
      throw conflict(`The username '${body.username}' is taken.`);
    }
    const account: Account = {
      id: randomUUID(),
      name: body.name,
      username: body.username,
      organisationId: body.organisationId,
      role: body.role,
      password,
      // The administrator knows this password: it only opens the door to choosing one's own.
      mustChangePassword: true,
      temporaryPasswordExpiresAt: expiresAt,
      createdAt: new Date().toISOString(),
    };
    d.accounts.push(account);
    return account;
  });
  ctx.logger.event("account-created", { accountId: account.id, by: actor.id, temporaryPasswordExpiresAt: expiresAt });
  return { account, temporaryPassword, expiresAt };
}

/**
 * A new temporary password for a person who forgot theirs or let the last one expire:
 * it replaces their password and ends their sessions. The second factor stays.
 */
export async function issueTemporaryPassword(ctx: Context, actor: Account, accountId: string): Promise<{ temporaryPassword: string; expiresAt: string }> {
  requireAdmin(actor);
  const temporaryPassword = generateTemporaryPassword();
  const password = await hashPassword(temporaryPassword, ctx.passwordWorkFactor);
  const expiresAt = new Date(Date.now() + TEMPORARY_PASSWORD_HOURS * 3600_000).toISOString();
  await ctx.store.global.update((d) => {
    const a = d.accounts.find((x) => x.id === accountId);
    if (!a) throw new TafelError("not-found", "No account with this id.");
    a.password = password;
    a.mustChangePassword = true;
    a.temporaryPasswordExpiresAt = expiresAt;
  });
  const ended = await endAllSessions(ctx, accountId);
  ctx.logger.event("temporary-password-issued", { accountId, by: actor.id, temporaryPasswordExpiresAt: expiresAt, sessionsEnded: ended }, "warn");
  return { temporaryPassword, expiresAt };
}

/** Whether the account still holds an administrator's temporary password past its time. */
export function temporaryPasswordExpired(account: Account, now = Date.now()): boolean {
  return account.mustChangePassword === true && account.temporaryPasswordExpiresAt !== undefined && Date.parse(account.temporaryPasswordExpiresAt) <= now;
}

const EXPIRED_TEMPORARY = `This temporary password has expired (it works for ${TEMPORARY_PASSWORD_HOURS} hours). Ask your administrator for a new one.`;

export const ACCOUNT_DISABLED = "This account is disabled: an administrator has turned off access to Tafel for it. Ask your administrator if you think this is a mistake.";

export interface SignedIn {
  account: Account;
  session: Session;
  token: string;
}

/**
 * The password step. Without a second factor it starts the session; with one it only
 * hands out a pending token for the code step (domain/secondFactor.ts).
 */
export async function signIn(ctx: Context, body: LoginBody): Promise<SignedIn | SecondFactorChallenge> {
  const account = ctx.store.global.data.accounts.find((a) => a.username === body.username);
  const ok = account ? await verifyPassword(body.password, account.password) : await verifyAgainstNothing(body.password, ctx.passwordWorkFactor);
  if (!account || !ok) throw new TafelError("not-signed-in", "Wrong username or password.");
  // Said only to whoever knows the password: it reveals nothing to a guesser.
  if (account.disabled) {
    ctx.logger.event("sign-in-refused", { accountId: account.id, reason: "account-disabled" }, "warn");
    throw new TafelError("account-disabled", ACCOUNT_DISABLED);
  }
  if (temporaryPasswordExpired(account)) {
    ctx.logger.event("sign-in-refused", { accountId: account.id, reason: "temporary-password-expired" }, "warn");
    throw new TafelError("not-signed-in", EXPIRED_TEMPORARY);
  }
  if (account.secondFactor?.enrolledAt !== undefined) return beginPendingSignIn(ctx, account);
  return startSession(ctx, account);
}

export async function startSession(ctx: Context, account: Account): Promise<SignedIn> {
  const token = newToken();
  const now = Date.now();
  const session: Session = {
    id: randomUUID(),
    tokenHash: hashToken(token),
    accountId: account.id,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + ctx.sessionHours * 3600_000).toISOString(),
  };
  await ctx.store.global.update((d) => {
    // Asked again inside the write: a disable that committed while the password was
    // being hashed must not be followed by a session (domain/accountAccess.ts).
    if (d.accounts.find((a) => a.id === account.id)?.disabled) throw new TafelError("account-disabled", ACCOUNT_DISABLED);
    // Expired sessions are dropped whenever a new one starts, so the file does not grow.
    d.sessions = d.sessions.filter((s) => Date.parse(s.expiresAt) > now);
    d.sessions.push(session);
  });
  // Its idle clock starts now, not when the server started.
  ctx.activity.touch(session.id, now);
  return { account, session, token };
}

/** Neither past its absolute expiry nor idle too long: the one test every channel applies. */
export function sessionLive(ctx: Context, session: Session | undefined, now = Date.now()): session is Session {
  return session !== undefined && Date.parse(session.expiresAt) > now && !ctx.activity.isIdle(session.id, now);
}

export function resolveSession(ctx: Context, token: string | undefined): { account: Account; session: Session } | null {
  if (!token) return null;
  const hash = hashToken(token);
  const index = indexOf(ctx.store.global.data);
  const session = index.sessionByTokenHash(hash);
  if (!sessionLive(ctx, session)) return null;
  const account = index.account(session.accountId);
  // A disabled account's sessions were removed with the disable; this is the second line.
  return account && !account.disabled ? { account, session } : null;
}

export async function signOut(ctx: Context, session: Session): Promise<void> {
  await ctx.store.global.update((d) => {
    d.sessions = d.sessions.filter((s) => s.id !== session.id);
  });
  ctx.activity.forget(session.id);
  ctx.notifier.sessionEnded(session.id);
}

/**
 * The person replaces their password (the administrator's temporary one, or their own):
 * every other session of theirs ends, this one continues.
 */
export async function changePassword(ctx: Context, account: Account, current: Session, body: ChangePasswordBody): Promise<void> {
  if (!(await verifyPassword(body.current, account.password))) {
    throw new TafelError("invalid-input", "current: this is not your current password.", [{ path: "current", message: "is not your current password" }]);
  }
  // A session opened just before the expiry does not stretch the temporary password's life.
  if (temporaryPasswordExpired(account)) throw new TafelError("invalid-input", EXPIRED_TEMPORARY, [{ path: "current", message: "has expired" }]);
  const organisation = ctx.store.global.data.organisations.find((o) => o.id === account.organisationId);
  requireGoodPassword(body.next, "next", { username: account.username, name: account.name, organisationName: organisation?.name ?? "" });
  const password = await hashPassword(body.next, ctx.passwordWorkFactor);
  const ended = await ctx.store.global.update((d) => {
    const a = d.accounts.find((x) => x.id === account.id);
    if (!a) throw new TafelError("not-signed-in", "Your account no longer exists.");
    a.password = password;
    delete a.mustChangePassword;
    delete a.temporaryPasswordExpiresAt;
    const others = d.sessions.filter((s) => s.accountId === account.id && s.id !== current.id);
    d.sessions = d.sessions.filter((s) => !others.includes(s));
    return others.map((s) => s.id);
  });
  for (const id of ended) {
    ctx.activity.forget(id);
    ctx.notifier.sessionEnded(id);
  }
}

/** Ends every session of an account, on every channel (ASVS 7.4.x); returns how many. */
export async function endAllSessions(ctx: Context, accountId: string): Promise<number> {
  const ended = await ctx.store.global.update((d) => {
    const mine = d.sessions.filter((s) => s.accountId === accountId);
    d.sessions = d.sessions.filter((s) => s.accountId !== accountId);
    return mine.map((s) => s.id);
  });
  for (const id of ended) {
    ctx.activity.forget(id);
    ctx.notifier.sessionEnded(id);
  }
  return ended.length;
}
