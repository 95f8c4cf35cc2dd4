// A case table's case file (issue 9): status, track, review date, closure, transfer.
import { Router, type Request } from "express";
import { CaseCloseBody, CaseReviewBody, CaseTrackBody, CaseTransferBody, Id } from "../../shared/schemas.js";
import { changeTrack, closeCase, readCase, setReview, transferCase } from "../domain/cases.js";
import type { Context } from "../domain/context.js";
import { parseInput } from "../domain/validate.js";
import { param, signedIn } from "./http.js";

export function caseRoutes(ctx: Context): Router {
  const router = Router();
  const tableId = (req: Request) => parseInput(Id, param(req, "tableId"), "path parameter 'tableId'");

  router.get("/tables/:tableId/case", async (req, res) => {
    res.json(await readCase(ctx, signedIn(res).account, tableId(req)));
  });

  router.put("/tables/:tableId/case/review", async (req, res) => {
    const { account } = signedIn(res);
    res.json(await setReview(ctx, account, tableId(req), parseInput(CaseReviewBody, req.body, "review date")));
  });

  router.post("/tables/:tableId/case/track", async (req, res) => {
    const { account } = signedIn(res);
    res.json(await changeTrack(ctx, account, tableId(req), parseInput(CaseTrackBody, req.body, "track change")));
  });

  router.post("/tables/:tableId/case/close", async (req, res) => {
    const { account } = signedIn(res);
    res.json(await closeCase(ctx, account, tableId(req), parseInput(CaseCloseBody, req.body, "closure")));
  });

  router.post("/tables/:tableId/case/transfer", async (req, res) => {
    const { account } = signedIn(res);
    res.json(await transferCase(ctx, account, tableId(req), parseInput(CaseTransferBody, req.body, "transfer")));
  });

  return router;
}
