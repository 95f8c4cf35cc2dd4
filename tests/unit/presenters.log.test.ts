// presenters/log.ts: the log as a participant sees it. It maps the known fields of each
// entry type and nothing else, so even a malformed entry carrying content leaks nothing.
import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import canonicalize from "canonicalize";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TableLog } from "../../server/log/tableLog.js";
import { presentLog } from "../../server/presenters/log.js";
import type { LogEntryView, LogView } from "../../shared/types.js";
import { TABLE_ID, account, globalData, tableData, tempDir } from "./fixtures.js";

const chair = account("Chair");
const alice = account("Alice");
const bob = account("Bob");
const global = globalData([chair, alice, bob]);
const table = tableData({
  declines: [{ id: "dec-1", accountId: alice.id, question: "Is there a youth-care file?", reason: "REASON-private", at: "2025-03-01T12:00:00.000Z" }],
});

const SECRET = "SECRET-CONTENT-must-never-appear";
const at = "2025-03-01T10:00:00.000Z";

// Raw entries as they would be on disk. The last three are malformed: content-bearing
// extra fields on a known type, an unknown type, and a released entry with a body.
const RAW: Record<string, unknown>[] = [
  { type: "table-opened", actor: chair.id, personsConcerned: ["pc-victim", "pc-suspect"], purpose: "integrity" },
  { type: "invited", actor: chair.id, subject: alice.id },
  { type: "joined", actor: alice.id, statement: "I am bound to secrecy." },
  {
    type: "fragment-released", actor: alice.id, fragment: "frag-1", category: "youth-care", kind: "fact",
    personsConcerned: ["pc-victim"], recipients: [bob.id], purpose: "integrity", commitment: "c0ffee",
  },
  { type: "fragment-sent", actor: null, fragment: "frag-1", recipient: bob.id, delivery: "d1", channel: "socket" },
  { type: "fragment-delivered", actor: bob.id, fragment: "frag-1", recipient: bob.id, delivery: "d1" },
  { type: "fragment-opened", actor: bob.id, fragment: "frag-1", recipient: bob.id, delivery: "d1" },
  { type: "fragment-revoked", actor: alice.id, fragment: "frag-1", recipient: bob.id, alreadyDelivered: true },
  { type: "declined", actor: alice.id, decline: "dec-1" },
  { type: "declined", actor: alice.id, decline: "dec-unknown" },
  { type: "removed", actor: chair.id, subject: bob.id },
  // malformed:
  { type: "fragment-sent", actor: null, fragment: "frag-1", recipient: bob.id, delivery: "d2", channel: "rest", body: SECRET, title: SECRET, salt: SECRET },
  { type: "something-new", actor: null, body: SECRET, fragment: "frag-1" },
  {
    type: "fragment-released", actor: alice.id, fragment: "frag-2", category: "risk-assessment", kind: "assessment",
    personsConcerned: ["pc-suspect"], recipients: [bob.id], purpose: "integrity", commitment: "beef", body: SECRET,
  },
].map((e, seq) => ({ ...e, seq, at }));

const LINES = RAW.map((e) => canonicalize(e) as string);

/** The presenter passes the head through untouched; its content is the signer's business. */
const HEAD = { tree_size: 0, timestamp: 0, sha256_root_hash: "", tree_head_signature: "" };
let view: LogView;
let log: TableLog;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const tmp = await tempDir("presenters-log");
  cleanup = tmp.cleanup;
  const file = path.join(tmp.dir, "log.jsonl");
  await writeFile(file, LINES.map((l) => `${l}\n`).join(""));
  log = (await TableLog.open(file)).log;
  view = presentLog(global, table, log, HEAD);
});
afterAll(() => cleanup());

const entry = (seq: number): LogEntryView => {
  const e = view.entries[seq];
  if (!e) throw new Error(`no entry ${seq}`);
  return e;
};
const keys = (seq: number) => Object.keys(entry(seq)).sort();
const BASE = ["actor", "at", "leafHash", "seq", "type"];
const person = (a: typeof alice) => ({ id: a.id, name: a.name, organisation: "Safe Home Care", sector: "care" });

describe("presentLog", () => {
  it("has the table id, size, root hash and one view per entry", () => {
    expect(view.tableId).toBe(TABLE_ID);
    expect(view.size).toBe(RAW.length);
    expect(view.entries.map((e) => e.seq)).toEqual(RAW.map((_, i) => i));
    expect(view.rootHash).toBe(log.rootHash());
    expect(view.rootHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("gives each entry the RFC 6962 leaf hash of its stored line", () => {
    LINES.forEach((line, i) => {
      const expected = createHash("sha256").update(Buffer.from([0])).update(line, "utf8").digest("hex");
      expect(entry(i).leafHash).toBe(expected);
    });
  });

  it("resolves actors to people, and a server entry to null", () => {
    expect(entry(0).actor).toEqual(person(chair));
    expect(entry(4).actor).toBeNull();
  });

  it("maps each known type to its documented fields only", () => {
    expect(keys(0)).toEqual([...BASE, "personsConcerned", "purpose"].sort());
    expect(entry(1).subject).toEqual(person(alice));
    expect(keys(1)).toEqual([...BASE, "subject"].sort());
    expect(keys(2)).toEqual(BASE); // joined: the statement text is not repeated
    expect(keys(3)).toEqual([...BASE, "category", "fragmentId", "personsConcerned", "purpose", "recipients"].sort());
    expect(entry(3).recipients).toEqual([person(bob)]);
    expect(keys(4)).toEqual([...BASE, "channel", "fragmentId", "subject"].sort());
    expect(entry(4)).toMatchObject({ fragmentId: "frag-1", subject: person(bob), channel: "socket" });
    expect(keys(5)).toEqual([...BASE, "fragmentId", "subject"].sort());
    expect(keys(6)).toEqual([...BASE, "fragmentId", "subject"].sort());
    expect(keys(7)).toEqual([...BASE, "alreadyDelivered", "fragmentId", "subject"].sort());
    expect(entry(7).alreadyDelivered).toBe(true);
    expect(entry(8)).toMatchObject({ question: "Is there a youth-care file?" });
    expect(keys(8)).toEqual([...BASE, "question"].sort());
    expect(keys(9)).toEqual(BASE); // a decline that no longer exists: no question, no crash
    expect(keys(10)).toEqual([...BASE, "subject"].sort());
  });

  it("does not pass on the decline's reason, the commitment, delivery ids or the kind", () => {
    const json = JSON.stringify(view);
    expect(json).not.toContain("REASON-private");
    expect(json).not.toContain("c0ffee");
    expect(json).not.toContain('"d1"');
    expect(json).not.toContain("I am bound to secrecy");
  });

  it("drops extra fields of malformed entries: content never reaches the view", () => {
    expect(JSON.stringify(view)).not.toContain(SECRET);
    expect(keys(11)).toEqual([...BASE, "channel", "fragmentId", "subject"].sort());
    // An unknown type shows only the base fields.
    expect(keys(12)).toEqual(BASE);
    expect(entry(12).type).toBe("something-new");
    expect(keys(13)).toEqual(keys(3));
  });
});
