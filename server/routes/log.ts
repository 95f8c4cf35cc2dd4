// The transparent log: the view with names, and the CT API shapes (get-sth,
// get-proof-by-hash, get-sth-consistency, get-entries) plus the offline export.
import { Router, type Request } from "express";
import { ConsistencyQuery, EntriesQuery, Id, ProofByHashQuery } from "../../shared/schemas.js";
import type { LogKeyView } from "../../shared/types.js";
import { tableFor, type Context } from "../domain/context.js";
import { consistency, entries, exportLog, proofByHash, signedHead, treeHead } from "../domain/log.js";
import { parseInput } from "../domain/validate.js";
import { presentLog } from "../presenters/log.js";
import { param, signedIn } from "./http.js";

export function logRoutes(ctx: Context): Router {
  const router = Router();
  const tableId = (req: Request) => parseInput(Id, param(req, "tableId"), "path parameter 'tableId'");

  router.get("/log/key", (_req, res) => {
    const view: LogKeyView = { algorithm: "Ed25519", publicKey: ctx.signer.publicKey };
    res.json(view);
  });

  router.get("/tables/:tableId/log", async (req, res) => {
    const { files } = await tableFor(ctx, signedIn(res).account, tableId(req), "read-log");
    // Read the head and the entries without an await in between: they describe one tree.
    res.json(presentLog(ctx.store.global.data, files.doc.data, files.log, signedHead(ctx, files)));
  });

  router.get("/tables/:tableId/log/sth", async (req, res) => {
    res.json(await treeHead(ctx, signedIn(res).account, tableId(req)));
  });

  router.get("/tables/:tableId/log/proof-by-hash", async (req, res) => {
    const q = parseInput(ProofByHashQuery, req.query, "query");
    res.json(await proofByHash(ctx, signedIn(res).account, tableId(req), q));
  });

  router.get("/tables/:tableId/log/sth-consistency", async (req, res) => {
    const q = parseInput(ConsistencyQuery, req.query, "query");
    res.json(await consistency(ctx, signedIn(res).account, tableId(req), q));
  });

  router.get("/tables/:tableId/log/entries", async (req, res) => {
    const q = parseInput(EntriesQuery, req.query, "query");
    res.json(await entries(ctx, signedIn(res).account, tableId(req), q));
  });

  router.get("/tables/:tableId/log/export", async (req, res) => {
    const file = await exportLog(ctx, signedIn(res).account, tableId(req));
    res.setHeader("Content-Disposition", `attachment; filename="tafel-log-${file.tableId}.json"`);
    res.json(file);
  });

  return router;
}
