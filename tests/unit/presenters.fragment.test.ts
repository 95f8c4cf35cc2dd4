// presenters/fragment.ts: what a recipient and what the author get of a fragment.
import { describe, expect, it } from "vitest";
import type { LogEntry } from "../../server/log/entries.js";
import { presentAuthoredFragment, presentReceivedFragment } from "../../server/presenters/fragment.js";
import { ReceiptTimes } from "../../server/log/receiptTimes.js";
import { ORG_POLICE, TABLE_ID, account, allKeys, fragment, globalData, tableData } from "./fixtures.js";

const author = account("Author", { organisationId: ORG_POLICE.id });
const alice = account("Alice");
const bob = account("Bob");
const carol = account("Carol");
const global = globalData([author, alice, bob, carol]);
const table = tableData();

const frag = fragment(author, [
  { accountId: alice.id, releasedAt: "2025-03-01T10:00:00.000Z", revokedAt: "2025-03-01T15:00:00.000Z" },
  { accountId: bob.id, releasedAt: "2025-03-01T10:00:00.000Z" },
  { accountId: carol.id, releasedAt: "2025-03-01T12:00:00.000Z" },
]);

const RECEIVED_KEYS = [
  "author",
  "body",
  "category",
  "id",
  "justification",
  "kind",
  "personsConcerned",
  "purpose",
  "releasedAt",
  "tableId",
  "title",
];

describe("presentReceivedFragment", () => {
  const view = presentReceivedFragment(global, table, frag);

  it("has exactly the documented fields", () => {
    expect(Object.keys(view).sort()).toEqual(RECEIVED_KEYS);
    expect(Object.keys(view.author).sort()).toEqual(["id", "name", "organisation", "sector"]);
    for (const p of view.personsConcerned) expect(Object.keys(p).sort()).toEqual(["id", "pseudonym"]);
  });

  it("carries the content and the release context", () => {
    expect(view).toMatchObject({
      id: "frag-1",
      tableId: TABLE_ID,
      title: frag.title,
      body: frag.body,
      category: "youth-care",
      kind: "fact",
      releasedAt: frag.release.releasedAt,
      purpose: "integrity",
      justification: frag.release.justification,
      personsConcerned: [{ id: "pc-victim", pseudonym: "Pseudo-V1" }],
      author: { id: author.id, name: "Author", organisation: ORG_POLICE.name, sector: "police" },
    });
  });

  it("leaks no salt, commitment, raw author id field, recipient list or credentials", () => {
    const keys = allKeys(view);
    for (const k of ["salt", "commitment", "authorId", "release", "recipients", "password", "username", "revokedAt"]) {
      expect(keys.has(k), k).toBe(false);
    }
    const json = JSON.stringify(view);
    expect(json).not.toContain(frag.salt);
    expect(json).not.toContain(frag.commitment);
    // The other recipients (and the revoked one) are not named to this recipient.
    for (const other of [alice, carol]) expect(json).not.toContain(other.id);
    expect(json).not.toContain(author.password.hash);
  });

  it("names an unknown person concerned '?' instead of failing", () => {
    const v = presentReceivedFragment(global, table, { ...frag, personsConcerned: ["pc-victim", "pc-gone"] });
    expect(v.personsConcerned).toEqual([
      { id: "pc-victim", pseudonym: "Pseudo-V1" },
      { id: "pc-gone", pseudonym: "?" },
    ]);
  });
});

