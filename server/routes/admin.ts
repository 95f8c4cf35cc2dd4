// Platform administration. Every handler asks policies/admin.ts through the commands.
import { Router } from "express";
import { CreateAccountBody, CreateOrganisationBody, Id, OrganisationSecondFactorBody } from "../../shared/schemas.js";
import type { CreatedAccountView, DisabledAccountView, TemporaryPasswordView } from "../../shared/types.js";
import { clearedSessionCookie } from "../auth/cookies.js";
import { createAccount, createOrganisation, endAllSessions, issueTemporaryPassword } from "../domain/accounts.js";
import { resetSecondFactor, setSecondFactorRequirement } from "../domain/secondFactor.js";
import { disableAccount, enableAccount, endEverySession } from "../domain/accountAccess.js";
import { presentAdminAccount, presentAdminOrganisation } from "../presenters/administration.js";
import type { Context } from "../domain/context.js";
import { forbidden, notFound } from "../domain/errors.js";
import { parseInput } from "../domain/validate.js";
import { mayAdminister } from "../policies/admin.js";
import { overTls, param, signedIn } from "./http.js";
import { securityEvent } from "./attribution.js";
import type { Response } from "express";

export function adminRoutes(ctx: Context): Router {
  const router = Router();

  const admin = (res: Response) => {
    const { account } = signedIn(res);
    const decision = mayAdminister(account);
    if (!decision.allowed) throw forbidden(decision.reason);
    return account;
  };

  router.get("/organisations", (_req, res) => {
    admin(res);
    res.json(ctx.store.global.data.organisations.map(presentAdminOrganisation));
  });

  router.post("/organisations", async (req, res) => {
    const actor = admin(res);
    const org = await createOrganisation(ctx, actor, parseInput(CreateOrganisationBody, req.body, "organisation"));
    res.status(201).json(presentAdminOrganisation(org));
  });

  /** Whether the organisation's members must sign in with a second factor. */
  router.put("/organisations/:organisationId/second-factor", async (req, res) => {
    const actor = admin(res);
    const organisationId = parseInput(Id, param(req, "organisationId"), "path parameter 'organisationId'");
    const body = parseInput(OrganisationSecondFactorBody, req.body, "second-factor requirement");
    res.json(presentAdminOrganisation(await setSecondFactorRequirement(ctx, actor, organisationId, body)));
  });

  router.get("/accounts", (_req, res) => {
    admin(res);
    const global = ctx.store.global.data;
    res.json(global.accounts.map((a) => presentAdminAccount(global, a)));
  });

  router.post("/accounts", async (req, res) => {
    const actor = admin(res);
    const created = await createAccount(ctx, actor, parseInput(CreateAccountBody, req.body, "account"));
    // The temporary password is in this answer only: the administrator passes it on once.
    const view: CreatedAccountView = {
      ...presentAdminAccount(ctx.store.global.data, created.account),
      temporaryPassword: created.temporaryPassword,
      temporaryPasswordExpiresAt: created.expiresAt,
    };
    res.status(201).json(view);
  });

  /** A new temporary password (forgotten, or the last one expired); ends the person's sessions. */
  router.post("/accounts/:accountId/temporary-password", async (req, res) => {
    const actor = admin(res);
    const accountId = parseInput(Id, param(req, "accountId"), "path parameter 'accountId'");
    const issued = await issueTemporaryPassword(ctx, actor, accountId);
    const view: TemporaryPasswordView = { temporaryPassword: issued.temporaryPassword, expiresAt: issued.expiresAt };
    res.json(view);
  });

  /** Removes a person's second factor (a lost phone) and ends their sessions. */
  router.post("/accounts/:accountId/second-factor/reset", async (req, res) => {
    const actor = admin(res);
    const accountId = parseInput(Id, param(req, "accountId"), "path parameter 'accountId'");
    res.json({ ended: await resetSecondFactor(ctx, actor, accountId) });
  });

  /** Ends every session of an account (a lost laptop, a person leaving an organisation). */
  router.post("/accounts/:accountId/end-sessions", async (req, res) => {
    admin(res);
    const accountId = parseInput(Id, param(req, "accountId"), "path parameter 'accountId'");
    if (!ctx.store.global.data.accounts.some((a) => a.id === accountId)) throw notFound("No account with this id.");
    const ended = await endAllSessions(ctx, accountId);
    securityEvent(ctx.logger, req, res, "sessions-ended", { subjectId: accountId, ended }, "info");
    res.json({ ended });
  });

  /** Disables an account: every session ends at once, sign-in is refused; it stays on record at its tables. */
  router.post("/accounts/:accountId/disable", async (req, res) => {
    const actor = admin(res);
    const accountId = parseInput(Id, param(req, "accountId"), "path parameter 'accountId'");
    const { account, ended } = await disableAccount(ctx, actor, accountId);
    const view: DisabledAccountView = { ...presentAdminAccount(ctx.store.global.data, account), sessionsEnded: ended };
    res.json(view);
  });

  /** Enables a disabled account again: the person can sign in again. */
  router.post("/accounts/:accountId/enable", async (req, res) => {
    const actor = admin(res);
    const accountId = parseInput(Id, param(req, "accountId"), "path parameter 'accountId'");
    res.json(presentAdminAccount(ctx.store.global.data, await enableAccount(ctx, actor, accountId)));
  });

  /** Ends every session of every account, the administrator's own included (ASVS 7.4.5). */
  router.post("/sessions/end-all", async (req, res) => {
    const actor = admin(res);
    const ended = await endEverySession(ctx, actor);
    res.setHeader("Set-Cookie", clearedSessionCookie(overTls(req)));
    res.json({ ended });
  });

  return router;
}
