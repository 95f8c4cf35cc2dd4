// Invariant 1 from the side of everyone who was not chosen: a participant online at the
// table, and the chair, get change notices but never the content, over the socket or
// through any REST route they may call.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PROTOCOL_VERSION } from "../../shared/protocol.js";
import type { TableListItem } from "../../shared/types.js";
import { buildWorld, releaseCanary, type Member, type World } from "../support/factories.js";
import { eventually, settle } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { entries, errorLines, eventNames, expectAbsent, expectApiError, expectPresent, logOf, SocketPool } from "../support/adversary.js";

let server: TestServer;
let world: World;
let alice: Member;
let bob: Member;
let carol: Member;
const pool = new SocketPool();

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 3);
  [alice, bob, carol] = world.members as [Member, Member, Member];
});

afterEach(() => pool.closeAll());

afterAll(async () => {
  expect(errorLines(server)).toEqual([]);
  await server.stop();
  await removeDir(server.dataDir);
});

/** Every REST route a participant may call at the table, plus the fragment itself. */
async function everyRead(member: Member, fragmentId: string): Promise<number> {
  const t = world.table.id;
  const paths = [
    "/api/tables",
    `/api/tables/${t}`,
    `/api/tables/${t}/log`,
    `/api/tables/${t}/fragments/released`,
    `/api/tables/${t}/drafts`,
    `/api/tables/${t}/declines`,
    "/api/auth/session",
  ];
  for (const p of paths) expect((await member.client.get(p)).status, p).toBe(200);
  const read = await member.client.get(`/api/tables/${t}/fragments/${fragmentId}`);
  return read.status;
}

describe("a participant the fragment was not released to", () => {
  it("gets the change notice but never the content, live or through any route; neither does the chair", async () => {
    const t = world.table.id;
    const bobSocket = await pool.online(bob, t);
    const carolSocket = await pool.online(carol, t);
    const chairSocket = await pool.online(world.chair, t);

    const { fragment, canary } = await releaseCanary(alice, world.table, [bob.account.id]);
    await eventually("bob receives it", () => bobSocket.deliveries.find((d) => d.fragment.id === fragment.id));
    expectPresent("bob's frames", bobSocket.frames, canary); // the witness works

    // Carol and the chair were listening: they got the notice that the log changed.
    await eventually("carol sees a change notice", () => eventNames(carolSocket).includes("table:changed"));
    await eventually("the chair sees a change notice", () => eventNames(chairSocket).includes("table:changed"));

    const carolRead = await everyRead(carol, fragment.id);
    const chairRead = await everyRead(world.chair, fragment.id);
    expect(carolRead).toBe(404);
    expect(chairRead).toBe(404);
    const refusal = await carol.client.get(`/api/tables/${t}/fragments/${fragment.id}`);
    expectApiError(refusal, 404, "not-found");

    // The log tells them a fragment went to Bob, and nothing of what it says.
    const log = await logOf(carol, t);
    const released = entries(log, { type: "fragment-released", fragmentId: fragment.id });
    expect(released.map((e) => e.recipients?.map((r) => r.id))).toEqual([[bob.account.id]]);
    // The refused reads were not deliveries: nothing was sent to Carol or the chair.
    const sentTo = entries(log, { type: "fragment-sent", fragmentId: fragment.id }).map((e) => e.subject?.id);
    expect(sentTo).toEqual([bob.account.id]);

    // The author's own list (with content) is hers alone: Carol's list is empty.
    expect(await carol.client.ok("GET", `/api/tables/${t}/fragments/released`)).toEqual([]);

    await settle();
    for (const [who, s] of [["carol", carolSocket], ["chair", chairSocket]] as const) {
      expectAbsent(`${who}'s frames`, s.frames, canary);
      expect(s.deliveries).toEqual([]);
    }
    expectAbsent("carol's responses", carol.client.received, canary);
    expectAbsent("the chair's responses", world.chair.client.received, canary);
    expectAbsent("server log lines", server.lines, canary);
  });

  it("cannot open the fragment with a delivery id that was Bob's", async () => {
    const t = world.table.id;
    const bobSocket = await pool.online(bob, t);
    const carolSocket = await pool.online(carol, t);
    const { fragment, canary } = await releaseCanary(alice, world.table, [bob.account.id]);
    const delivery = await eventually("bob receives it", () => bobSocket.deliveries.find((d) => d.fragment.id === fragment.id));

    const reply = await carolSocket.socket
      .timeout(5000)
      .emitWithAck("fragment:opened", { v: PROTOCOL_VERSION, tableId: t, fragmentId: fragment.id, deliveryId: delivery.deliveryId });
    expect(reply).toMatchObject({ ok: false, refusal: "unknown-delivery" });
    const log = await logOf(alice, t);
    expect(entries(log, { type: "fragment-opened", fragmentId: fragment.id })).toEqual([]);
    await settle(100);
    expectAbsent("carol's frames", carolSocket.frames, canary);
  });

  it("sees only what was released to them when two fragments go to different people", async () => {
    const t = world.table.id;
    const bobSocket = await pool.online(bob, t);
    const carolSocket = await pool.online(carol, t);
    const toBob = await releaseCanary(alice, world.table, [bob.account.id]);
    const toCarol = await releaseCanary(alice, world.table, [carol.account.id]);
    await eventually("bob receives his", () => bobSocket.deliveries.find((d) => d.fragment.id === toBob.fragment.id));
    await eventually("carol receives hers", () => carolSocket.deliveries.find((d) => d.fragment.id === toCarol.fragment.id));
    expect((await bob.client.get(`/api/tables/${t}/fragments/${toCarol.fragment.id}`)).status).toBe(404);
    expect((await carol.client.get(`/api/tables/${t}/fragments/${toBob.fragment.id}`)).status).toBe(404);
    await settle();
    expectAbsent("bob's frames", bobSocket.frames, toCarol.canary);
    expectAbsent("carol's frames", carolSocket.frames, toBob.canary);
    expectAbsent("bob's responses", bob.client.received, toCarol.canary);
    expectAbsent("carol's responses", carol.client.received, toBob.canary);
    // The table list is case metadata only.
    const list = await carol.client.ok<TableListItem[]>("GET", "/api/tables");
    expect(list.map((i) => i.id)).toEqual([t]);
    expectAbsent("server log lines", server.lines, toBob.canary);
    expectAbsent("server log lines", server.lines, toCarol.canary);
  });
});
