// A participant tampers with the release request: recipients who may not receive,
// someone else's draft, malformed ids, oversized or broken bodies. Each is a JSON
// `{error:{code,message}}` naming the field; nothing is written (the draft stays, the
// log does not grow, nobody gets a frame), the error never echoes content, and the
// server never answers 500.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ApiError, DraftView, TableView } from "../../shared/types.js";
import { LIMITS } from "../../shared/schemas.js";
import type { RecordingSocket } from "../support/realtime.js";
import { buildMember, buildWorld, canary, join, openTable, type Member, type World } from "../support/factories.js";
import { settle } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { errorLines, expectAbsent, expectApiError, fieldPaths, logOf, serverErrorResponses, SocketPool } from "../support/adversary.js";

let server: TestServer;
let world: World;
let alice: Member;
let bob: Member;
/** Invited, never accepted. */
let ivy: Member;
/** Was at the table, removed. */
let rex: Member;
/** Has an account, at no table. */
let nora: Member;
/** Chairs another table. */
let olga: Member;
let olgaTable: TableView;
let draft: DraftView;
let secret: string;
const pool = new SocketPool();
let bobSocket: RecordingSocket;

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 2);
  [alice, bob] = world.members as [Member, Member];
  [ivy, rex, nora, olga] = await Promise.all([
    buildMember(server, world.admin, { name: "Ivy" }),
    buildMember(server, world.admin, { name: "Rex" }),
    buildMember(server, world.admin, { name: "Nora" }),
    buildMember(server, world.admin, { name: "Olga" }),
  ]);
  const t = world.table.id;
  await world.chair.client.ok("POST", `/api/tables/${t}/participants`, { accountId: ivy.account.id });
  await join(world.chair, rex, t);
  await world.chair.client.ok("DELETE", `/api/tables/${t}/participants/${rex.account.id}`);
  olgaTable = await openTable(olga);
  secret = canary();
  draft = await alice.client.ok<DraftView>("POST", `/api/tables/${t}/drafts`, { title: `Draft ${secret}`, body: `Body ${secret}` });
  bobSocket = await pool.online(bob, t);
});

afterAll(async () => {
  pool.closeAll();
  expect(errorLines(server)).toEqual([]);
  expect(serverErrorResponses(server)).toEqual([]);
  expectAbsent("server log lines", server.lines, secret);
  await server.stop();
  await removeDir(server.dataDir);
});

afterEach(async () => {
  // Nothing was written by any refused attempt: Alice's draft is intact, nothing went out.
  await settle(100);
  const drafts = await alice.client.ok<DraftView[]>("GET", `/api/tables/${world.table.id}/drafts`);
  expect(drafts.find((d) => d.id === draft.id)).toEqual(draft);
  expect(await alice.client.ok("GET", `/api/tables/${world.table.id}/fragments/released`)).toEqual([]);
  expect(bobSocket.deliveries).toEqual([]);
  expectAbsent("bob's frames", bobSocket.frames, secret);
});

function releaseBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    recipients: [bob.account.id],
    category: "social-financial",
    kind: "fact",
    personsConcerned: [world.table.personsConcerned[0]?.id],
    purpose: "integrity",
    justification: "Needed for the safety plan.",
    ...overrides,
  };
}

const releasePath = (draftId = draft.id) => `/api/tables/${world.table.id}/drafts/${draftId}/release`;

describe("release with recipients who may not receive", () => {
  it.each([
    ["a member at no table", () => nora.account.id],
    ["an invited person who has not accepted", () => ivy.account.id],
    ["a removed participant", () => rex.account.id],
    ["the author herself", () => alice.account.id],
    ["a participant of another table", () => olga.account.id],
    ["an id that is no account", () => randomUUID()],
  ])("%s → 400 naming recipients.1, nothing written", async (_name, bad) => {
    const before = await logOf(alice, world.table.id);
    const reply = await alice.client.post(releasePath(), releaseBody({ recipients: [bob.account.id, bad()] }));
    expectApiError(reply, 400, "invalid-input");
    expect(fieldPaths(reply)).toEqual(["recipients.1"]);
    expect((await logOf(alice, world.table.id)).size).toBe(before.size);
  });

  it("the same recipient twice → 400 naming the repeat", async () => {
    const reply = await alice.client.post(releasePath(), releaseBody({ recipients: [bob.account.id, bob.account.id] }));
    expectApiError(reply, 400, "invalid-input");
    expect(fieldPaths(reply)).toEqual(["recipients.1"]);
  });

  it("several bad recipients are all named at once", async () => {
    const reply = await alice.client.post(releasePath(), releaseBody({ recipients: [ivy.account.id, bob.account.id, rex.account.id, olga.account.id] }));
    expectApiError(reply, 400, "invalid-input");
    expect(fieldPaths(reply)).toEqual(["recipients.0", "recipients.2", "recipients.3"]);
  });

  it("a person concerned of another table → 400 naming personsConcerned.0", async () => {
    const reply = await alice.client.post(releasePath(), releaseBody({ personsConcerned: [olgaTable.personsConcerned[0]?.id] }));
    expectApiError(reply, 400, "invalid-input");
    expect(fieldPaths(reply)).toEqual(["personsConcerned.0"]);
  });

  it("no recipients, too many, or not ids → 400", async () => {
    for (const recipients of [[], Array.from({ length: LIMITS.recipients + 1 }, () => randomUUID()), ["bob"], [42], "bob", null]) {
      const reply = await alice.client.post(releasePath(), releaseBody({ recipients }));
      expectApiError(reply, 400, "invalid-input");
      expect(fieldPaths(reply).every((p) => p.startsWith("recipients"))).toBe(true);
    }
  });
});

