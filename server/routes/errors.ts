// Every failure becomes a JSON error a person can act on. Unknown errors are logged by
// name only (their message could quote input) and answered with a generic 500.
import type { ErrorRequestHandler, RequestHandler } from "express";
import type { ApiError } from "../../shared/types.js";
import { TafelError } from "../domain/errors.js";
import type { Logger } from "../logger.js";
import { attribution, securityEvent } from "./attribution.js";

export function notFoundHandler(): RequestHandler {
  return (req, res) => {
    const body: ApiError = { error: { code: "not-found", message: `No API route ${req.method} ${req.path}.` } };
    res.status(404).json(body);
  };
}

interface BodyParserError {
  type?: string;
  status?: number;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    let body: ApiError;
    let status: number;
    const parserError = err as BodyParserError;
    if (err instanceof TafelError) {
      status = err.status;
      body = { error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } };
      // A refusal by a policy is a security event (who tried what); the message is not logged.
      if (err.code === "forbidden") securityEvent(logger, req, res, "forbidden", { refusal: err.code });
    } else if (parserError.type === "entity.too.large") {
      status = 413;
      body = { error: { code: "payload-too-large", message: "The request body is too large." } };
    } else if (parserError.type === "entity.parse.failed") {
      status = 400;
      body = { error: { code: "invalid-input", message: "The request body is not valid JSON." } };
    } else if (typeof parserError.status === "number" && parserError.status >= 400 && parserError.status < 500) {
      status = parserError.status;
      body = { error: { code: "invalid-input", message: "The request could not be read." } };
    } else {
      status = 500;
      logger.event("unexpected-error", { ...attribution(req, res), error: err instanceof Error ? err.name : "error", at: err instanceof Error ? (err.stack?.split("\n")[1]?.trim() ?? "?") : "?" }, "error");
      body = { error: { code: "internal", message: "Something went wrong on the server; nothing was changed by this request." } };
    }
    res.status(status).json(body);
  };
}
