// auth/passwords.ts: scrypt hashes. Each hash at N=2^17 costs ~150 ms, so this file
// hashes as few times as it can and reuses the results.
import { scryptSync } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword, verifyAgainstNothing, verifyPassword } from "../../server/auth/passwords.js";
import type { PasswordHash } from "../../server/store/records.js";

const PASSWORD = "correct horse battery staple";
let first: PasswordHash;
let second: PasswordHash;

beforeAll(async () => {
  [first, second] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)]);
});

describe("hashPassword", () => {
  it("stores scrypt with the OWASP parameters, a 16-byte salt and a 32-byte key", () => {
    expect(first).toMatchObject({ algorithm: "scrypt", N: 2 ** 17, r: 8, p: 1 });
    expect(Object.keys(first).sort()).toEqual(["N", "algorithm", "hash", "p", "r", "salt"]);
    expect(Buffer.from(first.salt, "base64")).toHaveLength(16);
    expect(Buffer.from(first.hash, "base64")).toHaveLength(32);
  });

  it("stores no plaintext", () => {
    const json = JSON.stringify(first);
    expect(json).not.toContain(PASSWORD);
    expect(json).not.toContain(Buffer.from(PASSWORD).toString("base64"));
    expect(json).not.toContain(Buffer.from(PASSWORD).toString("hex"));
  });

  it("uses a fresh salt each time, so equal passwords give different hashes", () => {
    expect(second.salt).not.toBe(first.salt);
    expect(second.hash).not.toBe(first.hash);
  });
});

describe("verifyPassword", () => {
  it("accepts the right password and refuses a wrong one", async () => {
    const results = await Promise.all([verifyPassword(PASSWORD, first), verifyPassword("correct horse battery stapl", first)]);
    expect(results).toEqual([true, false]);
  });

  it("refuses a hash whose salt was swapped (the salt is part of the check)", async () => {
    expect(await verifyPassword(PASSWORD, { ...first, salt: second.salt })).toBe(false);
  });

  it("verifies with the parameters stored in the record, not today's defaults", async () => {
    const salt = Buffer.from("0123456789abcdef");
    const legacy: PasswordHash = {
      algorithm: "scrypt",
      N: 1024,
      r: 8,
      p: 1,
      salt: salt.toString("base64"),
      hash: scryptSync(PASSWORD, salt, 32, { N: 1024, r: 8, p: 1 }).toString("base64"),
    };
    expect(await verifyPassword(PASSWORD, legacy)).toBe(true);
    expect(await verifyPassword("something else entirely", legacy)).toBe(false);
  });

  it("refuses a stored hash of another length without throwing", async () => {
    const salt = Buffer.from("0123456789abcdef");
    const short: PasswordHash = {
      algorithm: "scrypt",
      N: 1024,
      r: 8,
      p: 1,
      salt: salt.toString("base64"),
      hash: scryptSync(PASSWORD, salt, 32, { N: 1024, r: 8, p: 1 }).subarray(0, 16).toString("base64"),
    };
    expect(await verifyPassword(PASSWORD, short)).toBe(false);
  });

  it("normalises to NFC: a composed and a decomposed 'é' are the same password", async () => {
    const salt = Buffer.from("fedcba9876543210");
    const composed = "caf\u00e9-au-lait-123";
    const decomposed = "cafe\u0301-au-lait-123";
    const stored: PasswordHash = {
      algorithm: "scrypt",
      N: 1024,
      r: 8,
      p: 1,
      salt: salt.toString("base64"),
      hash: scryptSync(composed, salt, 32, { N: 1024, r: 8, p: 1 }).toString("base64"),
    };
    expect(await verifyPassword(decomposed, stored)).toBe(true);
    expect(await verifyPassword(composed, stored)).toBe(true);
  });
});

describe("verifyAgainstNothing", () => {
  it("answers false even for the dummy's own password", async () => {
    expect(await verifyAgainstNothing("not-a-password-of-anyone")).toBe(false);
  });
});
