// Case tables, participants, drafts, fragments, declines and the log.
import { Router } from "express";
import {
  AcceptBody,
  CreateTableBody,
  DeclineBody,
  DraftBody,
  Id,
  InviteBody,
  ReleaseBody,
  ReleaseCheckQuery,
  RevokeBody,
} from "../../shared/schemas.js";
import type { Context } from "../domain/context.js";
import { participationOf, tableFor } from "../domain/context.js";
import { createDraft, deleteDraft, listDrafts, updateDraft } from "../domain/drafts.js";
import { listDeclines, recordDecline } from "../domain/declines.js";
import { checkRelease, listReleased, readFragment, release, revoke } from "../domain/fragments.js";
import { accept, candidates, createTable, invite, listTables, removeParticipant } from "../domain/tables.js";
import { parseInput } from "../domain/validate.js";
import {
  CONFIDENTIALITY_STATEMENT,
  presentDecline,
  presentDraft,
  presentInvitation,
  presentParticipant,
  presentTable,
} from "../presenters/table.js";
import type { StatementView } from "../../shared/types.js";
import type { Participation } from "../store/records.js";
import { hasBody, param, signedIn } from "./http.js";
import type { Request } from "express";

export function tableRoutes(ctx: Context): Router {
  const router = Router();
  const global = () => ctx.store.global.data;
  /** Path ids are validated like bodies: a malformed id is a 400 naming the parameter. */
  const id = (req: Request, name: string) => parseInput(Id, param(req, name), `path parameter '${name}'`);

  router.get("/", async (_req, res) => {
    res.json(await listTables(ctx, signedIn(res).account));
  });

  /** The statement every participant accepts (its hash is what the log records). */
  router.get("/confidentiality-statement", (_req, res) => {
    signedIn(res);
    const view: StatementView = { statement: CONFIDENTIALITY_STATEMENT };
    res.json(view);
  });

  router.post("/", async (req, res) => {
    const { account } = signedIn(res);
    const table = await createTable(ctx, account, parseInput(CreateTableBody, req.body, "table"));
    res.status(201).json(presentTable(global(), table, participationOf(ctx, table.id, account.id) as Participation));
  });

  router.get("/:tableId", async (req, res) => {
    const { account } = signedIn(res);
    const { files, participation } = await tableFor(ctx, account, id(req, "tableId"), "view");
    res.json(presentTable(global(), files.doc.data, participation));
  });

  router.get("/:tableId/invitation", async (req, res) => {
    const { participation, files } = await tableFor(ctx, signedIn(res).account, id(req, "tableId"), "read-invitation");
    res.json(presentInvitation(global(), participation, files.doc.data));
  });

  router.post("/:tableId/accept", async (req, res) => {
    const { account } = signedIn(res);
    const tableId = id(req, "tableId");
    const participation = await accept(ctx, account, tableId, parseInput(AcceptBody, req.body, "acceptance"));
    const { files } = await tableFor(ctx, account, tableId, "view");
    res.json(presentTable(global(), files.doc.data, participation));
  });

  router.get("/:tableId/candidates", async (req, res) => {
    res.json(await candidates(ctx, signedIn(res).account, id(req, "tableId")));
  });

  router.post("/:tableId/participants", async (req, res) => {
    const p = await invite(ctx, signedIn(res).account, id(req, "tableId"), parseInput(InviteBody, req.body, "invitation"));
    res.status(201).json(presentParticipant(global(), p));
  });

  router.delete("/:tableId/participants/:accountId", async (req, res) => {
    await removeParticipant(ctx, signedIn(res).account, id(req, "tableId"), id(req, "accountId"));
    res.status(204).end();
  });

  router.get("/:tableId/drafts", async (req, res) => {
    res.json((await listDrafts(ctx, signedIn(res).account, id(req, "tableId"))).map(presentDraft));
  });

  router.post("/:tableId/drafts", async (req, res) => {
    const draft = await createDraft(ctx, signedIn(res).account, id(req, "tableId"), parseInput(DraftBody, req.body, "draft"));
    res.status(201).json(presentDraft(draft));
  });

  router.put("/:tableId/drafts/:draftId", async (req, res) => {
    const body = parseInput(DraftBody, req.body, "draft");
    res.json(presentDraft(await updateDraft(ctx, signedIn(res).account, id(req, "tableId"), id(req, "draftId"), body)));
  });

  router.delete("/:tableId/drafts/:draftId", async (req, res) => {
    await deleteDraft(ctx, signedIn(res).account, id(req, "tableId"), id(req, "draftId"));
    res.status(204).end();
  });

  router.post("/:tableId/drafts/:draftId/release", async (req, res) => {
    const body = parseInput(ReleaseBody, req.body, "release");
    res.status(201).json(await release(ctx, signedIn(res).account, id(req, "tableId"), id(req, "draftId"), body));
  });

  router.get("/:tableId/release-check", async (req, res) => {
    const q = parseInput(ReleaseCheckQuery, req.query, "query");
    res.json(await checkRelease(ctx, signedIn(res).account, id(req, "tableId"), q));
  });

  router.get("/:tableId/fragments/released", async (req, res) => {
    res.json(await listReleased(ctx, signedIn(res).account, id(req, "tableId")));
  });

  router.get("/:tableId/fragments/:fragmentId", async (req, res) => {
    res.json(await readFragment(ctx, signedIn(res).account, id(req, "tableId"), id(req, "fragmentId")));
  });

  router.post("/:tableId/fragments/:fragmentId/revoke", async (req, res) => {
    // No body at all means "everyone"; a body the JSON parser did not read (another
    // content type) must not be taken for that: it is refused like any invalid body.
    const body = parseInput(RevokeBody, req.body === undefined && !hasBody(req) ? {} : req.body, "revocation");
    res.json(await revoke(ctx, signedIn(res).account, id(req, "tableId"), id(req, "fragmentId"), body));
  });

  router.get("/:tableId/declines", async (req, res) => {
    const declines = await listDeclines(ctx, signedIn(res).account, id(req, "tableId"));
    res.json(declines.map((d) => presentDecline(global(), d)));
  });

  router.post("/:tableId/declines", async (req, res) => {
    const d = await recordDecline(ctx, signedIn(res).account, id(req, "tableId"), parseInput(DeclineBody, req.body, "decline"));
    res.status(201).json(presentDecline(global(), d));
  });

  return router;
}
