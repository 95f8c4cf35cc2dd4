// Invariant 5 across a restart on the same data directory: what the server said was
// done is still there (fragment, log, drafts, participants, sessions, a sign-out), and
// a recipient who first connects after the restart gets the fragment then, logged as
// any delivery. On disk, content lives only in the table file: never in the log or
// in tafel.json.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthoredFragmentView, DraftView, LogView, TableView } from "../../shared/types.js";
import { ApiClient } from "../support/api.js";
import { buildWorld, releaseCanary, type Member, type World } from "../support/factories.js";
import { connect, eventually, settle, type RecordingSocket } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { entries, errorLines, expectAbsent } from "../support/adversary.js";

let server: TestServer;
let world: World;
let alice: Member;
let bob: Member;
let carol: Member;
let dave: Member;
const sockets: RecordingSocket[] = [];

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 4);
  [alice, bob, carol, dave] = world.members as [Member, Member, Member, Member];
});

afterAll(async () => {
  for (const s of sockets) s.close();
  expect(errorLines(server)).toEqual([]);
  await server.stop();
  await removeDir(server.dataDir);
});

/** The same person, same cookie, talking to the restarted server. */
function after(restarted: TestServer, member: Member): Member {
  const client = new ApiClient(restarted);
  client.cookie = member.client.cookie;
  return { ...member, client };
}

async function online(member: Member, tableId: string): Promise<RecordingSocket> {
  const s = await connect(member.client);
  sockets.push(s);
  expect(await s.openTable(tableId)).toEqual({ ok: true });
  return s;
}

describe("a restart on the same data directory", () => {
  it("keeps fragment, log, drafts, participants and sessions; a recipient connecting afterwards gets the fragment then", async () => {
    const t = world.table.id;
    const bobSocket = await online(bob, t);
    const { fragment, canary } = await releaseCanary(alice, world.table, [bob.account.id, carol.account.id]);
    await eventually("bob receives it before the restart", () => bobSocket.deliveries[0]);
    await eventually("bob's receipt is logged", async () => {
      const log = await world.chair.client.ok<LogView>("GET", `/api/tables/${t}/log`);
      return entries(log, { type: "fragment-delivered", fragmentId: fragment.id }).length === 1;
    });
    const keptDraft = await alice.client.ok<DraftView>("POST", `/api/tables/${t}/drafts`, { title: "Kept", body: `Kept draft ${canary}` });
    // Dave signs out before the restart: his session must stay ended.
    await dave.client.ok("POST", "/api/auth/logout", {});
    const daveCookie = dave.client.cookie;
    const logBefore = await world.chair.client.ok<LogView>("GET", `/api/tables/${t}/log`);
    const tableBefore = await world.chair.client.ok<TableView>("GET", `/api/tables/${t}`);

    server = await server.restart();
    const [chair2, alice2, bob2, carol2] = [after(server, world.chair), after(server, alice), after(server, bob), after(server, carol)];

    // Sessions survive (same cookies), an ended one stays ended.
    for (const m of [chair2, alice2, bob2, carol2]) expect((await m.client.get("/api/auth/session")).status).toBe(200);
    const dave2 = new ApiClient(server);
    dave2.cookie = daveCookie;
    expect((await dave2.get("/api/auth/session")).status).toBe(401);

    // Table, participants, drafts, fragment and its recipient path survive.
    expect(await chair2.client.ok<TableView>("GET", `/api/tables/${t}`)).toEqual(tableBefore);
    expect(await alice2.client.ok<DraftView[]>("GET", `/api/tables/${t}/drafts`)).toEqual([keptDraft]);
    const mine = await alice2.client.ok<AuthoredFragmentView[]>("GET", `/api/tables/${t}/fragments/released`);
    expect(mine.map((f) => f.id)).toEqual([fragment.id]);
    const bobRow = mine[0]?.recipients.find((r) => r.recipient.id === bob.account.id);
    expect(bobRow?.sentAt && bobRow.deliveredAt).toBeTruthy();
    expect(mine[0]?.commitment).toBe(fragment.commitment);

    // The log survives entry for entry, with the same root hash.
    const logAfter = await chair2.client.ok<LogView>("GET", `/api/tables/${t}/log`);
    expect(logAfter.entries).toEqual(logBefore.entries);
    expect(logAfter.rootHash).toBe(logBefore.rootHash);

    // Carol connects for the first time after the restart: she gets it now, logged sent and delivered.
    const carolSocket = await online(carol2, t);
    const delivered = await eventually("carol receives it after the restart", () => carolSocket.deliveries.find((d) => d.fragment.id === fragment.id));
    expect(delivered.fragment.body).toContain(canary);
    const carolLog = await eventually("carol's delivery and receipt are logged", async () => {
      const log = await chair2.client.ok<LogView>("GET", `/api/tables/${t}/log`);
      const mineOnly = log.entries.slice(logBefore.size).filter((e) => e.fragmentId === fragment.id && e.subject?.id === carol.account.id);
      return mineOnly.some((e) => e.type === "fragment-delivered") ? mineOnly : null;
    });
    expect(carolLog.map((e) => e.type)).toEqual(["fragment-sent", "fragment-delivered"]);

    // Bob reconnects: re-delivered, and logged again.
    const bobAgain = await online(bob2, t);
    await eventually("bob gets it re-delivered", () => bobAgain.deliveries[0]);
    await eventually("bob's second delivery is logged", async () => {
      const log = await chair2.client.ok<LogView>("GET", `/api/tables/${t}/log`);
      return entries(log, { type: "fragment-delivered", fragmentId: fragment.id, subject: bob.account.id }).length === 2;
    });

    // On disk: the content is stored sealed (AES-256-GCM, key outside the data
    // directory), so no file of the data directory carries it in the clear; the
    // re-deliveries above are the witness that it is stored.
    await settle(100);
    const dir = server.dataDir;
    const tableFile = await readFile(path.join(dir, "tables", t, "table.json"));
    const logFile = await readFile(path.join(dir, "tables", t, "log.jsonl"), "utf8");
    const globalFile = await readFile(path.join(dir, "tafel.json"), "utf8");
    expect(tableFile.subarray(0, 4).toString("latin1")).toBe("TFL1");
    for (const file of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (!file.isFile()) continue;
      const raw = await readFile(path.join(file.parentPath, file.name));
      expectAbsent(file.name, raw.toString("latin1"), canary);
      expectAbsent(`${file.name} (base64 lines decoded)`, raw.toString("latin1").split("\n").map((l) => Buffer.from(l, "base64").toString("latin1")).join(""), canary);
    }
    expectAbsent("log.jsonl", logFile, canary);
    expectAbsent("tafel.json", globalFile, canary);
    const finalLog = await chair2.client.ok<LogView>("GET", `/api/tables/${t}/log`);
    expect(logFile.trim().split("\n")).toHaveLength(finalLog.size); // every entry served is on disk
    // No session token is stored in the clear.
    for (const m of [world.chair, alice, bob, carol]) {
      const token = decodeURIComponent((m.client.cookie ?? "=").split("=")[1] ?? "");
      expect(token.length).toBeGreaterThan(20);
      expectAbsent("tafel.json", globalFile, token);
    }
    expectAbsent("server log lines", server.lines, canary);
  });
});
