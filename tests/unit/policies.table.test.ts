// policies/table.ts: every role × every TableAction, and the invite/remove/create rules.
import { describe, expect, it } from "vitest";
import {
  mayAtTable,
  mayBeInvited,
  mayCreateTable,
  mayRemove,
  type TableAction,
} from "../../server/policies/table.js";
import type { Account, Participation } from "../../server/store/records.js";
import { account, expectHumanSentence, participation } from "./fixtures.js";

type Role =
  | "admin"
  | "admin-with-participation"
  | "member-not-at-table"
  | "invited"
  | "active-participant"
  | "active-chair"
  | "removed-participant"
  | "removed-chair";

const member = account("Member");
const admin = account("Admin", { role: "admin" });

const ACTORS: Record<Role, { actor: Account; participation: Participation | undefined }> = {
  admin: { actor: admin, participation: undefined },
  // Defence in depth: even a (corrupt) participation record gives an administrator nothing.
  "admin-with-participation": { actor: admin, participation: participation(admin, "active", "chair") },
  "member-not-at-table": { actor: member, participation: undefined },
  invited: { actor: member, participation: participation(member, "invited") },
  "active-participant": { actor: member, participation: participation(member, "active") },
  "active-chair": { actor: member, participation: participation(member, "active", "chair") },
  "removed-participant": { actor: member, participation: participation(member, "removed") },
  "removed-chair": { actor: member, participation: participation(member, "removed", "chair") },
};

// Expected answer per cell: "allow", or a pattern the refusal sentence must match.
const ADMIN = /administrators have no access/i;
const NOT_PARTICIPANT = /not a participant of this table/i;
const ACCEPT_FIRST = /accept the confidentiality statement/i;
const ALREADY = /already accepted/i;
const CHAIR_ONLY = /only the chair/i;
type Cell = "allow" | RegExp;

// Record<TableAction, …> makes tsc fail if an action is added without a row here.
const EXPECTED: Record<Role, Record<TableAction, Cell>> = {
  admin: {
    view: ADMIN, "read-log": ADMIN, "write-drafts": ADMIN, release: ADMIN, decline: ADMIN,
    invite: ADMIN, "remove-participant": ADMIN, "read-invitation": ADMIN, accept: ADMIN,
  },
  "admin-with-participation": {
    view: ADMIN, "read-log": ADMIN, "write-drafts": ADMIN, release: ADMIN, decline: ADMIN,
    invite: ADMIN, "remove-participant": ADMIN, "read-invitation": ADMIN, accept: ADMIN,
  },
  "member-not-at-table": {
    view: NOT_PARTICIPANT, "read-log": NOT_PARTICIPANT, "write-drafts": NOT_PARTICIPANT, release: NOT_PARTICIPANT,
    decline: NOT_PARTICIPANT, invite: NOT_PARTICIPANT, "remove-participant": NOT_PARTICIPANT,
    "read-invitation": NOT_PARTICIPANT, accept: NOT_PARTICIPANT,
  },
  invited: {
    view: ACCEPT_FIRST, "read-log": ACCEPT_FIRST, "write-drafts": ACCEPT_FIRST, release: ACCEPT_FIRST,
    decline: ACCEPT_FIRST, invite: ACCEPT_FIRST, "remove-participant": ACCEPT_FIRST,
    "read-invitation": "allow", accept: "allow",
  },
  "active-participant": {
    view: "allow", "read-log": "allow", "write-drafts": "allow", release: "allow", decline: "allow",
    invite: CHAIR_ONLY, "remove-participant": CHAIR_ONLY, "read-invitation": ALREADY, accept: ALREADY,
  },
  "active-chair": {
    view: "allow", "read-log": "allow", "write-drafts": "allow", release: "allow", decline: "allow",
    invite: "allow", "remove-participant": "allow", "read-invitation": ALREADY, accept: ALREADY,
  },
  "removed-participant": {
    view: NOT_PARTICIPANT, "read-log": NOT_PARTICIPANT, "write-drafts": NOT_PARTICIPANT, release: NOT_PARTICIPANT,
    decline: NOT_PARTICIPANT, invite: NOT_PARTICIPANT, "remove-participant": NOT_PARTICIPANT,
    "read-invitation": NOT_PARTICIPANT, accept: NOT_PARTICIPANT,
  },
  "removed-chair": {
    view: NOT_PARTICIPANT, "read-log": NOT_PARTICIPANT, "write-drafts": NOT_PARTICIPANT, release: NOT_PARTICIPANT,
    decline: NOT_PARTICIPANT, invite: NOT_PARTICIPANT, "remove-participant": NOT_PARTICIPANT,
    "read-invitation": NOT_PARTICIPANT, accept: NOT_PARTICIPANT,
  },
};

