// A draft has left no one's notebook: another participant (the chair included) cannot
// list, read, change, delete or release it — every attempt answers exactly like a
// missing draft — and it appears in no one else's frames, responses or log.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DraftView } from "../../shared/types.js";
import { buildWorld, canary, type Member, type World } from "../support/factories.js";
import { settle, type RecordingSocket } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { errorLines, expectAbsent, expectApiError, logOf, SocketPool } from "../support/adversary.js";

let server: TestServer;
let world: World;
let alice: Member;
let bob: Member;
let secret: string;
let draft: DraftView;
const pool = new SocketPool();
let watchers: RecordingSocket[];

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 2);
  [alice, bob] = world.members as [Member, Member];
  watchers = [await pool.online(bob, world.table.id), await pool.online(world.chair, world.table.id)];
  secret = canary();
  draft = await alice.client.ok<DraftView>("POST", `/api/tables/${world.table.id}/drafts`, { title: `Private ${secret}`, body: `Only mine: ${secret}` });
  await alice.client.ok("PUT", `/api/tables/${world.table.id}/drafts/${draft.id}`, { title: `Private ${secret}`, body: `Still only mine: ${secret}` });
  draft = (await alice.client.ok<DraftView[]>("GET", `/api/tables/${world.table.id}/drafts`))[0] as DraftView;
});

afterAll(async () => {
  pool.closeAll();
  expect(errorLines(server)).toEqual([]);
  await server.stop();
  await removeDir(server.dataDir);
});

describe("a private draft", () => {
  it("is not in anyone else's list", async () => {
    for (const other of [bob, world.chair]) {
      expect(await other.client.ok<DraftView[]>("GET", `/api/tables/${world.table.id}/drafts`)).toEqual([]);
    }
  });

  it("cannot be read, changed, deleted or released by another participant: 404, as for a missing id", async () => {
    const t = world.table.id;
    const missing = randomUUID();
    for (const other of [bob, world.chair]) {
      const attempts: [string, (id: string) => string, unknown?][] = [
        ["GET", (id) => `/api/tables/${t}/drafts/${id}`],
        ["PUT", (id) => `/api/tables/${t}/drafts/${id}`, { title: "Hijacked", body: "Hijacked" }],
        ["DELETE", (id) => `/api/tables/${t}/drafts/${id}`],
        [
          "POST",
          (id) => `/api/tables/${t}/drafts/${id}/release`,
          {
            recipients: [alice.account.id],
            category: "social-financial",
            kind: "fact",
            personsConcerned: [world.table.personsConcerned[0]?.id],
            purpose: "integrity",
            justification: "Taking it.",
          },
        ],
      ];
      for (const [method, path, body] of attempts) {
        const theirs = await other.client.request(method, path(draft.id), body);
        const none = await other.client.request(method, path(missing), body);
        expectApiError(theirs, 404, "not-found");
        // The same answer, up to the id itself (the route-not-found message quotes the path).
        expect(theirs.text.replace(draft.id, "ID"), `${method} ${path("…")}`).toBe(none.text.replace(missing, "ID"));
      }
    }
    expect(await alice.client.ok<DraftView[]>("GET", `/api/tables/${t}/drafts`)).toEqual([draft]);
  });

  it("never appears in another participant's frames, responses or the log; writing it logs nothing", async () => {
    const t = world.table.id;
    const log = await logOf(bob, t);
    expectAbsent("the log", JSON.stringify(log), secret);
    expectAbsent("the log", JSON.stringify(log), draft.id);
    await settle();
    for (const s of watchers) {
      expectAbsent("a watcher's frames", s.frames, secret);
      expectAbsent("a watcher's frames", s.frames, draft.id);
    }
    expectAbsent("bob's responses", bob.client.received, secret);
    expectAbsent("the chair's responses", world.chair.client.received, secret);
    // Writing and deleting drafts is nothing the table hears about.
    const sizeBefore = log.size;
    const noise = await alice.client.ok<DraftView>("POST", `/api/tables/${t}/drafts`, { title: "Noise", body: "Noise" });
    await alice.client.ok("DELETE", `/api/tables/${t}/drafts/${noise.id}`);
    expect((await logOf(bob, t)).size).toBe(sizeBefore);
    expectAbsent("server log lines", server.lines, secret);
  });

  it("released twice at once becomes one fragment; the second release finds no draft", async () => {
    const t = world.table.id;
    const own = await alice.client.ok<DraftView>("POST", `/api/tables/${t}/drafts`, { title: "Once", body: "Released once." });
    const body = {
      recipients: [bob.account.id],
      category: "youth-care",
      kind: "fact",
      personsConcerned: [world.table.personsConcerned[0]?.id],
      purpose: "integrity",
      justification: "Once.",
    };
    const replies = await Promise.all([1, 2, 3].map(() => alice.client.post(`/api/tables/${t}/drafts/${own.id}/release`, body)));
    expect(replies.map((r) => r.status).sort()).toEqual([201, 404, 404]);
    const log = await logOf(alice, t);
    expect(log.entries.filter((e) => e.type === "fragment-released")).toHaveLength(1);
    expect(await alice.client.ok<DraftView[]>("GET", `/api/tables/${t}/drafts`)).toEqual([draft]);
  });

  it("is not reachable through a table its owner is not at", async () => {
    const other = await world.chair.client.ok<{ id: string }>("POST", "/api/tables", {
      caseCode: "OTHER-1",
      purpose: "integrity",
      purposeDetail: "x",
      personsConcerned: [{ pseudonym: "Z" }],
      confidentialityAccepted: true,
    });
    expectApiError(await world.chair.client.put(`/api/tables/${other.id}/drafts/${draft.id}`, { title: "x", body: "y" }), 404, "not-found");
    expectApiError(await alice.client.get(`/api/tables/${other.id}/drafts`), 404, "not-found");
  });
});
