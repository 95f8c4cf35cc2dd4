// presenters/table.ts: what a participant and what an invitee see of a table.
import { describe, expect, it } from "vitest";
import {
  CONFIDENTIALITY_STATEMENT,
  presentDecline,
  presentDraft,
  presentInvitation,
  presentParticipant,
  presentTable,
  presentTableListItem,
} from "../../server/presenters/table.js";
import { OTHER_TABLE_ID, TABLE_ID, account, allKeys, globalData, participation, tableData } from "./fixtures.js";

const chair = account("Chair");
const invitee = account("Invitee");
const member = account("Member");
const removed = account("Removed");
const elsewhere = account("Elsewhere");
const chairP = { ...participation(chair, "active", "chair"), invitedBy: chair.id };
const inviteeP = { ...participation(invitee, "invited"), invitedBy: chair.id };
const memberP = participation(member, "active");
const removedP = participation(removed, "removed");
const elsewhereP = participation(elsewhere, "active", "participant", OTHER_TABLE_ID);
const global = globalData([chair, invitee, member, removed, elsewhere], [chairP, inviteeP, memberP, removedP, elsewhereP]);
const table = tableData({
  drafts: [{ id: "dr-1", ownerId: member.id, title: "t", body: "DRAFT-BODY", createdAt: "x", updatedAt: "y" }],
});

function expectNoCaseData(value: unknown) {
  const json = JSON.stringify(value);
  expect(json).not.toContain(table.caseCode);
  expect(json).not.toContain(table.purposeDetail);
  for (const p of table.personsConcerned) {
    expect(json).not.toContain(p.pseudonym);
    expect(json).not.toContain(p.id);
  }
  for (const k of ["caseCode", "purpose", "purposeDetail", "personsConcerned", "participants"]) expect(allKeys(value).has(k), k).toBe(false);
}

describe("presentTableListItem", () => {
  it("an invitation shows who invited and when — no case code, purpose or pseudonyms, even when the table is at hand", () => {
    const item = presentTableListItem(global, inviteeP, table);
    expect(item).toEqual({
      id: TABLE_ID,
      state: "invited",
      invitedBy: { id: chair.id, name: "Chair", organisation: "Safe Home Care", sector: "care" },
      invitedAt: inviteeP.invitedAt,
    });
    expect(Object.keys(item ?? {}).sort()).toEqual(["id", "invitedAt", "invitedBy", "state"]);
    expectNoCaseData(item);
  });

  it("an active participation shows the case code, role and purpose", () => {
    expect(presentTableListItem(global, memberP, table)).toStrictEqual({
      id: TABLE_ID,
      state: "active",
      role: "participant",
      caseCode: table.caseCode,
      purpose: "integrity",
      createdAt: table.createdAt,
      kind: "case",
      closed: false,
    });
  });

  it("a triage table and a closed case say so in the list", () => {
    const triage = { ...table, kind: "triage" as const };
    expect(presentTableListItem(global, memberP, triage)).toMatchObject({ kind: "triage", closed: false });
    const closed = { ...table, caseFile: { status: "closed" as const, history: [] } };
    expect(presentTableListItem(global, memberP, closed)).toMatchObject({ kind: "case", closed: true });
  });

  it("a removed participation, or an active one whose table is missing, is not listed", () => {
    expect(presentTableListItem(global, removedP, table)).toBeNull();
    expect(presentTableListItem(global, memberP, null)).toBeNull();
  });
});

describe("presentInvitation", () => {
  it("shows the statement and the inviter, and no case data", () => {
    const v = presentInvitation(global, inviteeP, table);
    // The table has no agreement: nothing about one is shown.
    expect(Object.keys(v).sort()).toEqual(["adHocPartner", "invitedAt", "invitedBy", "statement", "tableId"]);
    expect(v.adHocPartner).toBe(false);
    expect(v.statement).toBe(CONFIDENTIALITY_STATEMENT);
    expect(v.invitedBy.id).toBe(chair.id);
    expectNoCaseData(v);
  });
});

describe("presentTable", () => {
  const v = presentTable(global, table, memberP);

  it("lists the participants of this table only, including invited and removed, with their state", () => {
    expect(v.participants.map((p) => [p.id, p.state, p.role])).toEqual([
      [chair.id, "active", "chair"],
      [invitee.id, "invited", "participant"],
      [member.id, "active", "participant"],
      [removed.id, "removed", "participant"],
    ]);
  });

  it("has the case data, the viewer, and no fragments, drafts or credentials", () => {
    expect(Object.keys(v).sort()).toEqual(
      ["caseCode", "createdAt", "id", "me", "participants", "personsConcerned", "purpose", "purposeDetail"].sort(),
    );
    expect(v.me).toEqual({ id: member.id, role: "participant" });
    expect(v.personsConcerned).toEqual(table.personsConcerned);
    const json = JSON.stringify(v);
    expect(json).not.toContain("DRAFT-BODY");
    for (const k of ["password", "username", "hash", "salt", "drafts", "fragments", "declines"]) expect(allKeys(v).has(k), k).toBe(false);
  });
});

describe("presentParticipant", () => {
  it("includes joinedAt/removedAt only when set", () => {
    expect(Object.keys(presentParticipant(global, inviteeP)).sort()).toEqual(
      ["id", "invitedAt", "name", "organisation", "role", "sector", "state"].sort(),
    );
    expect(presentParticipant(global, removedP)).toMatchObject({ joinedAt: removedP.joinedAt, removedAt: removedP.removedAt });
  });
});

describe("presentDraft and presentDecline", () => {
  it("a draft view omits the owner", () => {
    const d = table.drafts[0];
    if (!d) throw new Error("fixture");
    expect(presentDraft(d)).toStrictEqual({ id: "dr-1", title: "t", body: "DRAFT-BODY", updatedAt: "y" });
  });
  it("a decline shows its reason only if one was given", () => {
    const base = { id: "dec", accountId: member.id, question: "Q?", at: "now" };
    expect(Object.keys(presentDecline(global, base)).sort()).toEqual(["at", "by", "id", "question"]);
    expect(presentDecline(global, { ...base, reason: "Professional secrecy." }).reason).toBe("Professional secrecy.");
  });
});
