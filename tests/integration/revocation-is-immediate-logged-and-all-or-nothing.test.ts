// Invariant 4 for revocation: the author revokes for one recipient or for all; their
// sockets are told at once, a later `table:open` no longer re-delivers it, REST refuses
// it, and the log records for each recipient whether content had already been sent.
// A revocation naming anyone who is not a current recipient revokes nothing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PROTOCOL_VERSION } from "../../shared/protocol.js";
import type { AuthoredFragmentView } from "../../shared/types.js";
import { buildWorld, releaseCanary, type Member, type World } from "../support/factories.js";
import { eventually, settle } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { entries, errorLines, eventNames, expectAbsent, expectApiError, fieldPaths, logOf, logQuiet, SocketPool } from "../support/adversary.js";

let server: TestServer;
let world: World;
let alice: Member;
let bob: Member;
let carol: Member;
let dave: Member;
const pool = new SocketPool();

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 4);
  [alice, bob, carol, dave] = world.members as [Member, Member, Member, Member];
});

afterEach(() => pool.closeAll());

afterAll(async () => {
  expect(errorLines(server)).toEqual([]);
  await server.stop();
  await removeDir(server.dataDir);
});

const revokedEvent = (tableId: string, fragmentId: string) => ({ name: "fragment:revoked", payload: { v: PROTOCOL_VERSION, tableId, fragmentId } });