describe("release of a draft that is not yours", () => {
  it("someone else's draft id → 404, the same answer as a missing one, and their draft stays", async () => {
    const bobDraft = await bob.client.ok<DraftView>("POST", `/api/tables/${world.table.id}/drafts`, { title: "Bob's", body: "Bob's own." });
    const theirs = await alice.client.post(releasePath(bobDraft.id), releaseBody({ recipients: [world.chair.account.id] }));
    const missing = await alice.client.post(releasePath(randomUUID()), releaseBody({ recipients: [world.chair.account.id] }));
    expectApiError(theirs, 404, "not-found");
    expect(theirs.body).toEqual(missing.body);
    expect(await bob.client.ok<DraftView[]>("GET", `/api/tables/${world.table.id}/drafts`)).toEqual([bobDraft]);
    // And Alice's own draft at another table's id: 404 (she is not there).
    expectApiError(await alice.client.post(`/api/tables/${olgaTable.id}/drafts/${draft.id}/release`, releaseBody()), 404, "not-found");
  });
});

describe("malformed requests", () => {
  it("bad ids in paths → 400 naming the parameter", async () => {
    const t = world.table.id;
    const cases: [string, string, string][] = [
      ["GET", "/api/tables/not-a-uuid", "tableId"],
      ["GET", "/api/tables/..%2F..%2Fetc/log", "tableId"],
      ["POST", `/api/tables/${t}/drafts/123/release`, "draftId"],
      ["GET", `/api/tables/${t}/fragments/x'%20OR%201=1`, "fragmentId"],
      ["POST", `/api/tables/${t}/fragments/abc/revoke`, "fragmentId"],
      ["DELETE", `/api/tables/${t}/participants/abc`, "accountId"],
      ["PUT", `/api/tables/${t}/drafts/abc`, "draftId"],
    ];
    for (const [method, path, what] of cases) {
      const body = method === "PUT" ? { title: "t", body: "b" } : path.endsWith("/release") ? releaseBody() : method === "POST" ? {} : undefined;
      const reply = await world.chair.client.request(method, path, body);
      const error = expectApiError(reply, 400, "invalid-input");
      expect(error.error.message, path).toContain(`'${what}'`);
    }
  });

  it("a body over 64 KiB → 413, JSON", async () => {
    const big = "x".repeat(LIMITS.messageBytes + 1);
    expectApiError(await alice.client.post(releasePath(), releaseBody({ justification: big })), 413, "payload-too-large");
    expectApiError(await alice.client.post(`/api/tables/${world.table.id}/drafts`, { title: "Big", body: big }), 413, "payload-too-large");
  });

  it("invalid JSON, JSON that is not an object, extra fields, prototype keys → 400, JSON", async () => {
    const raw = (body: string) => alice.client.request("POST", releasePath(), body, { "content-type": "application/json" });
    expectApiError(await raw("{not json"), 400, "invalid-input");
    expectApiError(await raw(`{"recipients": [`), 400, "invalid-input");
    expectApiError(await raw(`"a string"`), 400, "invalid-input");
    expectApiError(await raw(`[1,2,3]`), 400, "invalid-input");
    expectApiError(await raw(`null`), 400, "invalid-input");
    const extra = await alice.client.post(releasePath(), releaseBody({ authorId: bob.account.id }));
    expectApiError(extra, 400, "invalid-input");
    const proto = await raw(JSON.stringify(releaseBody()).replace(/^\{/, `{"__proto__":{"recipients":["${nora.account.id}"]},`));
    expect([400, 201], proto.text).toContain(proto.status);
    if (proto.status === 201) throw new Error("a __proto__ key was accepted");
    expectApiError(await raw(JSON.stringify(releaseBody()).replace(/^\{/, `{"constructor":{"prototype":{"x":1}},`)), 400, "invalid-input");
    // Odd charsets and encodings are refused as JSON 4xx, never a 500.
    const oddBodies: Record<string, string>[] = [
      { "content-type": "application/json; charset=koi8-r" },
      { "content-type": "application/json", "content-encoding": "gzip" },
      { "content-type": "application/json", "content-encoding": "br-nope" },
    ];
    for (const headers of oddBodies) {
      const reply = await alice.client.request("POST", releasePath(), JSON.stringify(releaseBody()), headers);
      expect(reply.status, JSON.stringify(headers)).toBeGreaterThanOrEqual(400);
      expect(reply.status, JSON.stringify(headers)).toBeLessThan(500);
      expectApiError(reply, reply.status, "invalid-input");
    }
    // Not JSON at all: no body is read, the request is refused as invalid.
    const text = await alice.client.request("POST", releasePath(), "recipients=x", { "content-type": "text/plain" });
    expectApiError(text, 400, "invalid-input");
  });

  it("an invalid draft is refused without echoing its content anywhere", async () => {
    const leaked = canary();
    const reply = await alice.client.post(`/api/tables/${world.table.id}/drafts`, { title: "Ok", body: `${leaked}\u0007bell`, extra: leaked });
    const body = expectApiError(reply, 400, "invalid-input");
    expect(JSON.stringify(body)).not.toContain(leaked);
    expectAbsent("server log lines", server.lines, leaked);
  });

  it("unknown API routes are JSON 404s", async () => {
    const error: ApiError = expectApiError(await alice.client.get(`/api/tables/${world.table.id}/drafts/${draft.id}`), 404, "not-found");
    expect(error.error.message).toMatch(/No API route/);
  });
});
