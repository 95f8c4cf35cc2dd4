// policies/case.ts: what a closed case refuses, who directs a case, which changes a
// case's status allows, and under which agreement a person may direct (or receive) one.
import { describe, expect, it } from "vitest";
import { caseStatus, mayChangeCase, mayChangeTrack, mayDirectCase, mayDirectUnder, mayScheduleReview, mayWhileStatus } from "../../server/policies/case.js";
import type { TableAction } from "../../server/policies/table.js";
import type { AgreementVersion, CaseFile, Organisation } from "../../server/store/records.js";
import { SECTORS } from "../../shared/schemas.js";
import { account, expectHumanSentence, ORG_CARE, ORG_POLICE, participation, T0 } from "./fixtures.js";

const ACTIONS: TableAction[] = ["view", "read-log", "write-drafts", "release", "decline", "invite", "remove-participant", "read-invitation", "accept"];
const closed: CaseFile = { status: "closed", closedAt: T0, history: [] };
const transferred: CaseFile = { ...closed, transferredTo: { tableId: "t2", agreementId: "a2" } };

describe("mayWhileStatus", () => {
  it("allows every action at an open case and at a table without a case file (before issue 9)", () => {
    for (const action of ACTIONS) {
      expect(mayWhileStatus({}, action).allowed).toBe(true);
      expect(mayWhileStatus({ caseFile: { status: "open", history: [] } }, action).allowed).toBe(true);
    }
    expect(caseStatus({})).toBe("open");
  });
  it("refuses releasing, inviting (and the chair's meeting work) and declining once closed; reading stays", () => {
    for (const action of ACTIONS) {
      const refused = ["release", "invite", "decline"].includes(action);
      expect(mayWhileStatus({ caseFile: closed }, action).allowed, action).toBe(!refused);
    }
    expect(expectHumanSentence(mayWhileStatus({ caseFile: closed }, "release"))).toContain("closed");
    expect(expectHumanSentence(mayWhileStatus({ caseFile: transferred }, "invite"))).toContain("transferred");
  });
});

describe("mayDirectCase and mayChangeCase", () => {
  const who = account("Who");
  it("lets only the active chair direct the case", () => {
    expect(mayDirectCase(participation(who, "active", "chair")).allowed).toBe(true);
    expect(expectHumanSentence(mayDirectCase(participation(who, "active")))).toContain("case director");
    expectHumanSentence(mayDirectCase(participation(who, "invited", "chair")));
    expectHumanSentence(mayDirectCase(participation(who, "removed", "chair")));
    expectHumanSentence(mayDirectCase(undefined));
  });
  it("changes only an open case table, never a triage table", () => {
    expect(mayChangeCase({}).allowed).toBe(true);
    expect(mayChangeCase({ kind: "case", caseFile: { status: "open", history: [] } }).allowed).toBe(true);
    expect(expectHumanSentence(mayChangeCase({ kind: "triage" }))).toContain("triage table");
    expect(expectHumanSentence(mayChangeCase({ caseFile: closed }))).toContain("already closed");
    expect(expectHumanSentence(mayChangeCase({ caseFile: transferred }))).toContain("transferred");
  });
  it("refuses the current track and a review date in the past", () => {
    expect(mayChangeTrack(undefined, 1).allowed).toBe(true);
    expect(mayChangeTrack(3, 1).allowed).toBe(true);
    expect(expectHumanSentence(mayChangeTrack(2, 2))).toContain("track 2");
    expect(mayScheduleReview("2026-12-04", "2026-12-04").allowed).toBe(true);
    expect(expectHumanSentence(mayScheduleReview("2026-12-03", "2026-12-04"))).toContain("2026-12-04");
  });
});

describe("mayDirectUnder", () => {
  const ORG_OTHER: Organisation = { ...ORG_CARE, id: "org-other", name: "Other Care" };
  const version: AgreementVersion = {
    number: 2,
    content: {
      title: "Area",
      legalBasis: { kind: "law", reference: "Art. 458ter" },
      purpose: "integrity",
      members: [{ organisationId: ORG_CARE.id, role: "care" }, { organisationId: ORG_POLICE.id, role: "police" }],
      categories: [{ key: "identity-household", label: "Identity", article: "2.1", retentionDays: 30 }],
      matrix: [{ category: "identity-household", sector: "care", allowed: true }],
      minutesRules: "Minutes.",
      reviewDate: "2027-01-01",
    },
    hash: "h",
    createdBy: "x",
    createdAt: T0,
    signatures: [],
    inForceAt: T0,
  };
  const member = account("Director");
  it("allows a member account of a member organisation whose sector may receive identity data", () => {
    expect(mayDirectUnder(version, "integrity", member, ORG_CARE, "care").allowed).toBe(true);
  });
  it("refuses each other sector the matrix does not open to identity data, naming the article", () => {
    for (const sector of SECTORS.filter((s) => s !== "care")) {
      expect(expectHumanSentence(mayDirectUnder(version, "integrity", member, ORG_POLICE, sector))).toContain("article 2.1");
    }
  });
  it("refuses without a version in force, for another purpose, outside the members, and for non-member roles", () => {
    expect(expectHumanSentence(mayDirectUnder(undefined, "integrity", member, ORG_CARE, "care"))).toContain("no version in force");
    expect(expectHumanSentence(mayDirectUnder(version, "terrorism", member, ORG_CARE, "care"))).toContain("purpose");
    expect(expectHumanSentence(mayDirectUnder(version, "integrity", member, ORG_OTHER, "care"))).toContain("Other Care");
    for (const role of ["admin", "dpo"] as const) expectHumanSentence(mayDirectUnder(version, "integrity", account("X", { role }), ORG_CARE, "care"));
  });
});
