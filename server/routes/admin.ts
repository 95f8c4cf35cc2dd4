// Platform administration. Every handler asks policies/admin.ts through the commands.
import { Router } from "express";
import { CreateAccountBody, CreateOrganisationBody, Id } from "../../shared/schemas.js";
import { createAccount, createOrganisation, endAllSessions } from "../domain/accounts.js";
import type { Context } from "../domain/context.js";
import { forbidden, notFound } from "../domain/errors.js";
import { parseInput } from "../domain/validate.js";
import { mayAdminister } from "../policies/admin.js";
import { presentAccount, presentOrganisation } from "../presenters/person.js";
import { param, signedIn } from "./http.js";
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
    res.json(ctx.store.global.data.organisations.map(presentOrganisation));
  });

  router.post("/organisations", async (req, res) => {
    const actor = admin(res);
    const org = await createOrganisation(ctx, actor, parseInput(CreateOrganisationBody, req.body, "organisation"));
    res.status(201).json(presentOrganisation(org));
  });

  router.get("/accounts", (_req, res) => {
    admin(res);
    const global = ctx.store.global.data;
    res.json(global.accounts.map((a) => presentAccount(global, a)));
  });

  router.post("/accounts", async (req, res) => {
    const actor = admin(res);
    const account = await createAccount(ctx, actor, parseInput(CreateAccountBody, req.body, "account"));
    res.status(201).json(presentAccount(ctx.store.global.data, account));
  });

  /** Ends every session of an account (a lost laptop, a person leaving an organisation). */
  router.post("/accounts/:accountId/end-sessions", async (req, res) => {
    admin(res);
    const accountId = parseInput(Id, param(req, "accountId"), "path parameter 'accountId'");
    if (!ctx.store.global.data.accounts.some((a) => a.id === accountId)) throw notFound("No account with this id.");
    res.json({ ended: await endAllSessions(ctx, accountId) });
  });

  return router;
}
