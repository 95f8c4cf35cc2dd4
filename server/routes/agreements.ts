// Sharing agreements: draft, list, read, new version, sign, compare.
import { Router, type Request } from "express";
import { z } from "zod";
import { AgreementBody, Id } from "../../shared/schemas.js";
import type { Context } from "../domain/context.js";
import { agreementsFor, createAgreement, draftVersion, readableAgreement, sign } from "../domain/agreements.js";
import { notFound } from "../domain/errors.js";
import { parseInput } from "../domain/validate.js";
import { compareVersions, presentAgreement, presentAgreementVersion } from "../presenters/agreement.js";
import { param, signedIn } from "./http.js";

const VersionNumber = z.coerce.number({ error: "must be a version number" }).int().min(1).max(100_000);
const CompareQuery = z.strictObject({ from: VersionNumber, to: VersionNumber });

export function agreementRoutes(ctx: Context): Router {
  const router = Router();
  const global = () => ctx.store.global.data;
  const agreementId = (req: Request) => parseInput(Id, param(req, "agreementId"), "path parameter 'agreementId'");

  router.get("/", (_req, res) => {
    res.json(agreementsFor(ctx, signedIn(res).account).map((a) => presentAgreement(global(), a)));
  });

  router.post("/", async (req, res) => {
    const agreement = await createAgreement(ctx, signedIn(res).account, parseInput(AgreementBody, req.body, "agreement"));
    res.status(201).json(presentAgreement(global(), agreement));
  });

  router.get("/:agreementId", (req, res) => {
    res.json(presentAgreement(global(), readableAgreement(ctx, signedIn(res).account, agreementId(req))));
  });

  router.post("/:agreementId/versions", async (req, res) => {
    const body = parseInput(AgreementBody, req.body, "agreement version");
    const version = await draftVersion(ctx, signedIn(res).account, agreementId(req), body);
    res.status(201).json(presentAgreementVersion(global(), version));
  });

  router.post("/:agreementId/versions/:number/signatures", async (req, res) => {
    const number = parseInput(VersionNumber, param(req, "number"), "path parameter 'number'");
    const version = await sign(ctx, signedIn(res).account, agreementId(req), number);
    res.status(201).json(presentAgreementVersion(global(), { ...version }));
  });

  router.get("/:agreementId/compare", (req, res) => {
    const agreement = readableAgreement(ctx, signedIn(res).account, agreementId(req));
    const q = parseInput(CompareQuery, req.query, "query");
    const from = agreement.versions.find((v) => v.number === q.from);
    const to = agreement.versions.find((v) => v.number === q.to);
    if (!from || !to) throw notFound("No such version of this sharing agreement.");
    res.json(compareVersions(global(), from, to));
  });

  return router;
}
