// auth/passwordChecks.ts: common passwords, patterns and context-specific words are
// refused with their reason (ASVS 6.2.4, 6.2.11); good passphrases and random strings pass.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { passwordProblem, type PasswordProblem } from "../../server/auth/passwordChecks.js";

const anna = { username: "anna.desmet", name: "Anna De Smet", organisationName: "OCMW Antwerpen" };

const COMMON: PasswordProblem = "is one of the most commonly used passwords";
const PATTERN: PasswordProblem = "is a keyboard pattern, a sequence or a repetition";
const WORDS: PasswordProblem = "is a common word or password with a few characters added";

describe("passwordProblem", () => {
  it.each([
    ["Password1234", COMMON],
    ["PASSWORD1234", COMMON],
    ["123456789012", COMMON],
    ["1q2w3e4r5t6y", COMMON],
    ["thisismypassword", COMMON],
    ["qwertyuiopasdf", PATTERN],
    ["azertyuiop12", PATTERN],
    ["abcd1234efgh", PATTERN],
    ["9876543210987", PATTERN],
    ["7418529637418", PATTERN],
    ["x7Gq2px7Gq2p", PATTERN],
    ["P@ssw0rd2024!", WORDS],
    ["pass word 2024", WORDS],
    ["Welkom2024!!", WORDS],
    ["wachtwoord!!2025", WORDS],
    ["ilovefootball", WORDS],
    ["Zomer2025zomer", WORDS],
    ["Voetbal!Anderlecht1", WORDS],
    ["1990MonkeyDragon", WORDS],
  ] as const)("refuses %j: %s", (password, problem) => {
    expect(passwordProblem(password, anna)).toBe(problem);
  });

  it.each([
    ["Tafel2024!secure", "contains the name of this application (Tafel)"],
    ["T4fel-T4fel-T4fel", "contains the name of this application (Tafel)"],
    ["anna.desmet2024", "contains your username"],
    ["AnnaDeSmet1990!", "contains your username"],
    ["Smet-Smet-Smet", "contains your name"],
    ["Antwerpen2024!", "contains the name of your organisation"],
    ["ocmw!antwerpen", "contains the name of your organisation"],
  ] as const)("refuses %j: %s", (password, problem) => {
    expect(passwordProblem(password, anna)).toBe(problem);
  });

  it.each([
    "correct horse battery staple",
    "kerstboom in de tuin",
    "739518426671",
    "x7Gq2p-v9Lk3-mW",
    "My table at Tafel is where I work every week",
    "Anna's cat sleeps under the red piano",
  ])("lets %j pass", (password) => {
    expect(passwordProblem(password, anna)).toBeNull();
  });

  it("checks the context of the person choosing: another person may use what Anna may not", () => {
    expect(passwordProblem("Antwerpen-2024-zon", anna)).not.toBeNull();
    expect(passwordProblem("Antwerpen-2024-zon", { username: "jan", name: "Jan Peeters", organisationName: "Politie Gent" })).toBeNull();
  });

  it("answers every input of every allowed length with a known problem or none, and never with the password", () => {
    const known = new Set<string | null>([null, COMMON, PATTERN, WORDS, "contains the name of this application (Tafel)", "contains your username", "contains your name", "contains the name of your organisation"]);
    fc.assert(
      fc.property(fc.string({ minLength: 12, maxLength: 256, unit: "binary" }), fc.string({ maxLength: 64 }), (password, name) => {
        const problem = passwordProblem(password, { username: name, name, organisationName: name });
        expect(known.has(problem)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
