// Partnerships, referrals and triage (issue 9): parse, call the command, answer.
import { Router, type Request } from "express";
import { ChecklistBody, Id, ReferralBody, TriageDecisionBody, TriageTableBody } from "../../shared/schemas.js";
import type { Context } from "../domain/context.js";
import { listPartnerships, listReferrals, myReferrals, openTriageTable, partnershipAccounts, refer } from "../domain/referrals.js";
import { decide, recordChecklist } from "../domain/triage.js";
import { parseInput } from "../domain/validate.js";
import { param, signedIn } from "./http.js";

export function referralRoutes(ctx: Context): Router {
  const router = Router();
  const id = (req: Request, name: string) => parseInput(Id, param(req, name), `path parameter '${name}'`);

  router.get("/partnerships", (_req, res) => {
    res.json(listPartnerships(ctx, signedIn(res).account));
  });

  router.get("/partnerships/:agreementId/accounts", async (req, res) => {
    res.json(await partnershipAccounts(ctx, signedIn(res).account, id(req, "agreementId")));
  });

  router.post("/partnerships/:agreementId/triage-table", async (req, res) => {
    const { account } = signedIn(res);
    const body = parseInput(TriageTableBody, req.body, "triage table");
    res.status(201).json(await openTriageTable(ctx, account, id(req, "agreementId"), body));
  });

  router.post("/referrals", async (req, res) => {
    const { account } = signedIn(res);
    res.status(201).json(await refer(ctx, account, parseInput(ReferralBody, req.body, "referral")));
  });

  router.get("/referrals/mine", async (_req, res) => {
    res.json(await myReferrals(ctx, signedIn(res).account));
  });

  router.get("/tables/:tableId/referrals", async (req, res) => {
    res.json(await listReferrals(ctx, signedIn(res).account, id(req, "tableId")));
  });

  router.put("/tables/:tableId/referrals/:referralId/checklist", async (req, res) => {
    const { account } = signedIn(res);
    const body = parseInput(ChecklistBody, req.body, "checklist");
    res.json(await recordChecklist(ctx, account, id(req, "tableId"), id(req, "referralId"), body));
  });

  router.post("/tables/:tableId/referrals/:referralId/decision", async (req, res) => {
    const { account } = signedIn(res);
    const body = parseInput(TriageDecisionBody, req.body, "triage decision");
    res.json(await decide(ctx, account, id(req, "tableId"), id(req, "referralId"), body));
  });

  return router;
}
