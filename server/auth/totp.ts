// Time-based one-time passwords (RFC 6238: HMAC-SHA1, 6 digits, 30 s steps) through the
// `otpauth` library, which also writes the otpauth:// URI authenticator apps read.
// What is ours: which time steps a code may match (the current one ±1, for clocks that
// drift), and that a step, once used, is never accepted again (RFC 6238 §5.2: "the
// verifier MUST NOT accept the second attempt of the OTP after the successful
// validation has been issued for the first OTP").
import { timingSafeEqual } from "node:crypto";
import { HOTP, Secret, TOTP } from "otpauth";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps either side of the current one that still match: ±30 s of clock drift. */
export const TOTP_WINDOW = 1;
/** 160 bits, the HMAC-SHA1 key size RFC 4226 §4 recommends. */
const SECRET_BYTES = 20;
const ISSUER = "Tafel";

/** A fresh random secret, as the base32 text authenticator apps take. */
export function newTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

/** The otpauth:// URI an authenticator app scans (the QR code) or is typed from. */
export function otpauthUri(secretBase32: string, accountLabel: string): string {
  return new TOTP({
    issuer: ISSUER,
    label: accountLabel,
    algorithm: "SHA1",
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  }).toString();
}

export function timeStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code for one time step (what the person's app shows during that step). */
export function codeForStep(secretBase32: string, step: number): string {
  return HOTP.generate({ secret: Secret.fromBase32(secretBase32), algorithm: "SHA1", digits: TOTP_DIGITS, counter: step });
}

/** Digits only: people type "123 456" as their app shows it. */
export function normaliseCode(code: string): string {
  return code.replace(/\s+/g, "");
}

/**
 * The time step `code` matches within ±TOTP_WINDOW of `nowMs`, or null. Steps at or
 * before `lastUsedStep` are never matched: a code is accepted once, and after a later
 * code was used an earlier one is not accepted either.
 */
export function matchingStep(secretBase32: string, code: string, lastUsedStep: number | undefined, nowMs: number): number | null {
  const given = Buffer.from(normaliseCode(code), "utf8");
  if (given.length !== TOTP_DIGITS) return null;
  const current = timeStep(nowMs);
  let matched: number | null = null;
  // Every candidate is compared (no early exit) so timing does not tell which step matched.
  for (let step = current - TOTP_WINDOW; step <= current + TOTP_WINDOW; step += 1) {
    const expected = Buffer.from(codeForStep(secretBase32, step), "utf8");
    const equal = expected.length === given.length && timingSafeEqual(expected, given);
    const fresh = lastUsedStep === undefined || step > lastUsedStep;
    if (equal && fresh && matched === null) matched = step;
  }
  return matched;
}
