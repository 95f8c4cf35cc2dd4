// Invariant 4 for removal: the moment the chair removes someone, every socket they
// have at the table is told and dropped, nothing released afterwards reaches them,
// REST refuses them, and the log says so. A release racing the removal is ordered by
// the table lock: it either reached them before the removal, or not at all.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PROTOCOL_VERSION } from "../../shared/protocol.js";
import type { AuthoredFragmentView, DraftView, TableListItem } from "../../shared/types.js";
import { buildMember, buildWorld, canary, join, releaseCanary, type Member, type World } from "../support/factories.js";
import { eventually, settle } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import {
  entries,
  errorLines,
  eventNames,
  expectAbsent,
  expectApiError,
  fieldPaths,
  logOf,
  logQuiet,
  SocketPool,
} from "../support/adversary.js";

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

describe("removing a participant", () => {
  it("ends access on every socket at once, refuses REST and re-opening, and logs `removed`", async () => {
    const t = world.table.id;
    // Bob on two devices, plus a third socket that never opened the table.
    const bobLaptop = await pool.online(bob, t);
    const bobPhone = await pool.online(bob, t);
    const bobIdle = await pool.connect(bob);
    const carolSocket = await pool.online(carol, t);

    const before = await releaseCanary(alice, world.table, [bob.account.id, carol.account.id]);
    const first = await eventually("bob's laptop receives the first fragment", () => bobLaptop.deliveries[0]);
    await eventually("bob's phone receives it too", () => bobPhone.deliveries[0]);
    // Both receipts are logged before the removal, so the log after `removed` is exactly the removal's.
    await logQuiet(world.chair, t, pool);

    const removal = await world.chair.client.delete(`/api/tables/${t}/participants/${bob.account.id}`);
    expect(removal.status).toBe(204);

    for (const [name, s] of [["laptop", bobLaptop], ["phone", bobPhone]] as const) {
      const ended = await eventually(`bob's ${name} is told at once`, () => s.events.find((e) => e.name === "table:access-ended"), 2000);
      expect(ended.payload).toEqual({ v: PROTOCOL_VERSION, tableId: t, refusal: "removed" });
    }
    expect(eventNames(bobIdle)).toEqual([]); // it never was at the table

    // A release after the removal: Bob cannot be named, and what goes to Carol never reaches Bob.
    const secret = canary();
    const draft = await alice.client.ok<DraftView>("POST", `/api/tables/${t}/drafts`, { title: "After", body: `After removal ${secret}` });
    const namingBob = await alice.client.post(`/api/tables/${t}/drafts/${draft.id}/release`, {
      recipients: [bob.account.id],
      category: "social-financial",
      kind: "fact",
      personsConcerned: [world.table.personsConcerned[0]?.id],
      purpose: "integrity",
      justification: "Needed.",
    });
    expectApiError(namingBob, 400, "invalid-input");
    expect(fieldPaths(namingBob)).toEqual(["recipients.0"]);
    const after = await releaseCanary(alice, world.table, [carol.account.id]);
    await eventually("carol receives the later fragment", () => carolSocket.deliveries.find((d) => d.fragment.id === after.fragment.id));

    await settle();
    for (const s of [bobLaptop, bobPhone, bobIdle]) {
      expectAbsent("bob's frames", s.frames, after.canary);
      expectAbsent("bob's frames", s.frames, secret);
      expectAbsent("bob's frames", s.frames, after.fragment.id);
      // Left the room with the removal: no change notices after `table:access-ended`.
      const names = eventNames(s);
      expect(names.slice(names.indexOf("table:access-ended") + 1)).toEqual([]);
    }

    // REST: every table route is refused now, including the fragment he had received.
    for (const path of [
      `/api/tables/${t}`,
      `/api/tables/${t}/log`,
      `/api/tables/${t}/drafts`,
      `/api/tables/${t}/declines`,
      `/api/tables/${t}/fragments/released`,
      `/api/tables/${t}/fragments/${before.fragment.id}`,
      `/api/tables/${t}/fragments/${after.fragment.id}`,
    ]) {
      expectApiError(await bob.client.get(path), 403, "forbidden");
    }
    expect(await bob.client.ok<TableListItem[]>("GET", "/api/tables")).toEqual([]);
    expectAbsent("bob's responses", bob.client.received, after.canary);

    // Re-opening the table on the socket, from any socket, is refused.
    for (const s of [bobLaptop, bobIdle]) {
      expect(await s.openTable(t)).toMatchObject({ ok: false, refusal: "not-a-participant" });
    }
    // Opening the first fragment he had received is refused and not logged.
    const opened = await bobLaptop.socket
      .timeout(5000)
      .emitWithAck("fragment:opened", { v: PROTOCOL_VERSION, tableId: t, fragmentId: before.fragment.id, deliveryId: first.deliveryId });
    expect(opened.ok).toBe(false);

    const log = await logOf(world.chair, t);
    const removed = entries(log, { type: "removed", subject: bob.account.id });
    expect(removed).toHaveLength(1);
    expect(removed[0]?.actor?.id).toBe(world.chair.account.id);
    const removedAt = removed[0]?.seq ?? -1;
    // The removal ends his releases in the log, right after `removed`; nothing else follows.
    const laterForBob = log.entries.filter((e) => e.seq > removedAt && e.subject?.id === bob.account.id && e.type.startsWith("fragment-"));
    expect(laterForBob.map((e) => [e.type, e.fragmentId, e.because, e.alreadyDelivered, e.seq])).toEqual([
      ["fragment-revoked", before.fragment.id, "removed", true, removedAt + 1],
    ]);
    // The author still sees that Bob had the first fragment (already-delivered copies are recorded).
    const mine = await alice.client.ok<AuthoredFragmentView[]>("GET", `/api/tables/${t}/fragments/released`);
    const row = mine.find((f) => f.id === before.fragment.id)?.recipients.find((r) => r.recipient.id === bob.account.id);
    expect(row?.sentAt).toBeDefined();
    expect(row?.revokedAt).toBeDefined();
    expectAbsent("server log lines", server.lines, after.canary);
  });

  it("invited again after the removal, the person gets back nothing that was released to them before", async () => {
    const t = world.table.id;
    // Bob was removed above; the fragments released to him then are still in the table.
    const log = await logOf(world.chair, t);
    const oldToBob = entries(log, { type: "fragment-released" }).filter((e) => e.recipients?.some((r) => r.id === bob.account.id));
    expect(oldToBob.length).toBeGreaterThan(0);

    await join(world.chair, bob, t);
    const s = await pool.online(bob, t);
    for (const e of oldToBob) {
      expectApiError(await bob.client.get(`/api/tables/${t}/fragments/${e.fragmentId ?? ""}`), 404, "not-found");
    }
    // What the author releases to him now does reach him (the witness works).
    const fresh = await releaseCanary(alice, world.table, [bob.account.id]);
    await eventually("the new release arrives", () => s.deliveries.find((d) => d.fragment.id === fresh.fragment.id));
    await settle();
    expect(s.deliveries.map((d) => d.fragment.id)).toEqual([fresh.fragment.id]);
    const after = await logOf(world.chair, t);
    const rejoinedAt = after.entries.filter((e) => e.type === "joined" && e.actor?.id === bob.account.id).at(-1)?.seq ?? Infinity;
    const resent = after.entries.filter(
      (e) => e.seq > rejoinedAt && e.type === "fragment-sent" && e.subject?.id === bob.account.id && e.fragmentId !== fresh.fragment.id,
    );
    expect(resent).toEqual([]);
    // The chair removes him again, for the tests below, once his receipt is in the log.
    await logQuiet(world.chair, t, pool);
    await world.chair.client.ok("DELETE", `/api/tables/${t}/participants/${bob.account.id}`);
  });

  it("only the chair removes, never themself; a refused removal changes nothing", async () => {
    const t = world.table.id;
    const before = await logQuiet(world.chair, t, pool);
    expectApiError(await carol.client.delete(`/api/tables/${t}/participants/${alice.account.id}`), 403, "forbidden");
    expectApiError(await carol.client.delete(`/api/tables/${t}/participants/${world.chair.account.id}`), 403, "forbidden");
    expectApiError(await carol.client.post(`/api/tables/${t}/participants`, { accountId: bob.account.id }), 403, "forbidden");
    expectApiError(await world.chair.client.delete(`/api/tables/${t}/participants/${world.chair.account.id}`), 409, "conflict");
    expectApiError(await world.chair.client.delete(`/api/tables/${t}/participants/${bob.account.id}`), 409, "conflict"); // already removed
    expect((await logOf(world.chair, t)).size).toBe(before.size);
    expect((await alice.client.get(`/api/tables/${t}`)).status).toBe(200);
  });

  it("a release racing the removal reaches the removed person before the removal or not at all", async () => {
    const t = world.table.id;
    const victim = await buildMember(server, world.admin, { name: "Racer" });
    for (let round = 0; round < 4; round += 1) {
      await join(world.chair, victim, t); // removed people may be invited again
      const roundStart = (await logOf(world.chair, t)).size;
      const s = await pool.online(victim, t);
      const secret = canary();
      const draft = await alice.client.ok<DraftView>("POST", `/api/tables/${t}/drafts`, { title: "Race", body: `Race ${secret}` });
      const [released, removed] = await Promise.all([
        alice.client.post<AuthoredFragmentView>(`/api/tables/${t}/drafts/${draft.id}/release`, {
          recipients: [victim.account.id, carol.account.id],
          category: "risk-assessment",
          kind: "assessment",
          personsConcerned: [world.table.personsConcerned[1]?.id],
          purpose: "integrity",
          justification: "Race.",
        }),
        world.chair.client.delete(`/api/tables/${t}/participants/${victim.account.id}`),
      ]);
      expect(removed.status).toBe(204);
      expect([201, 400]).toContain(released.status);
      await eventually("the victim is told", () => eventNames(s).includes("table:access-ended"));
      await settle(150);

      const log = await logOf(world.chair, t);
      const thisRound = log.entries.filter((e) => e.seq >= roundStart && e.subject?.id === victim.account.id);
      const removedSeq = thisRound.find((e) => e.type === "removed")?.seq ?? -1;
      expect(removedSeq).toBeGreaterThan(0);
      // Nothing at all was sent to the victim after the removal.
      for (const e of thisRound.filter((x) => x.type === "fragment-sent")) expect(e.seq).toBeLessThan(removedSeq);
      const names = eventNames(s);
      expect(names.slice(names.indexOf("table:access-ended") + 1)).not.toContain("fragment:deliver");
      // The race's own fragment reached the socket exactly when the log says it was sent.
      const fragmentId = released.status === 201 ? (released.body as AuthoredFragmentView).id : "none";
      const sentRace = thisRound.filter((e) => e.type === "fragment-sent" && e.fragmentId === fragmentId);
      expect(s.frames.join("\n").includes(secret)).toBe(sentRace.length > 0);
      // Whatever happened, REST refuses the victim now.
      if (released.status === 201) expect((await victim.client.get(`/api/tables/${t}/fragments/${fragmentId}`)).status).toBe(403);
      expectAbsent("server log lines", server.lines, secret);
      s.close();
    }
  });

  it("a table:open racing the removal never leaves the removed socket at the table", async () => {
    const t = world.table.id;
    const racer = await buildMember(server, world.admin, { name: "Opener" });
    // Carol stays at the table: she hears of each round's decline, proving the notice went out.
    const witness = await pool.online(carol, t);
    const declineNotices = () =>
      witness.events.filter((e) => e.name === "table:changed" && (e.payload as { topics: string[] }).topics.includes("declines")).length;
    for (let round = 0; round < 4; round += 1) {
      await join(world.chair, racer, t); // removed people may be invited again
      const s = await pool.connect(racer);
      const [reply, removal] = await Promise.all([s.openTable(t), world.chair.client.delete(`/api/tables/${t}/participants/${racer.account.id}`)]);
      expect(removal.status).toBe(204);
      if (reply.ok) await eventually("an opened socket is told of the removal", () => eventNames(s).includes("table:access-ended"));
      else expect(reply).toMatchObject({ refusal: "not-a-participant" });
      const seen = s.events.length;
      const heard = declineNotices();
      await world.chair.client.ok("POST", `/api/tables/${t}/declines`, { question: `Round ${round}?` });
      await eventually("carol hears of the decline", () => declineNotices() > heard);
      await settle(150);
      expect(s.events.slice(seen)).toEqual([]); // not in the room: no change notices
      s.close();
    }
  });
});
