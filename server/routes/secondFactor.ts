// The signed-in person's own second factor: its state, enrolment (the secret is shown
// once, in the answer that starts it), confirmation (recovery codes shown once) and
// turning it off. The code step of signing in is in routes/auth.ts.
import { Router } from "express";
import { ipKeyGenerator } from "express-rate-limit";
import { ConfirmEnrolmentBody, DisableSecondFactorBody } from "../../shared/schemas.js";
import type { RecoveryCodesView } from "../../shared/types.js";
import type { Context } from "../domain/context.js";
import { confirmEnrolment, disableSecondFactor, secondFactorStatus, startEnrolment } from "../domain/secondFactor.js";
import { parseInput } from "../domain/validate.js";
import { loginThrottle } from "./auth.js";
import { signedIn, type Signed } from "./http.js";

export function secondFactorRoutes(ctx: Context): Router {
  const router = Router();

  router.get("/auth/second-factor", (_req, res) => {
    res.json(secondFactorStatus(ctx, signedIn(res).account));
  });

  router.post("/auth/second-factor/enrolment", async (_req, res) => {
    res.status(201).json(await startEnrolment(ctx, signedIn(res).account));
  });

  router.post("/auth/second-factor/enrolment/confirm", async (req, res) => {
    const { account } = signedIn(res);
    const view: RecoveryCodesView = { recoveryCodes: await confirmEnrolment(ctx, account, parseInput(ConfirmEnrolmentBody, req.body, "code")) };
    res.json(view);
  });

  // Password and code guesses here are throttled like signing in, per address and account.
  const disableThrottle = loginThrottle(ctx.logger, (req, res) => {
    const signed = res.locals.signed as Signed | undefined;
    return `${ipKeyGenerator(req.ip ?? "")}|second-factor-off|${signed?.account.id ?? "anonymous"}`;
  });
  router.post("/auth/second-factor/disable", disableThrottle, async (req, res) => {
    const { account } = signedIn(res);
    await disableSecondFactor(ctx, account, parseInput(DisableSecondFactorBody, req.body, "turning off the second factor"));
    res.status(204).end();
  });

  return router;
}
