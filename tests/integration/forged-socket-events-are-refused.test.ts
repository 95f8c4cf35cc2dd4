// A hand-written socket.io client, signed in as a real participant, sends what the
// real client never would: tables it is not at, malformed payloads, other versions,
// events without an acknowledgement, other people's delivery ids, forged receipts.
// Each is refused with a clear Reply (where there is a callback to reply to), nothing
// is logged for it, and the server keeps serving.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PROTOCOL_VERSION, type Reply } from "../../shared/protocol.js";
import type { TableView } from "../../shared/types.js";
import { buildWorld, openTable, releaseCanary, type Member, type World } from "../support/factories.js";
import { connect, eventually, settle, type RecordingSocket } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { entries, errorLines, eventNames, expectAbsent, logOf, logQuiet, SocketPool } from "../support/adversary.js";

let server: TestServer;
let world: World;
let alice: Member;
let bob: Member;
let carol: Member;
/** A table Alice chairs and Bob is not at. */
let otherTable: TableView;
const pool = new SocketPool();

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 3);
  [alice, bob, carol] = world.members as [Member, Member, Member];
  otherTable = await openTable(alice);
});

afterEach(() => pool.closeAll());

afterAll(async () => {
  expect(errorLines(server)).toEqual([]);
  await server.stop();
  await removeDir(server.dataDir);
});

/** Emits raw arguments (whatever a forged client sends) and waits for the ack. */
function emitRaw(s: RecordingSocket, event: string, ...args: unknown[]): Promise<Reply> {
  const raw = s.socket as unknown as { timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<Reply> } };
  return raw.timeout(3000).emitWithAck(event, ...args);
}

/**
 * A round trip on this socket that changes nothing (Bob is not at the other table): when
 * its reply arrives, the server has handled everything the socket sent before it.
 */
async function roundTrip(s: RecordingSocket): Promise<void> {
  expect(await s.openTable(otherTable.id)).toMatchObject({ ok: false, refusal: "not-a-participant" });
}

async function stillServing(): Promise<void> {
  expect((await bob.client.get("/api/auth/session")).status).toBe(200);
  const fresh = await pool.connect(carol);
  expect(await fresh.openTable(world.table.id)).toEqual({ ok: true });
}

