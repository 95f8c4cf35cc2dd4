// Who and what a log line is about (ASVS 5 V16.2): every request line and every security
// event carries the request id, the account and the session (its id, never the token),
// the address, the method and the route *pattern* — never the raw URL (ids in it are
// replaced by their parameter names, the query string is dropped) and never a body.
import { randomUUID } from "node:crypto";
import type { Request, RequestHandler, Response } from "express";
import type { LogFields, LogLevel, Logger } from "../logger.js";
import type { Signed } from "./http.js";

/** Literal segments of the API's mount paths; any other segment before a route's own path is the `:tableId` a mount captured. */
const MOUNT_LITERALS = new Set(["api", "admin", "tables", "feedback-sheets", "dpo", "agreements", "organisations"]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A segment kept as it is when no route matched: a short lowercase word, like our own. */
const WORD = /^[a-z][a-z-]{0,30}$/;

/** The shape of a path no route matched (refused before routing, or unknown): ids and anything not a plain word replaced. */
function pathShape(path: string): string {
  const segments = path.split("/").filter(Boolean).slice(0, 12);
  return `/${segments.map((s) => (UUID.test(s) ? ":id" : /^\d{1,9}$/.test(s) ? ":n" : WORD.test(s) ? s : ":?")).join("/")}`;
}

/**
 * The matched route's pattern, e.g. `/api/tables/:tableId/drafts/:draftId`. A request
 * refused before routing (origin, rate limit) or matching nothing gets the path's shape
 * rather than a path an attacker chose.
 */
export function routePattern(req: Request): string {
  const path = req.originalUrl.split("?")[0] ?? "";
  if (path !== "/api" && !path.startsWith("/api/")) return "(client)";
  const route = req.route as { path?: unknown } | undefined;
  if (!route || typeof route.path !== "string") return pathShape(path);
  const own = route.path.split("/").filter(Boolean);
  const segments = path.split("/").filter(Boolean);
  const mount = segments.slice(0, Math.max(0, segments.length - own.length)).map((s) => (MOUNT_LITERALS.has(s) ? s : ":tableId"));
  return `/${[...mount, ...own].join("/")}`;
}

/** The request's id (set by requestLog), echoed to the client as X-Request-Id for support. */
export function requestIdOf(res: Response): string {
  const id = res.locals.requestId as unknown;
  return typeof id === "string" ? id : "";
}

/** Request id, account, session and address of this request. */
export function attribution(req: Request, res: Response): LogFields {
  const signed = res.locals.signed as Signed | undefined;
  return {
    requestId: requestIdOf(res),
    accountId: signed?.account.id ?? null,
    sessionId: signed?.session.id ?? null,
    ip: req.ip ?? null,
    method: req.method,
    route: routePattern(req),
  };
}

/** A security event (sign-in, sign-out, sessions ended, refusals, rate limits) tied to its request. */
export function securityEvent(logger: Logger, req: Request, res: Response, name: string, fields: LogFields = {}, level: LogLevel = "warn"): void {
  logger.event(name, { ...attribution(req, res), ...fields }, level);
}

/** One line per request when it finishes: attribution, status and time taken. */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const id = randomUUID();
    res.locals.requestId = id;
    res.setHeader("X-Request-Id", id);
    res.on("finish", () => {
      const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
      logger.event("request", { ...attribution(req, res), status: res.statusCode, ms }, res.statusCode >= 500 ? "error" : "info");
    });
    next();
  };
}

/** An Origin header as logged: attacker-chosen, so bounded. */
export function loggedOrigin(origin: string | undefined): string | null {
  return origin === undefined ? null : origin.slice(0, 200);
}
