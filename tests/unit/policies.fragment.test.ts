// policies/fragment.ts: who receives a fragment's content, who revokes, who may be a recipient.
import { describe, expect, it } from "vitest";
import { isCurrentRecipient, mayReceiveContent, mayReleaseTo, mayRevoke } from "../../server/policies/fragment.js";
import type { Account, Participation } from "../../server/store/records.js";
import { account, expectHumanSentence, fragment, participation } from "./fixtures.js";

const author = account("Author");
const recipient = account("Recipient");
const revoked = account("Revoked");
const bystander = account("Bystander");
const chair = account("Chair");
const removedRecipient = account("Removed Recipient");
const invitedRecipient = account("Invited Recipient");
const outsider = account("Outsider");
const admin = account("Admin", { role: "admin" });
const disabledRecipient = account("Disabled Recipient", { disabled: { at: "2025-03-02T09:00:00.000Z", by: admin.id } });
const disabledAuthor = account("Author", { id: author.id, disabled: { at: "2025-03-02T09:00:00.000Z", by: admin.id } });

// The admin is (wrongly) listed as a recipient and has a participation: still refused.
const frag = fragment(author, [
  { accountId: recipient.id, releasedAt: "2025-03-01T10:00:00.000Z" },
  { accountId: revoked.id, releasedAt: "2025-03-01T10:00:00.000Z", revokedAt: "2025-03-01T11:00:00.000Z" },
  { accountId: removedRecipient.id, releasedAt: "2025-03-01T10:00:00.000Z" },
  { accountId: invitedRecipient.id, releasedAt: "2025-03-01T10:00:00.000Z" },
  { accountId: admin.id, releasedAt: "2025-03-01T10:00:00.000Z" },
  { accountId: disabledRecipient.id, releasedAt: "2025-03-01T10:00:00.000Z" },
]);

type Who =
  | "author"
  | "author-removed"
  | "current-recipient"
  | "revoked-recipient"
  | "non-recipient-participant"
  | "chair-not-recipient"
  | "removed-recipient"
  | "invited-recipient"
  | "member-not-at-table"
  | "admin"
  | "disabled-recipient"
  | "disabled-author";

const ACTORS: Record<Who, { actor: Account; p: Participation | undefined }> = {
  author: { actor: author, p: participation(author, "active") },
  "author-removed": { actor: author, p: participation(author, "removed") },
  "current-recipient": { actor: recipient, p: participation(recipient, "active") },
  "revoked-recipient": { actor: revoked, p: participation(revoked, "active") },
  "non-recipient-participant": { actor: bystander, p: participation(bystander, "active") },
  "chair-not-recipient": { actor: chair, p: participation(chair, "active", "chair") },
  "removed-recipient": { actor: removedRecipient, p: participation(removedRecipient, "removed") },
  "invited-recipient": { actor: invitedRecipient, p: participation(invitedRecipient, "invited") },
  "member-not-at-table": { actor: outsider, p: undefined },
  admin: { actor: admin, p: participation(admin, "active") },
  "disabled-recipient": { actor: disabledRecipient, p: participation(disabledRecipient, "active") },
  "disabled-author": { actor: disabledAuthor, p: participation(disabledAuthor, "active") },
};

const NOT_RELEASED = /not released to you/;
const NOT_PARTICIPANT = /not a participant/;
const ADMIN = /administrators never receive/i;
const ONLY_AUTHOR = /only the author/i;
const DISABLED = /account is disabled/i;
type Cell = "allow" | RegExp;