const CASES = (Object.keys(EXPECTED) as Role[]).flatMap((role) =>
  (Object.keys(EXPECTED[role]) as TableAction[]).map((action) => ({ role, action, expected: EXPECTED[role][action] })),
);

describe("mayAtTable: role × action", () => {
  it("covers all 8 roles × 9 actions", () => {
    expect(CASES).toHaveLength(8 * 9);
  });

  it.each(CASES)("$role → $action", ({ role, action, expected }) => {
    const { actor, participation: p } = ACTORS[role];
    const decision = mayAtTable(actor, p, action);
    if (expected === "allow") {
      expect(decision).toEqual({ allowed: true });
    } else {
      expect(decision.allowed).toBe(false);
      expect(expectHumanSentence(decision)).toMatch(expected);
    }
  });

  it("the chair-only actions are exactly invite and remove-participant", () => {
    const actions = Object.keys(EXPECTED["active-chair"]) as TableAction[];
    const chairOnly = actions.filter(
      (a) =>
        mayAtTable(ACTORS["active-chair"].actor, ACTORS["active-chair"].participation, a).allowed &&
        !mayAtTable(ACTORS["active-participant"].actor, ACTORS["active-participant"].participation, a).allowed,
    );
    expect(chairOnly.sort()).toEqual(["invite", "remove-participant"]);
  });

  it("an invitee sees nothing of the case: every non-invitation action is refused", () => {
    const { actor, participation: p } = ACTORS.invited;
    const allowed = (Object.keys(EXPECTED.invited) as TableAction[]).filter((a) => mayAtTable(actor, p, a).allowed);
    expect(allowed.sort()).toEqual(["accept", "read-invitation"]);
  });
});

describe("mayCreateTable", () => {
  it("allows a member", () => {
    expect(mayCreateTable(member)).toEqual({ allowed: true });
  });
  it("refuses an administrator with a sentence", () => {
    expect(expectHumanSentence(mayCreateTable(admin))).toMatch(/administrators cannot open/i);
  });
});

describe("mayBeInvited", () => {
  const invitee = account("Invitee");
  it.each([
    { label: "a member not at the table", who: invitee, existing: undefined, allowed: true },
    { label: "a member who was removed (may come back)", who: invitee, existing: participation(invitee, "removed"), allowed: true },
    { label: "a member already invited", who: invitee, existing: participation(invitee, "invited"), allowed: false },
    { label: "an active participant", who: invitee, existing: participation(invitee, "active"), allowed: false },
    { label: "the chair", who: invitee, existing: participation(invitee, "active", "chair"), allowed: false },
    { label: "an administrator", who: admin, existing: undefined, allowed: false },
  ])("$label → allowed=$allowed", ({ who, existing, allowed }) => {
    const decision = mayBeInvited(who, existing);
    expect(decision.allowed).toBe(allowed);
    if (!allowed) expectHumanSentence(decision);
  });
});

describe("mayRemove (asked after mayAtTable('remove-participant'))", () => {
  const chair = account("Chair");
  const other = account("Other");
  it.each([
    { label: "another active participant", target: participation(other, "active"), allowed: true, reason: null },
    { label: "an invitee who has not accepted", target: participation(other, "invited"), allowed: true, reason: null },
    { label: "someone already removed", target: participation(other, "removed"), allowed: false, reason: /not at this table/ },
    { label: "someone never at the table", target: undefined, allowed: false, reason: /not at this table/ },
    { label: "the chair themself", target: participation(chair, "active", "chair"), allowed: false, reason: /cannot remove themself/ },
  ])("chair removes $label → allowed=$allowed", ({ target, allowed, reason }) => {
    const decision = mayRemove(chair, target);
    expect(decision.allowed).toBe(allowed);
    if (reason) expect(expectHumanSentence(decision)).toMatch(reason);
  });
});
