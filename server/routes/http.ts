// Small helpers every route file shares: who is signed in, and async handlers.
import type { NextFunction, Request, Response } from "express";
import type { Account, Session } from "../store/records.js";
import { TafelError } from "../domain/errors.js";

export interface Signed {
  account: Account;
  session: Session;
}

/** The signed-in account, set by the session middleware; throws 401 if there is none. */
export function signedIn(res: Response): Signed {
  const signed = res.locals.signed as Signed | undefined;
  if (!signed) throw new TafelError("not-signed-in", "Sign in first.");
  return signed;
}

export function param(req: Request, name: string): string {
  const value = req.params[name];
  return typeof value === "string" ? value : "";
}

/** Whether the request carries a body at all (read or not by the JSON parser). */
export function hasBody(req: Request): boolean {
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

/** Whether this request reached us over TLS (directly, or via a trusted proxy). */
export function overTls(req: Request): boolean {
  return req.secure;
}

export type Handler = (req: Request, res: Response, next: NextFunction) => Promise<void> | void;
