// auth/tokens.ts: random bearer tokens, stored only as SHA-256.
import { describe, expect, it } from "vitest";
import { hashToken, newToken, tokenMatches } from "../../server/auth/tokens.js";

describe("newToken", () => {
  it("is 32 random bytes in base64url, different every time", () => {
    const tokens = Array.from({ length: 50 }, () => newToken());
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(t, "base64url")).toHaveLength(32);
    }
    expect(new Set(tokens).size).toBe(50);
  });
});

describe("hashToken", () => {
  it("is the SHA-256 hex digest (FIPS 180-2 vector for 'abc')", () => {
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
  it("does not contain the token", () => {
    const t = newToken();
    expect(hashToken(t)).not.toContain(t);
  });
});

describe("tokenMatches", () => {
  const token = newToken();
  const stored = hashToken(token);
  it.each([
    { label: "the token itself", candidate: token, stored, expected: true },
    { label: "another token", candidate: newToken(), stored, expected: false },
    { label: "the token with one character changed", candidate: `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`, stored, expected: false },
    { label: "the stored hash presented as a token", candidate: stored, stored, expected: false },
    { label: "an empty token", candidate: "", stored, expected: false },
    { label: "a truncated stored hash", candidate: token, stored: stored.slice(0, 32), expected: false },
    { label: "a non-hex stored hash", candidate: token, stored: "zz", expected: false },
    { label: "an empty stored hash", candidate: token, stored: "", expected: false },
  ])("$label → $expected (without throwing)", ({ candidate, stored: s, expected }) => {
    expect(tokenMatches(candidate, s)).toBe(expected);
  });
});
