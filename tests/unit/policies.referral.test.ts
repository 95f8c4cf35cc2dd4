// policies/referral.ts: who refers, who opens a triage table, who checks and decides,
// and what a referral's state allows — each refusal a sentence a person can act on.
import { describe, expect, it } from "vitest";
import { isDecided, mayCheck, mayDecide, mayFollowReferral, mayListAccounts, mayOpenTriageTable, mayRefer, mayTriage } from "../../server/policies/referral.js";
import type { AgreementVersion, Referral } from "../../server/store/records.js";
import type { ReferralStatus } from "../../shared/types.js";
import { account, expectHumanSentence, ORG_CARE, ORG_POLICE, participation, T0 } from "./fixtures.js";

const version: AgreementVersion = {
  number: 1,
  content: {
    title: "Charter",
    legalBasis: { kind: "law", reference: "Art. 458ter" },
    purpose: "integrity",
    members: [{ organisationId: ORG_CARE.id, role: "care" }],
    categories: [{ key: "identity-household", label: "Identity", article: "1", retentionDays: 30 }],
    matrix: [],
    minutesRules: "Minutes.",
    reviewDate: "2027-01-01",
  },
  hash: "h",
  createdBy: "x",
  createdAt: T0,
  signatures: [],
  inForceAt: T0,
};

function referral(status: ReferralStatus, checklist: [number, boolean][] = []): Referral {
  return {
    id: "r1",
    referrerId: "acc-ref",
    organisationId: ORG_CARE.id,
    createdAt: T0,
    description: "d",
    consent: { status: "given" },
    informed: { status: "yes" },
    agreement: { id: "a", version: 1, hash: "h" },
    criteria: ["Violence.", "Stuck"],
    checklist: checklist.map(([criterion, met]) => ({ criterion, met, by: "x", at: T0 })),
    status,
  };
}

describe("mayRefer and mayOpenTriageTable", () => {
  const member = account("Member");
  it("allow a member account of a member organisation of the version in force", () => {
    expect(mayRefer(member, version, ORG_CARE).allowed).toBe(true);
    expect(mayOpenTriageTable(member, version, ORG_CARE).allowed).toBe(true);
  });
  it("refuse a non-member organisation, naming it", () => {
    expect(expectHumanSentence(mayRefer(member, version, ORG_POLICE))).toContain("District Police");
    expect(expectHumanSentence(mayOpenTriageTable(member, version, ORG_POLICE))).toContain("not a member");
  });
  it("refuse a partnership without a version in force", () => {
    expect(expectHumanSentence(mayRefer(member, undefined, ORG_CARE))).toContain("no version in force");
  });
  it("refuse administrators and the DPO even from a member organisation", () => {
    for (const role of ["admin", "dpo"] as const) {
      expectHumanSentence(mayRefer(account("X", { role }), version, ORG_CARE));
      expectHumanSentence(mayOpenTriageTable(account("X", { role }), version, ORG_CARE));
    }
  });
});

describe("mayTriage", () => {
  const who = account("Who");
  const triage = { kind: "triage" as const };
  it("lets the chair check and decide", () => {
    expect(mayTriage(triage, participation(who, "active", "chair"), "care", "check").allowed).toBe(true);
    expect(mayTriage(triage, participation(who, "active", "chair"), "care", "decide").allowed).toBe(true);
  });
  it("lets the parket seat (justice) check but not decide", () => {
    expect(mayTriage(triage, participation(who, "active"), "justice", "check").allowed).toBe(true);
    expect(expectHumanSentence(mayTriage(triage, participation(who, "active"), "justice", "decide"))).toContain("Only the coordinator");
  });
  it("refuses other participants, invitees, removed people, and any table that is not a triage table", () => {
    for (const sector of ["care", "police", "local-government", "other"] as const) expectHumanSentence(mayTriage(triage, participation(who, "active"), sector, "check"));
    expectHumanSentence(mayTriage(triage, participation(who, "invited", "chair"), "care", "check"));
    expectHumanSentence(mayTriage(triage, participation(who, "removed", "chair"), "care", "decide"));
    expectHumanSentence(mayTriage(triage, undefined, "justice", "check"));
    expect(expectHumanSentence(mayTriage({}, participation(who, "active", "chair"), "care", "decide"))).toContain("not a triage table");
    expectHumanSentence(mayTriage({ kind: "case" }, participation(who, "active", "chair"), "care", "check"));
  });
});

describe("mayCheck and mayDecide", () => {
  it("keep the checklist open until the referral is decided", () => {
    for (const status of ["referred", "in-triage"] as const) {
      expect(isDecided({ status })).toBe(false);
      expect(mayCheck(referral(status)).allowed).toBe(true);
    }
    for (const status of ["accepted", "referred-elsewhere", "no-action"] as const) {
      expect(isDecided({ status })).toBe(true);
      expect(expectHumanSentence(mayCheck(referral(status)))).toContain("already decided");
      expect(expectHumanSentence(mayDecide(referral(status, [[0, true], [1, true]]), "no-action"))).toContain("already decided");
    }
  });
  it("need every criterion checked before any decision, naming those left", () => {
    expect(expectHumanSentence(mayDecide(referral("in-triage", [[0, true]]), "no-action"))).toContain("2. Stuck.");
    expect(expectHumanSentence(mayDecide(referral("referred"), "refer-elsewhere"))).toContain("1. Violence; 2. Stuck.");
  });
  it("accept only when every criterion is met; the other outcomes whatever the answers", () => {
    expect(expectHumanSentence(mayDecide(referral("in-triage", [[0, true], [1, false]]), "accept"))).toContain("Not met: 2. Stuck.");
    expect(mayDecide(referral("in-triage", [[0, true], [1, true]]), "accept").allowed).toBe(true);
    expect(mayDecide(referral("in-triage", [[0, false], [1, false]]), "no-action").allowed).toBe(true);
    expect(mayDecide(referral("in-triage", [[0, false], [1, true]]), "refer-elsewhere").allowed).toBe(true);
  });
});

describe("mayFollowReferral", () => {
  it("lets only the referrer follow a referral", () => {
    const ref = account("Ref");
    expect(mayFollowReferral(ref, { referrerId: ref.id }).allowed).toBe(true);
    expectHumanSentence(mayFollowReferral(account("Other"), { referrerId: ref.id }));
  });
});

describe("mayListAccounts", () => {
  it("lets members of the partnership and case directors of an open case list its accounts, nobody else", () => {
    const member = account("Member");
    expect(mayListAccounts(member, version, ORG_CARE, false).allowed).toBe(true);
    expect(mayListAccounts(member, version, ORG_POLICE, true).allowed).toBe(true);
    expectHumanSentence(mayListAccounts(member, version, ORG_POLICE, false));
    expectHumanSentence(mayListAccounts(member, undefined, ORG_CARE, false));
    for (const role of ["admin", "dpo"] as const) expectHumanSentence(mayListAccounts(account("X", { role }), version, ORG_CARE, true));
  });
});
