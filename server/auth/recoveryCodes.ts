// Recovery codes: ten single-use codes shown once at enrolment, for a lost phone.
// Each has 120 random bits (24 base32 characters): at 112 bits or more ASVS 5 6.5.2
// allows a plain SHA-256 at rest (as for session tokens), which keeps spending a code a
// synchronous part of the one all-or-nothing update; there is no space to search.
import { randomBytes } from "node:crypto";
import { hashToken } from "./tokens.js";

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const LENGTH = 24;
/** What a recovery code looks like as typed: "ABCDEF-GHIJK2-LMNOP3-QRSTU4" (dashes and case optional). */
export const RECOVERY_CODE_PATTERN = /^[A-Za-z2-7]{6}(-?[A-Za-z2-7]{6}){3}$/;

function oneCode(): string {
  const bytes = randomBytes(LENGTH);
  let out = "";
  // 32 divides 256: each byte's low five bits are uniform.
  for (const b of bytes) out += ALPHABET[b & 31];
  return (out.match(/.{6}/g) ?? [out]).join("-");
}

export function newRecoveryCodes(): string[] {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) codes.add(oneCode());
  return [...codes];
}

export function hashRecoveryCode(code: string): string {
  return hashToken(code.replace(/[\s-]/g, "").toUpperCase());
}