const EXPECTED: Record<Who, { receive: Cell; revoke: Cell }> = {
  author: { receive: "allow", revoke: "allow" },
  "author-removed": { receive: NOT_PARTICIPANT, revoke: NOT_PARTICIPANT },
  "current-recipient": { receive: "allow", revoke: ONLY_AUTHOR },
  "revoked-recipient": { receive: NOT_RELEASED, revoke: ONLY_AUTHOR },
  "non-recipient-participant": { receive: NOT_RELEASED, revoke: ONLY_AUTHOR },
  "chair-not-recipient": { receive: NOT_RELEASED, revoke: ONLY_AUTHOR },
  "removed-recipient": { receive: NOT_PARTICIPANT, revoke: NOT_PARTICIPANT },
  "invited-recipient": { receive: NOT_PARTICIPANT, revoke: NOT_PARTICIPANT },
  "member-not-at-table": { receive: NOT_PARTICIPANT, revoke: NOT_PARTICIPANT },
  admin: { receive: ADMIN, revoke: ONLY_AUTHOR },
  "disabled-recipient": { receive: DISABLED, revoke: ONLY_AUTHOR },
  // Disabled, the author receives nothing either; revoking needs a session, which a disabled account has none of.
  "disabled-author": { receive: DISABLED, revoke: "allow" },
};

function check(decision: ReturnType<typeof mayReceiveContent>, expected: Cell) {
  if (expected === "allow") {
    expect(decision).toEqual({ allowed: true });
  } else {
    expect(decision.allowed).toBe(false);
    expect(expectHumanSentence(decision)).toMatch(expected);
  }
}

const CASES = (Object.keys(EXPECTED) as Who[]).map((who) => ({ who, ...EXPECTED[who] }));

describe("mayReceiveContent: who × fragment", () => {
  it.each(CASES)("$who", ({ who, receive }) => {
    const { actor, p } = ACTORS[who];
    check(mayReceiveContent(actor, p, frag), receive);
  });

  it("only the author and the current, active recipient receive content", () => {
    const allowed = (Object.keys(ACTORS) as Who[]).filter((w) => mayReceiveContent(ACTORS[w].actor, ACTORS[w].p, frag).allowed);
    expect(allowed.sort()).toEqual(["author", "current-recipient"]);
  });

  it("an administrator is refused even when they are the author", () => {
    const adminFragment = fragment(admin, []);
    check(mayReceiveContent(admin, participation(admin, "active"), adminFragment), ADMIN);
  });
});

describe("mayRevoke: who × fragment", () => {
  it.each(CASES)("$who", ({ who, revoke }) => {
    const { actor, p } = ACTORS[who];
    check(mayRevoke(actor, p, frag), revoke);
  });
});

describe("isCurrentRecipient", () => {
  it.each([
    { who: recipient, expected: true },
    { who: revoked, expected: false },
    { who: bystander, expected: false },
    { who: author, expected: false }, // the author is not a recipient of their own fragment
  ])("$who.name → $expected", ({ who, expected }) => {
    expect(isCurrentRecipient(frag, who.id)).toBe(expected);
  });
});

describe("mayReleaseTo", () => {
  const other = account("Other");
  it.each([
    { label: "an active participant", id: other.id, p: participation(other, "active"), reason: null },
    { label: "the active chair", id: other.id, p: participation(other, "active", "chair"), reason: null },
    { label: "oneself", id: author.id, p: participation(author, "active"), reason: /to yourself/ },
    { label: "an invitee who has not accepted", id: other.id, p: participation(other, "invited"), reason: /not an active participant/ },
    { label: "a removed participant", id: other.id, p: participation(other, "removed"), reason: /not an active participant/ },
    { label: "someone never at the table", id: other.id, p: undefined, reason: /not an active participant/ },
  ])("$label", ({ id, p, reason }) => {
    const decision = mayReleaseTo(author, p, id, id === author.id ? author : other);
    if (reason === null) expect(decision).toEqual({ allowed: true });
    else expect(expectHumanSentence(decision)).toMatch(reason);
  });
  it("refuses an active participant whose account is disabled (or gone), naming why", () => {
    const disabled = account("Disabled", { disabled: { at: "2025-03-02T09:00:00.000Z", by: admin.id } });
    expect(expectHumanSentence(mayReleaseTo(author, participation(disabled, "active"), disabled.id, disabled))).toMatch(/account is disabled/);
    expect(expectHumanSentence(mayReleaseTo(author, participation(other, "active"), other.id, undefined))).toMatch(/account is disabled/);
  });
});