describe("forged table:open", () => {
  it("for a table the user is not at, or that does not exist, is refused alike and joins no room", async () => {
    const s = await pool.connect(bob);
    const notMine = await s.openTable(otherTable.id);
    const missing = await s.openTable(randomUUID());
    expect(notMine).toMatchObject({ ok: false, refusal: "not-a-participant" });
    expect(missing).toEqual(notMine); // no oracle for which tables exist

    // Activity at that table reaches nothing on Bob's socket (Alice, who is there, hears of it).
    const witness = await pool.online(alice, otherTable.id);
    await alice.client.ok("POST", `/api/tables/${otherTable.id}/declines`, { question: "Anything on V1?" });
    await eventually("alice's socket hears of the decline", () => eventNames(witness).includes("table:changed"));
    await settle();
    expect(s.events).toEqual([]);
  });

  it("with malformed payloads is refused with a clear Reply", async () => {
    const s = await pool.connect(bob);
    const t = world.table.id;
    const cases: [string, unknown, string][] = [
      ["extra field", { v: PROTOCOL_VERSION, tableId: t, room: `table:${otherTable.id}` }, "invalid-payload"],
      ["not an id", { v: PROTOCOL_VERSION, tableId: "../../etc/passwd" }, "invalid-payload"],
      ["missing tableId", { v: PROTOCOL_VERSION }, "invalid-payload"],
      ["wrong version", { v: 2, tableId: t }, "bad-version"],
      ["version as a string", { v: "1", tableId: t }, "bad-version"],
      ["no version", { tableId: t }, "bad-version"],
      ["a string", "table:open", "invalid-payload"],
      ["a number", 42, "invalid-payload"],
      ["null", null, "invalid-payload"],
      ["an array", [PROTOCOL_VERSION, t], "invalid-payload"],
      ["a boolean", true, "invalid-payload"],
    ];
    for (const [name, payload, refusal] of cases) {
      const reply = await emitRaw(s, "table:open", payload);
      expect(reply, name).toMatchObject({ ok: false, refusal });
      expect(reply.ok ? "" : reply.message, name).not.toBe("");
    }
    // Two payloads, or only a callback: refused as well.
    expect(await emitRaw(s, "table:open", { v: PROTOCOL_VERSION, tableId: t }, { v: PROTOCOL_VERSION, tableId: otherTable.id })).toMatchObject({
      ok: false,
      refusal: "invalid-payload",
    });
    expect(await emitRaw(s, "table:open")).toMatchObject({ ok: false, refusal: "invalid-payload" });
    // None of it opened the table for this socket; Bob's socket that did open it gets the release.
    const witness = await pool.online(bob, t);
    const { fragment, canary } = await releaseCanary(alice, world.table, [bob.account.id]);
    await eventually("bob's open socket receives it", () => witness.deliveries.some((d) => d.fragment.id === fragment.id));
    await settle();
    expect(s.deliveries).toEqual([]);
    expectAbsent("bob's frames", s.frames, canary);
    await stillServing();
  });

  it("without an acknowledgement callback is not acted on, and the server keeps serving", async () => {
    const s = await pool.connect(bob);
    const raw = s.socket as unknown as { emit(event: string, ...args: unknown[]): void };
    raw.emit("table:open", { v: PROTOCOL_VERSION, tableId: world.table.id });
    raw.emit("table:open", "garbage");
    raw.emit("table:open");
    raw.emit("table:close", { v: PROTOCOL_VERSION, tableId: world.table.id });
    raw.emit("fragment:opened", { v: PROTOCOL_VERSION, tableId: world.table.id, fragmentId: randomUUID(), deliveryId: randomUUID() });
    await roundTrip(s); // the server has handled the emits above
    const witness = await pool.online(bob, world.table.id);
    const { fragment, canary } = await releaseCanary(alice, world.table, [bob.account.id]);
    await eventually("bob's open socket receives it", () => witness.deliveries.some((d) => d.fragment.id === fragment.id));
    await settle();
    expect(s.events).toEqual([]);
    expectAbsent("bob's frames", s.frames, canary);
    expect(s.socket.connected).toBe(true);
    // The same socket, asking properly, is served.
    expect(await s.openTable(world.table.id)).toEqual({ ok: true });
    await eventually("the fragment arrives once asked properly", () => s.deliveries.some((d) => d.fragment.body.includes(canary)));
    await stillServing();
  });

  it("events the server does not accept from clients (server events, invented names) are ignored", async () => {
    const bobSocket = await pool.online(bob, world.table.id);
    const carolSocket = await pool.online(carol, world.table.id);
    const raw = bobSocket.socket as unknown as { emit(event: string, ...args: unknown[]): void };
    const fake = `FAKE-${randomUUID()}`;
    raw.emit("fragment:deliver", { v: PROTOCOL_VERSION, deliveryId: randomUUID(), fragment: { id: randomUUID(), body: fake } });
    raw.emit("table:changed", { v: PROTOCOL_VERSION, tableId: world.table.id, topics: [fake] });
    raw.emit("join", `table:${otherTable.id}`);
    await roundTrip(bobSocket); // the server has handled the emits above
    await settle();
    expectAbsent("carol's frames", carolSocket.frames, fake);
    await stillServing();
  });
});

