// PUT /api/auth/preferences: the signed-in person's own language of the interface.
import { Router } from "express";
import { PreferencesBody } from "../../shared/schemas.js";
import type { PreferencesView } from "../../shared/types.js";
import type { Context } from "../domain/context.js";
import { setPreferences } from "../domain/preferences.js";
import { parseInput } from "../domain/validate.js";
import { signedIn } from "./http.js";

export function preferencesRoutes(ctx: Context): Router {
  const router = Router();

  router.put("/auth/preferences", async (req, res) => {
    const { account } = signedIn(res);
    const saved = await setPreferences(ctx, account, parseInput(PreferencesBody, req.body, "preferences"));
    const view: PreferencesView = { locale: saved.locale };
    res.json(view);
  });

  return router;
}
