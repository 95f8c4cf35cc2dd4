// The TOTP rules that are ours (window, no replay) on top of otpauth, checked against
// RFC 6238's published vectors.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { codeForStep, matchingStep, newTotpSecret, otpauthUri, timeStep, TOTP_PERIOD_SECONDS } from "../../server/auth/totp.js";
import { hashRecoveryCode, newRecoveryCodes, RECOVERY_CODE_PATTERN } from "../../server/auth/recoveryCodes.js";

/** RFC 6238 Appendix B's SHA-1 seed "12345678901234567890", in base32. */
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const at = (seconds: number) => seconds * 1000;

describe("TOTP codes", () => {
  it("match RFC 6238's SHA-1 test vectors (last six digits)", () => {
    const vectors: [number, string][] = [
      [59, "287082"],
      [1111111109, "081804"],
      [1111111111, "050471"],
      [1234567890, "005924"],
      [2000000000, "279037"],
      [20000000000, "353130"],
    ];
    for (const [seconds, code] of vectors) {
      expect(codeForStep(RFC_SECRET, timeStep(at(seconds)))).toBe(code);
      expect(matchingStep(RFC_SECRET, code, undefined, at(seconds))).toBe(timeStep(at(seconds)));
    }
  });

  it("are accepted one step either side of now, and not two", () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 2_000_000_000 }), fc.integer({ min: -3, max: 3 }), (seconds, delta) => {
        const now = at(seconds);
        const step = timeStep(now) + delta;
        const got = matchingStep(RFC_SECRET, codeForStep(RFC_SECRET, step), undefined, now);
        if (Math.abs(delta) <= 1) expect(got).toBe(step);
        // Outside the window: refused — unless a step inside it shares the code by chance
        // (about 1 in 10^6), and then it is that inside step that matched.
        else if (got !== null) {
          expect(got).not.toBe(step);
          expect(Math.abs(got - timeStep(now))).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("are accepted once: the same code in the same window is refused, and so is an older one", () => {
    const now = at(1234567890);
    const step = timeStep(now);
    const code = codeForStep(RFC_SECRET, step);
    const used = matchingStep(RFC_SECRET, code, undefined, now);
    expect(used).toBe(step);
    // Replayed 10 s later, still in the same 30 s step and window.
    expect(matchingStep(RFC_SECRET, code, used ?? undefined, now + 10_000)).toBeNull();
    // The previous step's code was still in the window, but a later step was used.
    expect(matchingStep(RFC_SECRET, codeForStep(RFC_SECRET, step - 1), step, now)).toBeNull();
    // The next step's code is fresh.
    expect(matchingStep(RFC_SECRET, codeForStep(RFC_SECRET, step + 1), step, now + TOTP_PERIOD_SECONDS * 1000)).toBe(step + 1);
  });

  it("accept the grouping apps show and refuse anything else", () => {
    const now = at(1111111111);
    expect(matchingStep(RFC_SECRET, "050 471", undefined, now)).not.toBeNull();
    for (const bad of ["", "05047", "0504711", "abcdef", "14050471", "050-471"]) {
      expect(matchingStep(RFC_SECRET, bad, undefined, now)).toBeNull();
    }
  });
});

describe("TOTP secrets and URIs", () => {
  it("are 160 random bits and the URI names Tafel, the account and the RFC 6238 parameters", () => {
    const a = newTotpSecret();
    const b = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(a).not.toBe(b);
    const uri = new URL(otpauthUri(a, "koen"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Tafel:koen");
    expect(uri.searchParams.get("secret")).toBe(a);
    expect(uri.searchParams.get("issuer")).toBe("Tafel");
    expect(uri.searchParams.get("algorithm")).toBe("SHA1");
    expect(uri.searchParams.get("digits")).toBe("6");
    expect(uri.searchParams.get("period")).toBe("30");
  });
});

describe("recovery codes", () => {
  it("are ten distinct codes of 120 random bits (ASVS 6.5.2 allows SHA-256 from 112), hashed the same however they are typed", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(RECOVERY_CODE_PATTERN);
    const first = codes[0] ?? "";
    expect(first.replaceAll("-", "")).toHaveLength(24);
    expect(hashRecoveryCode(first.toLowerCase().replaceAll("-", ""))).toBe(hashRecoveryCode(first));
    expect(hashRecoveryCode(first)).not.toBe(hashRecoveryCode(codes[1] ?? ""));
    expect(hashRecoveryCode(first)).not.toContain(first);
  });
});
