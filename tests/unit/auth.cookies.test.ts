// auth/cookies.ts: the session cookie's attributes, and reading it back.
import { describe, expect, it } from "vitest";
import { SESSION_COOKIE, clearedSessionCookie, sessionCookie, sessionTokenFrom } from "../../server/auth/cookies.js";

const expires = new Date("2025-03-01T18:00:00.000Z");
const attributes = (header: string) => header.split("; ").slice(1);

describe("sessionCookie", () => {
  it("is HttpOnly, SameSite=Strict, Path=/, with the expiry — and not Secure unless asked", () => {
    const header = sessionCookie("tok-123", expires, false);
    expect(header.split("; ")[0]).toBe(`${SESSION_COOKIE}=tok-123`);
    expect(attributes(header).sort()).toEqual(
      ["Expires=Sat, 01 Mar 2025 18:00:00 GMT", "HttpOnly", "Path=/", "SameSite=Strict"].sort(),
    );
    expect(header).not.toMatch(/secure/i);
  });

  it("is Secure when asked", () => {
    const header = sessionCookie("tok-123", expires, true);
    expect(attributes(header)).toContain("Secure");
    expect(attributes(header)).toEqual(expect.arrayContaining(["HttpOnly", "SameSite=Strict"]));
  });

  it("has no Domain (host-only) and no SameSite=Lax/None", () => {
    const header = sessionCookie("t", expires, true);
    expect(header).not.toMatch(/domain=/i);
    expect(header).not.toMatch(/samesite=(lax|none)/i);
  });
});

describe("clearedSessionCookie", () => {
  it("empties the value and expires it in 1970, with the same attributes", () => {
    for (const secure of [false, true]) {
      const header = clearedSessionCookie(secure);
      expect(header.split("; ")[0]).toBe(`${SESSION_COOKIE}=`);
      const attrs = attributes(header);
      expect(attrs).toEqual(expect.arrayContaining(["Expires=Thu, 01 Jan 1970 00:00:00 GMT", "HttpOnly", "SameSite=Strict", "Path=/"]));
      expect(attrs.includes("Secure")).toBe(secure);
    }
  });
});

describe("sessionTokenFrom", () => {
  it.each([
    { header: undefined, expected: undefined },
    { header: "", expected: undefined },
    { header: "other=1", expected: undefined },
    { header: `${SESSION_COOKIE}=abc`, expected: "abc" },
    { header: `a=1; ${SESSION_COOKIE}=abc-_XYZ; b=2`, expected: "abc-_XYZ" },
    { header: `x${SESSION_COOKIE}=nope`, expected: undefined },
  ])("$header → $expected", ({ header, expected }) => {
    expect(sessionTokenFrom(header)).toBe(expected);
  });

  it("round-trips a token through the Set-Cookie header", () => {
    const header = sessionCookie("tok/with+chars=", expires, true);
    expect(sessionTokenFrom(header.split("; ")[0])).toBe("tok/with+chars=");
  });
});
