// Request rate limits on the API (ASVS 5 V2.4.1 anti-automation): a signed-in request
// counts against its account, whatever address it comes from, so colleagues behind one
// office address never starve each other; a request without a session counts against
// its address. Sign-in failures have their own, stricter throttle (routes/auth.ts).
// Runs after the session middleware, which sets `res.locals.signed`.
import type { RequestHandler, Response } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import type { ApiError } from "../../shared/types.js";
import type { RateLimits } from "../config.js";
import type { Logger } from "../logger.js";
import { securityEvent } from "./attribution.js";
import type { Signed } from "./http.js";

const WINDOW_MS = 60_000;

function signedOf(res: Response): Signed | undefined {
  return res.locals.signed as Signed | undefined;
}

export function apiRateLimit(limits: RateLimits, logger: Logger): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: (_req, res) => (signedOf(res) ? limits.perAccountPerMinute : limits.perAddressPerMinute),
    keyGenerator: (req, res) => {
      const signed = signedOf(res);
      return signed ? `account:${signed.account.id}` : `address:${ipKeyGenerator(req.ip ?? "")}`;
    },
    // RateLimit and RateLimit-Policy headers, and Retry-After on a refusal.
    standardHeaders: "draft-8",
    legacyHeaders: false,
    handler: (req, res) => {
      const byAccount = signedOf(res) !== undefined;
      securityEvent(logger, req, res, "rate-limited", { limiter: byAccount ? "account" : "address" });
      const retry = res.getHeader("Retry-After");
      const limit = byAccount ? limits.perAccountPerMinute : limits.perAddressPerMinute;
      const who = byAccount ? "for one account" : "from one address without signing in";
      const body: ApiError = {
        error: {
          code: "too-many-requests",
          message: `Too many requests: at most ${limit} a minute ${who}. Try again in ${typeof retry === "string" || typeof retry === "number" ? retry : 60} seconds.`,
        },
      };
      res.status(429).json(body);
    },
  });
}
