// Meetings (agenda, attendance, confirmations, decisions, minutes) and actions of a table.
import { Router, type Request } from "express";
import { ActionBody, ActionStatusBody, AttendanceBody, DecisionBody, Id, OpenMeetingBody } from "../../shared/schemas.js";
import type { MinutesCopyView } from "../../shared/types.js";
import type { Context } from "../domain/context.js";
import {
  confirmForMeeting,
  createAction,
  finaliseMinutes,
  listActions,
  listMeetings,
  minutesCopy,
  recordAttendance,
  recordDecision,
  startMeeting,
  updateAction,
} from "../domain/meetings.js";
import { parseInput } from "../domain/validate.js";
import { toBase64 } from "../log/treeHead.js";
import { presentAction, presentMeeting } from "../presenters/meeting.js";
import { param, signedIn } from "./http.js";

export function meetingRoutes(ctx: Context): Router {
  const router = Router({ mergeParams: true });
  const global = () => ctx.store.global.data;
  const id = (req: Request, name: string) => parseInput(Id, param(req, name), `path parameter '${name}'`);

  router.get("/meetings", async (req, res) => {
    res.json((await listMeetings(ctx, signedIn(res).account, id(req, "tableId"))).map((m) => presentMeeting(global(), m)));
  });
  router.post("/meetings", async (req, res) => {
    const m = await startMeeting(ctx, signedIn(res).account, id(req, "tableId"), parseInput(OpenMeetingBody, req.body, "meeting"));
    res.status(201).json(presentMeeting(global(), m));
  });
  router.put("/meetings/:meetingId/attendance", async (req, res) => {
    const body = parseInput(AttendanceBody, req.body, "attendance");
    res.json(presentMeeting(global(), await recordAttendance(ctx, signedIn(res).account, id(req, "tableId"), id(req, "meetingId"), body)));
  });
  router.post("/meetings/:meetingId/confirmations", async (req, res) => {
    res.status(201).json(presentMeeting(global(), await confirmForMeeting(ctx, signedIn(res).account, id(req, "tableId"), id(req, "meetingId"))));
  });
  router.post("/meetings/:meetingId/decisions", async (req, res) => {
    const body = parseInput(DecisionBody, req.body, "decision");
    res.status(201).json(presentMeeting(global(), await recordDecision(ctx, signedIn(res).account, id(req, "tableId"), id(req, "meetingId"), body)));
  });
  router.post("/meetings/:meetingId/finalise", async (req, res) => {
    res.json(presentMeeting(global(), await finaliseMinutes(ctx, signedIn(res).account, id(req, "tableId"), id(req, "meetingId"))));
  });
  router.get("/meetings/:meetingId/minutes", async (req, res) => {
    const copy = await minutesCopy(ctx, signedIn(res).account, id(req, "tableId"), id(req, "meetingId"));
    const view: MinutesCopyView = { meeting: presentMeeting(global(), copy.meeting), hash: copy.meeting.minutes?.hash ?? "", boardState: toBase64(copy.state) };
    res.json(view);
  });
  router.get("/actions", async (req, res) => {
    res.json((await listActions(ctx, signedIn(res).account, id(req, "tableId"))).map((a) => presentAction(global(), a)));
  });
  router.post("/actions", async (req, res) => {
    const a = await createAction(ctx, signedIn(res).account, id(req, "tableId"), parseInput(ActionBody, req.body, "action"));
    res.status(201).json(presentAction(global(), a));
  });
  router.patch("/actions/:actionId", async (req, res) => {
    const body = parseInput(ActionStatusBody, req.body, "action status");
    res.json(presentAction(global(), await updateAction(ctx, signedIn(res).account, id(req, "tableId"), id(req, "actionId"), body)));
  });
  return router;
}
