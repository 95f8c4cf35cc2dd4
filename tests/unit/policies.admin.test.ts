// policies/admin.ts and policies/decision.ts.
import { describe, expect, it } from "vitest";
import { mayAdminister } from "../../server/policies/admin.js";
import { allow, refuse } from "../../server/policies/decision.js";
import { account, expectHumanSentence } from "./fixtures.js";

describe("mayAdminister", () => {
  it("allows an administrator", () => {
    expect(mayAdminister(account("Admin", { role: "admin" }))).toEqual({ allowed: true });
  });
  it("refuses a member with a sentence", () => {
    expect(expectHumanSentence(mayAdminister(account("Member")))).toMatch(/only a platform administrator/i);
  });
});

describe("decision helpers", () => {
  it("allow carries no reason; refuse carries the sentence", () => {
    expect(allow).toEqual({ allowed: true });
    expect(refuse("No, because of the rule.")).toEqual({ allowed: false, reason: "No, because of the rule." });
  });
});
