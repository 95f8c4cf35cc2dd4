// Retention at one table: the chair's review of what falls due (e.g. at closure), and
// the expired fragments a participant wrote or received (when, under which article).
import { Router, type Request } from "express";
import { Id, RetentionQuery } from "../../shared/schemas.js";
import type { Context } from "../domain/context.js";
import { expiredFor, retentionAtTable } from "../domain/retention.js";
import { parseInput } from "../domain/validate.js";
import { param, signedIn } from "./http.js";

export function retentionRoutes(ctx: Context): Router {
  const router = Router({ mergeParams: true });
  const id = (req: Request) => parseInput(Id, param(req, "tableId"), "path parameter 'tableId'");

  router.get("/retention", async (req, res) => {
    const q = parseInput(RetentionQuery, req.query, "query");
    res.json(await retentionAtTable(ctx, signedIn(res).account, id(req), q.within));
  });

  router.get("/fragments/expired", async (req, res) => {
    res.json(await expiredFor(ctx, signedIn(res).account, id(req)));
  });

  return router;
}
