// Setup of the first administrator, sign in, sign out, the current session.
import { Router } from "express";
import { rateLimit, ipKeyGenerator } from "express-rate-limit";
import { ChangePasswordBody, LoginBody, SecondFactorSignInBody, SetupBody } from "../../shared/schemas.js";
import type { SessionView, SetupStatus } from "../../shared/types.js";
import { clearedSessionCookie, sessionCookie } from "../auth/cookies.js";
import { changePassword, createFirstAdmin, endAllSessions, needsSetup, signIn, signOut, startSession, type SignedIn } from "../domain/accounts.js";
import type { Context } from "../domain/context.js";
import { parseInput } from "../domain/validate.js";
import { presentAccount } from "../presenters/person.js";
import { presentSecondFactorFlags } from "../presenters/secondFactor.js";
import { completeSignIn, pendingAccountId } from "../domain/secondFactor.js";
import { overTls, signedIn } from "./http.js";
import { securityEvent } from "./attribution.js";
import type { Logger } from "../logger.js";
import type { Response, Request } from "express";

/** The password step's key: the address and the username typed. */
function byUsername(req: Request): string {
  const body = req.body as { username?: unknown } | undefined;
  const username = typeof body?.username === "string" ? body.username.trim().toLowerCase().slice(0, 64) : "";
  return `${ipKeyGenerator(req.ip ?? "")}|${username}`;
}

/**
 * Failed sign-ins per username and address: 10 per 15 minutes, successes not counted.
 * The code step uses the same limits, keyed by `key` (address and account).
 */
export function loginThrottle(logger: Logger, key: (req: Request, res: Response) => string = byUsername) {
  return rateLimit({
    windowMs: 15 * 60_000,
    limit: 10,
    skipSuccessfulRequests: true,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    keyGenerator: (req, res) => key(req, res),
    handler: (req, res) => {
      securityEvent(logger, req, res, "rate-limited", { limiter: "sign-in" });
      res.status(429).json({
        error: { code: "too-many-requests", message: "Too many failed sign-in attempts. Wait 15 minutes and try again." },
      });
    },
  });
}

export function authRoutes(ctx: Context): Router {
  const router = Router();

  const answer = (req: Request, res: Response, signed: SignedIn) => {
    res.setHeader("Set-Cookie", sessionCookie(signed.token, new Date(signed.session.expiresAt), overTls(req)));
    const view: SessionView = {
      account: presentAccount(ctx.store.global.data, signed.account),
      expiresAt: signed.session.expiresAt,
      mustChangePassword: signed.account.mustChangePassword === true,
      ...(signed.account.locale ? { locale: signed.account.locale } : {}),
      ...presentSecondFactorFlags(ctx.store.global.data, signed.account),
    };
    res.json(view);
  };

  router.get("/setup", (_req, res) => {
    const status: SetupStatus = { needsSetup: needsSetup(ctx) };
    res.json(status);
  });

  router.post("/setup", async (req, res) => {
    const body = parseInput(SetupBody, req.body, "setup");
    const account = await createFirstAdmin(ctx, body);
    ctx.logger.info(`setup: first administrator created (${account.id})`);
    answer(req, res, await startSession(ctx, account));
  });

  router.post("/auth/login", loginThrottle(ctx.logger), async (req, res) => {
    const body = parseInput(LoginBody, req.body, "sign-in");
    // Attributed by account only: a username typed wrongly may be someone's password.
    const signed = await signIn(ctx, body).catch((err: unknown) => {
      securityEvent(ctx.logger, req, res, "sign-in-failed");
      throw err;
    });
    // A second factor is due: no session, no cookie; only the pending token for the code step.
    if ("secondFactorRequired" in signed) {
      res.json(signed);
      return;
    }
    securityEvent(ctx.logger, req, res, "signed-in", { accountId: signed.account.id, sessionId: signed.session.id }, "info");
    answer(req, res, signed);
  });

  /** The code step: the pending token from the password step, and a TOTP or recovery code. */
  const codeThrottle = loginThrottle(ctx.logger, (req) => {
    const body = req.body as { pendingToken?: unknown } | undefined;
    return `${ipKeyGenerator(req.ip ?? "")}|second-factor|${pendingAccountId(ctx, body?.pendingToken) ?? "unknown"}`;
  });
  router.post("/auth/login/second-factor", codeThrottle, async (req, res) => {
    const body = parseInput(SecondFactorSignInBody, req.body, "sign-in code");
    const signed = await completeSignIn(ctx, body).catch((err: unknown) => {
      securityEvent(ctx.logger, req, res, "sign-in-failed", { step: "second-factor" });
      throw err;
    });
    securityEvent(ctx.logger, req, res, "signed-in", { accountId: signed.account.id, sessionId: signed.session.id }, "info");
    answer(req, res, signed);
  });

  router.post("/auth/logout", async (req, res) => {
    const signed = res.locals.signed as { session: Parameters<typeof signOut>[1] } | undefined;
    if (signed) {
      await signOut(ctx, signed.session);
      securityEvent(ctx.logger, req, res, "signed-out", {}, "info");
    }
    res.setHeader("Set-Cookie", clearedSessionCookie(overTls(req)));
    res.status(204).end();
  });

  /** "Sign out everywhere": ends every session of this account, this one included. */
  router.post("/auth/sessions/end-all", async (req, res) => {
    const { account } = signedIn(res);
    const ended = await endAllSessions(ctx, account.id);
    securityEvent(ctx.logger, req, res, "sessions-ended", { subjectId: account.id, ended }, "info");
    res.setHeader("Set-Cookie", clearedSessionCookie(overTls(req)));
    res.json({ ended });
  });

  router.get("/auth/session", (_req, res) => {
    const { account, session } = signedIn(res);
    const view: SessionView = {
      account: presentAccount(ctx.store.global.data, account),
      expiresAt: session.expiresAt,
      mustChangePassword: account.mustChangePassword === true,
      ...(account.locale ? { locale: account.locale } : {}),
      ...presentSecondFactorFlags(ctx.store.global.data, account),
    };
    res.json(view);
  });

  router.post("/auth/password", async (req, res) => {
    const { account, session } = signedIn(res);
    await changePassword(ctx, account, session, parseInput(ChangePasswordBody, req.body, "password change"));
    res.status(204).end();
  });

  return router;
}
