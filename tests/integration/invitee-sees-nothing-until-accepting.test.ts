// An invited person who has not signed the confidentiality statement sees nothing of
// the case: not its code, not the pseudonyms, not the log, no fragment; cannot open the
// table on the socket, cannot be named as a recipient, receives nothing. Accepting is
// logged as `joined` and grants no fragment released before.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { InvitationView, TableListItem, TableView } from "../../shared/types.js";
import { buildMember, buildWorld, releaseCanary, type Member, type World } from "../support/factories.js";
import { eventually, settle } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { entries, errorLines, expectAbsent, expectApiError, fieldPaths, logOf, logQuiet, SocketPool } from "../support/adversary.js";

let server: TestServer;
let world: World;
let alice: Member;
let bob: Member;
let ivy: Member;
let stranger: Member;
const pool = new SocketPool();

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 2);
  [alice, bob] = world.members as [Member, Member];
  ivy = await buildMember(server, world.admin, { name: "Ivy Invited" });
  stranger = await buildMember(server, world.admin, { name: "Stranger" });
  await world.chair.client.ok("POST", `/api/tables/${world.table.id}/participants`, { accountId: ivy.account.id });
});

afterEach(() => pool.closeAll());

afterAll(async () => {
  expect(errorLines(server)).toEqual([]);
  await server.stop();
  await removeDir(server.dataDir);
});

/** Case data that must not reach an invitee: the case code, pseudonyms, purpose detail. */
function expectNoCaseData(witness: string, texts: readonly string[]): void {
  expectAbsent(witness, texts, world.table.caseCode);
  expectAbsent(witness, texts, world.table.purposeDetail);
  for (const p of world.table.personsConcerned) {
    expectAbsent(witness, texts, p.id);
    expectAbsent(witness, texts, `"${p.pseudonym}"`);
  }
}

describe("an invited person who has not accepted", () => {
  it("sees only who invited them and the statement; every case route is refused", async () => {
    const t = world.table.id;
    const { fragment, canary } = await releaseCanary(alice, world.table, [bob.account.id]);

    const list = await ivy.client.ok<TableListItem[]>("GET", "/api/tables");
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: t, state: "invited", invitedBy: { id: world.chair.account.id } });
    expect(Object.keys(list[0] ?? {}).sort()).toEqual(["id", "invitedAt", "invitedBy", "state"]);

    const invitation = await ivy.client.ok<InvitationView>("GET", `/api/tables/${t}/invitation`);
    // No agreement at this table: nothing but who invited them, the statement, and a flag about themselves.
    expect(Object.keys(invitation).sort()).toEqual(["adHocPartner", "invitedAt", "invitedBy", "statement", "tableId"]);
    expect(invitation.adHocPartner).toBe(false);

    for (const path of [
      `/api/tables/${t}`,
      `/api/tables/${t}/log`,
      `/api/tables/${t}/drafts`,
      `/api/tables/${t}/declines`,
      `/api/tables/${t}/candidates`,
      `/api/tables/${t}/fragments/released`,
      `/api/tables/${t}/fragments/${fragment.id}`,
    ]) {
      expectApiError(await ivy.client.get(path), 403, "forbidden");
    }
    expectApiError(await ivy.client.post(`/api/tables/${t}/drafts`, { title: "x", body: "y" }), 403, "forbidden");
    expectApiError(await ivy.client.post(`/api/tables/${t}/declines`, { question: "q?" }), 403, "forbidden");

    expectAbsent("ivy's responses", ivy.client.received, canary);
    expectNoCaseData("ivy's responses", ivy.client.received);
  });

  it("cannot open the table on the socket and receives nothing released meanwhile", async () => {
    const t = world.table.id;
    const ivySocket = await pool.connect(ivy);
    const reply = await ivySocket.openTable(t);
    expect(reply).toMatchObject({ ok: false, refusal: "not-a-participant" });
    expect(reply.ok ? "" : reply.message).toMatch(/confidentiality statement/);

    const bobSocket = await pool.online(bob, t);
    const { canary } = await releaseCanary(alice, world.table, [bob.account.id]);
    await eventually("bob receives it", () => bobSocket.deliveries[0]);
    await settle();
    expect(ivySocket.events).toEqual([]); // not even a change notice
    expectAbsent("ivy's frames", ivySocket.frames, canary);
    expectNoCaseData("ivy's frames", ivySocket.frames);
  });

  it("cannot be named as a recipient: 400 on that field, nothing released", async () => {
    const t = world.table.id;
    // Bob's receipt from the test above may still be on its way into the log.
    const before = await logQuiet(alice, t, pool);
    const draft = await alice.client.ok<{ id: string }>("POST", `/api/tables/${t}/drafts`, { title: "To Ivy", body: "Not yet." });
    const reply = await alice.client.post(`/api/tables/${t}/drafts/${draft.id}/release`, {
      recipients: [bob.account.id, ivy.account.id],
      category: "youth-care",
      kind: "fact",
      personsConcerned: [world.table.personsConcerned[0]?.id],
      purpose: "integrity",
      justification: "x",
    });
    expectApiError(reply, 400, "invalid-input");
    expect(fieldPaths(reply)).toEqual(["recipients.1"]);
    expect((await logOf(alice, t)).size).toBe(before.size);
  });

  it("a stranger (never invited) cannot accept or read the invitation, and learns nothing about the table", async () => {
    const t = world.table.id;
    const accept = await stranger.client.post(`/api/tables/${t}/accept`, { confidentialityAccepted: true });
    expectApiError(accept, 404, "not-found");
    const unknown = await stranger.client.post(`/api/tables/${randomUUID()}/accept`, { confidentialityAccepted: true });
    expect(unknown.body).toEqual(accept.body);
    expectApiError(await stranger.client.get(`/api/tables/${t}/invitation`), 404, "not-found");
    expectNoCaseData("the stranger's responses", stranger.client.received);
  });

  it("accepting is logged as `joined` and gives access to the table but to no earlier fragment", async () => {
    const t = world.table.id;
    const earlier = await releaseCanary(alice, world.table, [bob.account.id]);
    expectApiError(await ivy.client.post(`/api/tables/${t}/accept`, {}), 400, "invalid-input"); // the statement must be accepted
    const table = await ivy.client.ok<TableView>("POST", `/api/tables/${t}/accept`, { confidentialityAccepted: true });
    expect(table.caseCode).toBe(world.table.caseCode);
    expect(table.me).toEqual({ id: ivy.account.id, role: "participant" });

    const log = await logOf(ivy, t);
    const joined = log.entries.filter((e) => e.type === "joined" && e.actor?.id === ivy.account.id);
    expect(joined).toHaveLength(1);
    expect(entries(log, { type: "invited", subject: ivy.account.id })).toHaveLength(1);

    expectApiError(await ivy.client.post(`/api/tables/${t}/accept`, { confidentialityAccepted: true }), 403, "forbidden");

    const s = await pool.online(ivy, t);
    // A re-delivery on opening would be sent before this read (both go through the table lock).
    expectApiError(await ivy.client.get(`/api/tables/${t}/fragments/${earlier.fragment.id}`), 404, "not-found");
    await settle();
    expect(s.deliveries).toEqual([]);
    expectAbsent("ivy's frames", s.frames, earlier.canary);
    expectAbsent("ivy's responses", ivy.client.received, earlier.canary);
  });
});
