// Refusals a person can act on. Routes turn these into JSON with the status; socket
// handlers into a Reply. The message is shown to the user as it is, so it names the
// rule and never echoes content.
import type { ErrorCode } from "../../shared/types.js";

const STATUS: Record<ErrorCode, number> = {
  "invalid-input": 400,
  "not-signed-in": 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  "payload-too-large": 413,
  "too-many-requests": 429,
  "bad-origin": 403,
  "password-change-required": 403,
  "second-factor-required": 403,
  "account-disabled": 403,
  expired: 410,
  internal: 500,
};

export class TafelError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = "TafelError";
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export const forbidden = (message: string) => new TafelError("forbidden", message);
export const notFound = (message: string) => new TafelError("not-found", message);
export const conflict = (message: string) => new TafelError("conflict", message);
export const invalid = (message: string, fields?: { path: string; message: string }[]) =>
  new TafelError("invalid-input", message, fields);