describe("revoking a release", () => {
  it("for one recipient, then for all: told at once, not re-delivered, refused on REST, logged with alreadyDelivered", async () => {
    const t = world.table.id;
    const bobSocket = await pool.online(bob, t);
    const carolSocket = await pool.online(carol, t);
    // Dave is a recipient who is offline throughout: content never reaches him.
    const { fragment, canary } = await releaseCanary(alice, world.table, [bob.account.id, carol.account.id, dave.account.id]);
    const bobDelivery = await eventually("bob receives it", () => bobSocket.deliveries[0]);
    await eventually("carol receives it", () => carolSocket.deliveries[0]);

    // Revoke for Bob only.
    const one = await alice.client.post<AuthoredFragmentView>(`/api/tables/${t}/fragments/${fragment.id}/revoke`, { recipients: [bob.account.id] });
    expect(one.status).toBe(200);
    await eventually("bob is told at once", () => bobSocket.events.find((e) => e.name === "fragment:revoked"), 2000);
    expect(bobSocket.events.filter((e) => e.name === "fragment:revoked")).toEqual([revokedEvent(t, fragment.id)]);
    await settle(150);
    expect(eventNames(carolSocket)).not.toContain("fragment:revoked");

    // A later table:open re-delivers it to Carol but not to Bob.
    const bobAgain = await pool.online(bob, t);
    const carolAgain = await pool.online(carol, t);
    await eventually("carol gets it re-delivered", () => carolAgain.deliveries.find((d) => d.fragment.id === fragment.id));
    await settle();
    expect(bobAgain.deliveries).toEqual([]);
    expectAbsent("bob's new socket", bobAgain.frames, canary);
    expectApiError(await bob.client.get(`/api/tables/${t}/fragments/${fragment.id}`), 404, "not-found");
    // Opening the copy he had is refused and not logged.
    const opened = await bobSocket.socket
      .timeout(5000)
      .emitWithAck("fragment:opened", { v: PROTOCOL_VERSION, tableId: t, fragmentId: fragment.id, deliveryId: bobDelivery.deliveryId });
    expect(opened.ok).toBe(false);

    // Revoke for everyone left (a request without a body): Carol (had it) and Dave (never had it).
    const all = await alice.client.request<AuthoredFragmentView>("POST", `/api/tables/${t}/fragments/${fragment.id}/revoke`);
    expect(all.status).toBe(200);
    for (const s of [carolSocket, carolAgain]) {
      await eventually("each of carol's sockets is told", () => s.events.find((e) => e.name === "fragment:revoked"), 2000);
    }
    expect(all.body.recipients.every((r) => r.revokedAt !== undefined)).toBe(true);

    const log = await logOf(alice, t);
    const revoked = entries(log, { type: "fragment-revoked", fragmentId: fragment.id }).map((e) => [e.subject?.id, e.alreadyDelivered]);
    expect(revoked).toEqual([
      [bob.account.id, true],
      [carol.account.id, true],
      [dave.account.id, false],
    ]);
    expect(entries(log, { type: "fragment-opened", fragmentId: fragment.id })).toEqual([]);

    // Dave comes online afterwards: nothing, on the socket or over REST.
    const daveSocket = await pool.online(dave, t);
    expectApiError(await dave.client.get(`/api/tables/${t}/fragments/${fragment.id}`), 404, "not-found");
    expectApiError(await carol.client.get(`/api/tables/${t}/fragments/${fragment.id}`), 404, "not-found");
    await settle();
    expect(daveSocket.deliveries).toEqual([]);
    expectAbsent("dave's frames", daveSocket.frames, canary);
    expectAbsent("dave's responses", dave.client.received, canary);
    const after = await logOf(alice, t);
    expect(entries(after, { type: "fragment-sent", fragmentId: fragment.id }).map((e) => e.subject?.id)).not.toContain(dave.account.id);
    expectAbsent("server log lines", server.lines, canary);

    // Revoking again: nothing left to revoke.
    expectApiError(await alice.client.post(`/api/tables/${t}/fragments/${fragment.id}/revoke`, {}), 409, "conflict");
  });

  it("naming someone who is not a current recipient is a 400 that revokes nothing", async () => {
    const t = world.table.id;
    const bobSocket = await pool.online(bob, t);
    const { fragment } = await releaseCanary(alice, world.table, [bob.account.id, carol.account.id]);
    await eventually("bob receives it", () => bobSocket.deliveries[0]);
    // Bob's receipt is logged after his ack arrives: wait for it, so the log is quiet.
    const logBefore = await logQuiet(alice, t, pool);
    expect(entries(logBefore, { type: "fragment-delivered", fragmentId: fragment.id })).toHaveLength(1);

    const attempts: { recipients: string[]; path: string }[] = [
      { recipients: [bob.account.id, dave.account.id], path: "recipients.1" }, // at the table, not a recipient
      { recipients: [world.chair.account.id], path: "recipients.0" },
      { recipients: [carol.account.id, alice.account.id], path: "recipients.1" }, // the author herself
      { recipients: [bob.account.id, "00000000-0000-4000-8000-000000000000"], path: "recipients.1" },
      { recipients: [bob.account.id, bob.account.id], path: "recipients.1" }, // the same person twice
    ];
    for (const a of attempts) {
      const reply = await alice.client.post(`/api/tables/${t}/fragments/${fragment.id}/revoke`, { recipients: a.recipients });
      expectApiError(reply, 400, "invalid-input");
      expect(fieldPaths(reply), JSON.stringify(a.recipients)).toContain(a.path);
    }
    // A body the server did not read as JSON is not "no body" (which would mean everyone).
    for (const type of ["text/plain", "application/x-www-form-urlencoded"]) {
      const unread = await alice.client.request("POST", `/api/tables/${t}/fragments/${fragment.id}/revoke`, JSON.stringify({ recipients: [bob.account.id] }), {
        "content-type": type,
      });
      expectApiError(unread, 400, "invalid-input");
    }
    const logAfter = await logOf(alice, t);
    expect(logAfter.size).toBe(logBefore.size);
    expect(entries(logAfter, { type: "fragment-revoked", fragmentId: fragment.id })).toEqual([]);
    await settle(150);
    expect(eventNames(bobSocket)).not.toContain("fragment:revoked");
    // Bob and Carol still have it.
    expect((await bob.client.get(`/api/tables/${t}/fragments/${fragment.id}`)).status).toBe(200);
    expect((await carol.client.get(`/api/tables/${t}/fragments/${fragment.id}`)).status).toBe(200);
  });

  it("only the author revokes; others get 403, strangers' ids 404, and nothing changes", async () => {
    const t = world.table.id;
    const { fragment } = await releaseCanary(alice, world.table, [bob.account.id]);
    const logBefore = await logQuiet(alice, t, pool);
    expectApiError(await bob.client.post(`/api/tables/${t}/fragments/${fragment.id}/revoke`, {}), 403, "forbidden");
    expectApiError(await world.chair.client.post(`/api/tables/${t}/fragments/${fragment.id}/revoke`, { recipients: [bob.account.id] }), 403, "forbidden");
    expectApiError(await alice.client.post(`/api/tables/${t}/fragments/00000000-0000-4000-8000-000000000000/revoke`, {}), 404, "not-found");
    expect((await logOf(alice, t)).size).toBe(logBefore.size);
    expect((await bob.client.get(`/api/tables/${t}/fragments/${fragment.id}`)).status).toBe(200);
  });
});
