// The organisations of the platform, as members see them when they draft an agreement:
// name and sector, nothing about their accounts.
import { Router } from "express";
import type { OrganisationView } from "../../shared/types.js";
import type { Context } from "../domain/context.js";
import { forbidden } from "../domain/errors.js";
import { presentOrganisation } from "../presenters/person.js";
import { PLATFORM_ORGANISATION } from "../domain/accounts.js";
import { signedIn } from "./http.js";

export function organisationRoutes(ctx: Context): Router {
  const router = Router();
  router.get("/", (_req, res) => {
    if (signedIn(res).account.role !== "member") throw forbidden("Only members of organisations draft sharing agreements.");
    const view: OrganisationView[] = ctx.store.global.data.organisations
      .filter((o) => o.name !== PLATFORM_ORGANISATION)
      .map(presentOrganisation);
    res.json(view);
  });
  return router;
}
