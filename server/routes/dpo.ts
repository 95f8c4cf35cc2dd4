// The data protection officer: tables and persons concerned (no content), disclosure
// reports as JSON, CSV or PDF, and deferrals.
import { Router, type Request } from "express";
import { DeferralBody, Id, Locale, ReportFormat, RetentionQuery } from "../../shared/schemas.js";
import { retentionForDpo } from "../domain/retention.js";
import { caseDataForDpo } from "../domain/caseDataRetention.js";
import type { Context } from "../domain/context.js";
import { disclosureReport, dpoTables, recordDeferral } from "../domain/dpo.js";
import { parseInput } from "../domain/validate.js";
import { disclosureCsv } from "../presenters/disclosureCsv.js";
import { disclosurePdf } from "../presenters/disclosurePdf.js";
import { presentDeferral } from "../presenters/disclosure.js";
import { param, signedIn } from "./http.js";

export function dpoRoutes(ctx: Context): Router {
  const router = Router();
  const ids = (req: Request) => ({
    tableId: parseInput(Id, param(req, "tableId"), "path parameter 'tableId'"),
    personId: parseInput(Id, param(req, "personId"), "path parameter 'personId'"),
  });

  router.get("/tables", async (_req, res) => {
    res.json(await dpoTables(ctx, signedIn(res).account));
  });

  /** Per table, what falls due under the retention rules within `within` days (default 30). */
  router.get("/retention", async (req, res) => {
    const q = parseInput(RetentionQuery, req.query, "query");
    res.json(await retentionForDpo(ctx, signedIn(res).account, q.within));
  });

  /** Referrals not accepted and closed cases' identities that fall due within `within` days (default 30). */
  router.get("/retention/case-data", async (req, res) => {
    const q = parseInput(RetentionQuery, req.query, "query");
    res.json(await caseDataForDpo(ctx, signedIn(res).account, q.within));
  });

  router.get("/tables/:tableId/persons/:personId/report", async (req, res) => {
    const { tableId, personId } = ids(req);
    const format = parseInput(ReportFormat, req.query.format ?? "json", "query parameter 'format'");
    // The language of a CSV or PDF: the one the person concerned reads (default English).
    const lang = parseInput(Locale, req.query.lang ?? "en", "query parameter 'lang'");
    const report = await disclosureReport(ctx, signedIn(res).account, tableId, personId, format);
    const name = `disclosure-${report.table.caseCode}-${report.person.pseudonym}`.replace(/[^A-Za-z0-9._-]+/g, "_");
    if (format === "json") {
      res.json(report);
    } else if (format === "csv") {
      res.setHeader("Content-Disposition", `attachment; filename="${name}.csv"`);
      res.type("text/csv; charset=utf-8").send(disclosureCsv(report, lang));
    } else {
      res.setHeader("Content-Disposition", `attachment; filename="${name}.pdf"`);
      res.type("application/pdf").send(Buffer.from(await disclosurePdf(report, lang)));
    }
  });

  router.post("/tables/:tableId/persons/:personId/deferrals", async (req, res) => {
    const { tableId, personId } = ids(req);
    const d = await recordDeferral(ctx, signedIn(res).account, tableId, personId, parseInput(DeferralBody, req.body, "deferral"));
    res.status(201).json(presentDeferral(ctx.store.global.data, d));
  });

  return router;
}
