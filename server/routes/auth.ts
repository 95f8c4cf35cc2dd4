// Setup of the first administrator, sign in, sign out, the current session.
import { Router } from "express";
import { rateLimit, ipKeyGenerator } from "express-rate-limit";
import { ChangePasswordBody, LoginBody, SetupBody } from "../../shared/schemas.js";
import type { SessionView, SetupStatus } from "../../shared/types.js";
import { clearedSessionCookie, sessionCookie } from "../auth/cookies.js";
import { changePassword, createFirstAdmin, endAllSessions, needsSetup, signIn, signOut, startSession, type SignedIn } from "../domain/accounts.js";
import type { Context } from "../domain/context.js";
import { parseInput } from "../domain/validate.js";
import { presentAccount } from "../presenters/person.js";
import { overTls, signedIn } from "./http.js";
import type { Response, Request } from "express";

/** Failed sign-ins per username and address: 10 per 15 minutes, successes not counted. */
function loginThrottle() {
  return rateLimit({
    windowMs: 15 * 60_000,
    limit: 10,
    skipSuccessfulRequests: true,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    keyGenerator: (req) => {
      const body = req.body as { username?: unknown } | undefined;
      const username = typeof body?.username === "string" ? body.username.trim().toLowerCase().slice(0, 64) : "";
      return `${ipKeyGenerator(req.ip ?? "")}|${username}`;
    },
    handler: (_req, res) => {
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

  router.post("/auth/login", loginThrottle(), async (req, res) => {
    const body = parseInput(LoginBody, req.body, "sign-in");
    answer(req, res, await signIn(ctx, body));
  });

  router.post("/auth/logout", async (req, res) => {
    const signed = res.locals.signed as { session: Parameters<typeof signOut>[1] } | undefined;
    if (signed) await signOut(ctx, signed.session);
    res.setHeader("Set-Cookie", clearedSessionCookie(overTls(req)));
    res.status(204).end();
  });

  /** "Sign out everywhere": ends every session of this account, this one included. */
  router.post("/auth/sessions/end-all", async (req, res) => {
    const { account } = signedIn(res);
    const ended = await endAllSessions(ctx, account.id);
    res.setHeader("Set-Cookie", clearedSessionCookie(overTls(req)));
    res.json({ ended });
  });

  router.get("/auth/session", (_req, res) => {
    const { account, session } = signedIn(res);
    const view: SessionView = {
      account: presentAccount(ctx.store.global.data, account),
      expiresAt: session.expiresAt,
      mustChangePassword: account.mustChangePassword === true,
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