describe("presentAuthoredFragment", () => {
  let seq = 0;
  const e = (at: string, body: Record<string, unknown>): LogEntry =>
    ({ seq: seq++, at, actor: null, ...body }) as LogEntry;
  const d = (n: number) => `2025-03-01T1${n}:00:00.000Z`;

  const log: LogEntry[] = [
    // Same recipient, other fragment: must not count for frag-1.
    e(d(0), { type: "fragment-sent", fragment: "frag-OTHER", recipient: alice.id, delivery: "x0", channel: "socket" }),
    e(d(0), { type: "fragment-delivered", fragment: "frag-OTHER", recipient: bob.id, delivery: "x1" }),
    e(d(0), { type: "fragment-opened", fragment: "frag-OTHER", recipient: bob.id, delivery: "x1" }),
    e(d(1), { type: "fragment-sent", fragment: "frag-1", recipient: alice.id, delivery: "a1", channel: "socket" }),
    e(d(2), { type: "fragment-delivered", fragment: "frag-1", recipient: alice.id, delivery: "a1" }),
    e(d(3), { type: "fragment-sent", fragment: "frag-1", recipient: alice.id, delivery: "a2", channel: "rest" }),
    e(d(4), { type: "fragment-opened", fragment: "frag-1", recipient: alice.id, delivery: "a2" }),
    e(d(5), { type: "fragment-delivered", fragment: "frag-1", recipient: alice.id, delivery: "a2" }),
    e(d(6), { type: "fragment-opened", fragment: "frag-1", recipient: alice.id, delivery: "a2" }),
    e(d(7), { type: "fragment-sent", fragment: "frag-1", recipient: bob.id, delivery: "b1", channel: "socket" }),
    e(d(8), { type: "fragment-revoked", fragment: "frag-1", recipient: alice.id, alreadyDelivered: true }),
  ];
  const view = presentAuthoredFragment(global, table, frag, ReceiptTimes.of(log));

  it("has the received fields minus author, plus commitment, the author's salt and recipients", () => {
    const expected = [...RECEIVED_KEYS.filter((k) => k !== "author"), "commitment", "salt", "recipients"].sort();
    expect(Object.keys(view).sort()).toEqual(expected);
    expect(view.commitment).toBe(frag.commitment);
    expect(view.body).toBe(frag.body);
    // The salt goes to the author only (to reveal with the content as proof); the
    // received view's key set above (RECEIVED_KEYS) has no salt.
    expect(view.salt).toBe(frag.salt);
  });

  it("takes sent/delivered/opened from the first matching entry per recipient, and revokedAt from the release", () => {
    expect(view.recipients).toHaveLength(3);
    const [a, b, c] = view.recipients;
    expect(a).toStrictEqual({
      recipient: { id: alice.id, name: "Alice", organisation: "Safe Home Care", sector: "care" },
      releasedAt: "2025-03-01T10:00:00.000Z",
      sentAt: d(1),
      deliveredAt: d(2),
      openedAt: d(4),
      revokedAt: "2025-03-01T15:00:00.000Z",
    });
    // Sent only: no delivered/opened keys at all (not even undefined), entries of other fragments ignored.
    expect(b).toStrictEqual({
      recipient: { id: bob.id, name: "Bob", organisation: "Safe Home Care", sector: "care" },
      releasedAt: "2025-03-01T10:00:00.000Z",
      sentAt: d(7),
    });
    expect(Object.keys(b ?? {}).sort()).toEqual(["recipient", "releasedAt", "sentAt"]);
    // Nothing logged yet: just the release.
    expect(Object.keys(c ?? {}).sort()).toEqual(["recipient", "releasedAt"]);
    expect(c?.releasedAt).toBe("2025-03-01T12:00:00.000Z");
  });

  it("with an empty log, shows every recipient as released only", () => {
    const v = presentAuthoredFragment(global, table, frag, ReceiptTimes.of([]));
    expect(v.recipients.map((r) => Object.keys(r).sort())).toEqual([
      ["recipient", "releasedAt", "revokedAt"],
      ["recipient", "releasedAt"],
      ["recipient", "releasedAt"],
    ]);
  });

  it("shows an account that no longer exists as unknown, not as a crash", () => {
    const v = presentAuthoredFragment(globalData([author]), table, frag, ReceiptTimes.of([]));
    expect(v.recipients[1]?.recipient).toEqual({ id: bob.id, name: "(unknown account)", organisation: "(unknown organisation)", sector: "other" });
  });
});