describe("forged fragment:opened", () => {
  it("naming someone else's delivery, or a delivery of another fragment, is refused and not logged", async () => {
    const t = world.table.id;
    const bobSocket = await pool.online(bob, t);
    const carolSocket = await pool.online(carol, t);
    const first = await releaseCanary(alice, world.table, [bob.account.id, carol.account.id]);
    const second = await releaseCanary(alice, world.table, [bob.account.id]);
    const bobFirst = await eventually("bob gets the first", () => bobSocket.deliveries.find((d) => d.fragment.id === first.fragment.id));
    const bobSecond = await eventually("bob gets the second", () => bobSocket.deliveries.find((d) => d.fragment.id === second.fragment.id));
    const carolFirst = await eventually("carol gets the first", () => carolSocket.deliveries.find((d) => d.fragment.id === first.fragment.id));
    // Receipts (and re-deliveries of earlier fragments on opening) are logged asynchronously.
    const before = await logQuiet(alice, t, pool);

    const opened = (s: RecordingSocket, tableId: string, fragmentId: string, deliveryId: string) =>
      emitRaw(s, "fragment:opened", { v: PROTOCOL_VERSION, tableId, fragmentId, deliveryId });
    // Carol names Bob's delivery of a fragment she has too.
    expect(await opened(carolSocket, t, first.fragment.id, bobFirst.deliveryId)).toMatchObject({ ok: false, refusal: "unknown-delivery" });
    // Carol names Bob's delivery of a fragment she does not have.
    expect(await opened(carolSocket, t, second.fragment.id, bobSecond.deliveryId)).toMatchObject({ ok: false, refusal: "unknown-delivery" });
    // Bob names his delivery of the second fragment for the first one.
    expect(await opened(bobSocket, t, first.fragment.id, bobSecond.deliveryId)).toMatchObject({ ok: false, refusal: "unknown-delivery" });
    // Bob names a delivery that never happened, and a table he is not at.
    expect(await opened(bobSocket, t, first.fragment.id, randomUUID())).toMatchObject({ ok: false, refusal: "unknown-delivery" });
    expect(await opened(bobSocket, otherTable.id, first.fragment.id, bobFirst.deliveryId)).toMatchObject({ ok: false });
    // Extra fields and wrong versions.
    expect(await emitRaw(bobSocket, "fragment:opened", { v: PROTOCOL_VERSION, tableId: t, fragmentId: first.fragment.id, deliveryId: bobFirst.deliveryId, recipient: carol.account.id })).toMatchObject({ ok: false, refusal: "invalid-payload" });
    expect(await emitRaw(bobSocket, "fragment:opened", { v: 0, tableId: t, fragmentId: first.fragment.id, deliveryId: bobFirst.deliveryId })).toMatchObject({ ok: false, refusal: "bad-version" });

    const after = await logOf(alice, t);
    expect(after.size).toBe(before.size);
    expect(entries(after, { type: "fragment-opened" })).toEqual([]);
    expectAbsent("carol's frames", carolSocket.frames, second.canary);

    // The real thing is accepted once and logged once.
    expect(await opened(carolSocket, t, first.fragment.id, carolFirst.deliveryId)).toEqual({ ok: true });
    expect(await opened(carolSocket, t, first.fragment.id, carolFirst.deliveryId)).toEqual({ ok: true });
    const final = await logOf(alice, t);
    expect(entries(final, { type: "fragment-opened" }).map((e) => e.subject?.id)).toEqual([carol.account.id]);
  });
});

describe("delivery receipts", () => {
  it("a forged ack does not log `fragment-delivered`; a client that never acks leaves `fragment-sent` alone", async () => {
    const t = world.table.id;
    // Bob's client answers every delivery with a receipt for something else.
    const forger = await connect(bob.client, { ack: false });
    const silent = await pool.connect(carol, { ack: false });
    try {
      const forged: unknown[] = [{ deliveryId: randomUUID() }, { deliveryId: "not-an-id" }, "ok", null, 42, {}];
      let n = 0;
      forger.socket.on("fragment:deliver", (payload, ack) => {
        const answer = n < forged.length ? forged[n] : { deliveryId: payload.deliveryId, extra: true };
        n += 1;
        (ack as (a: unknown) => void)(answer);
      });
      expect(await forger.openTable(t)).toEqual({ ok: true });
      expect(await silent.openTable(t)).toEqual({ ok: true });
      const released = [];
      for (let i = 0; i < forged.length + 1; i += 1) released.push(await releaseCanary(alice, world.table, [bob.account.id, carol.account.id]));
      await eventually("bob's socket got every delivery", () => forger.deliveries.length >= released.length);
      await eventually("carol's socket got every delivery", () => silent.deliveries.length >= released.length);
      await roundTrip(forger); // the server has handled every forged ack
      await settle();
      const log = await logOf(alice, t);
      for (const { fragment } of released) {
        const types = entries(log, { fragmentId: fragment.id }).map((e) => `${e.type}:${e.subject?.id ?? ""}`);
        expect(types.filter((x) => x.startsWith("fragment-sent")).sort()).toEqual(
          [`fragment-sent:${bob.account.id}`, `fragment-sent:${carol.account.id}`].sort(),
        );
        expect(types.filter((x) => x.startsWith("fragment-delivered"))).toEqual([]);
      }
    } finally {
      forger.close();
    }
    await stillServing();
  });
});
