// Feedback sheets of a table: draft (chair), approve (every participant), send (chair).
import { Router, type Request } from "express";
import { FeedbackSheetBody, Id } from "../../shared/schemas.js";
import type { Context } from "../domain/context.js";
import { activeParticipantIds, approveSheet, draftSheet, listSheets, sendSheet } from "../domain/feedback.js";
import { parseInput } from "../domain/validate.js";
import { presentFeedbackSheet } from "../presenters/feedback.js";
import type { FeedbackSheet } from "../store/records.js";
import { param, signedIn } from "./http.js";

export function feedbackRoutes(ctx: Context): Router {
  const router = Router({ mergeParams: true });
  const tableId = (req: Request) => parseInput(Id, param(req, "tableId"), "path parameter 'tableId'");
  const sheetId = (req: Request) => parseInput(Id, param(req, "sheetId"), "path parameter 'sheetId'");
  const view = (req: Request, s: FeedbackSheet) => presentFeedbackSheet(ctx.store.global.data, s, activeParticipantIds(ctx, tableId(req)));

  router.get("/", async (req, res) => {
    const sheets = await listSheets(ctx, signedIn(res).account, tableId(req));
    res.json(sheets.map((s) => view(req, s)));
  });
  router.post("/", async (req, res) => {
    const s = await draftSheet(ctx, signedIn(res).account, tableId(req), parseInput(FeedbackSheetBody, req.body, "feedback sheet"));
    res.status(201).json(view(req, s));
  });
  router.put("/:sheetId", async (req, res) => {
    const body = parseInput(FeedbackSheetBody, req.body, "feedback sheet");
    res.json(view(req, await draftSheet(ctx, signedIn(res).account, tableId(req), body, sheetId(req))));
  });
  router.post("/:sheetId/approvals", async (req, res) => {
    res.status(201).json(view(req, await approveSheet(ctx, signedIn(res).account, tableId(req), sheetId(req))));
  });
  router.post("/:sheetId/send", async (req, res) => {
    res.json(view(req, await sendSheet(ctx, signedIn(res).account, tableId(req), sheetId(req))));
  });
  return router;
}
