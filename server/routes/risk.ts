// Risk checklists of a table: the template in use, and checklist drafts (the server
// scores them). Releasing, reading and revoking go through the fragment routes.
import { Router, type Request } from "express";
import { Id, RiskChecklistBody } from "../../shared/schemas.js";
import type { Context } from "../domain/context.js";
import { createRiskDraft, riskTemplate, updateRiskDraft } from "../domain/riskChecklists.js";
import { parseInput } from "../domain/validate.js";
import { presentDraft } from "../presenters/table.js";
import { param, signedIn } from "./http.js";

export function riskRoutes(ctx: Context): Router {
  const router = Router({ mergeParams: true });
  const id = (req: Request, name: string) => parseInput(Id, param(req, name), `path parameter '${name}'`);

  router.get("/risk-template", async (req, res) => {
    res.json(await riskTemplate(ctx, signedIn(res).account, id(req, "tableId")));
  });

  router.post("/risk-drafts", async (req, res) => {
    const body = parseInput(RiskChecklistBody, req.body, "risk checklist");
    res.status(201).json(presentDraft(await createRiskDraft(ctx, signedIn(res).account, id(req, "tableId"), body)));
  });

  router.put("/risk-drafts/:draftId", async (req, res) => {
    const body = parseInput(RiskChecklistBody, req.body, "risk checklist");
    res.json(presentDraft(await updateRiskDraft(ctx, signedIn(res).account, id(req, "tableId"), id(req, "draftId"), body)));
  });

  return router;
}
