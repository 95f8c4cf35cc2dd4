// "The administrator can read no table": every table route is refused to the platform
// administrator, the realtime connection is refused, the list of tables is empty and
// no administrator can be brought to a table. Nothing they receive carries a canary,
// the case code or a pseudonym.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountView, DraftView, PersonView, SessionView } from "../../shared/types.js";
import type { ApiClient } from "../support/api.js";
import { buildWorld, releaseCanary, type Member, type World } from "../support/factories.js";
import { connect, eventually } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { entries, errorLines, expectAbsent, expectApiError, logOf, logQuiet, SocketPool } from "../support/adversary.js";

let server: TestServer;
let world: World;
let admin: ApiClient;
let adminAccount: AccountView;
let alice: Member;
let bob: Member;
let canary: string;
let fragmentId: string;
let draftId: string;
const pool = new SocketPool();

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 2);
  admin = world.admin;
  adminAccount = (await admin.ok<SessionView>("GET", "/api/auth/session")).account;
  [alice, bob] = world.members as [Member, Member];
  const bobSocket = await pool.online(bob, world.table.id);
  const released = await releaseCanary(alice, world.table, [bob.account.id]);
  canary = released.canary;
  fragmentId = released.fragment.id;
  await eventually("bob receives the fragment", () => bobSocket.deliveries[0]);
  // Bob's receipt is logged when his ack arrives: let it land before any test reads the log.
  await logQuiet(world.chair, world.table.id, pool);
  draftId = (await alice.client.ok<DraftView>("POST", `/api/tables/${world.table.id}/drafts`, { title: "Note", body: `Draft ${canary}` })).id;
});

afterAll(async () => {
  pool.closeAll();
  expect(errorLines(server)).toEqual([]);
  await server.stop();
  await removeDir(server.dataDir);
});

function tableRoutes(tableId: string): [string, string, unknown?][] {
  const t = `/api/tables/${tableId}`;
  const release = {
    recipients: [bob.account.id],
    category: "social-financial",
    kind: "fact",
    personsConcerned: [world.table.personsConcerned[0]?.id],
    purpose: "integrity",
    justification: "x",
  };
  return [
    ["GET", t],
    ["GET", `${t}/invitation`],
    ["POST", `${t}/accept`, { confidentialityAccepted: true }],
    ["GET", `${t}/candidates`],
    ["POST", `${t}/participants`, { accountId: adminAccount.id }],
    ["DELETE", `${t}/participants/${bob.account.id}`],
    ["GET", `${t}/drafts`],
    ["POST", `${t}/drafts`, { title: "a", body: "b" }],
    ["PUT", `${t}/drafts/${draftId}`, { title: "a", body: "b" }],
    ["DELETE", `${t}/drafts/${draftId}`],
    ["POST", `${t}/drafts/${draftId}/release`, release],
    ["GET", `${t}/fragments/released`],
    ["GET", `${t}/fragments/${fragmentId}`],
    ["POST", `${t}/fragments/${fragmentId}/revoke`, {}],
    ["GET", `${t}/declines`],
    ["POST", `${t}/declines`, { question: "q?" }],
    ["GET", `${t}/log`],
  ];
}

describe("the platform administrator", () => {
  it("is refused every table route (the real table and an unknown id alike) and changes nothing", async () => {
    const logBefore = await logQuiet(world.chair, world.table.id, pool);
    for (const tableId of [world.table.id, randomUUID()]) {
      for (const [method, path, body] of tableRoutes(tableId)) {
        const reply = await admin.request(method, path, body);
        expect([403, 404], `${method} ${path} → ${reply.status}`).toContain(reply.status);
        expectApiError(reply, reply.status, reply.status === 403 ? "forbidden" : "not-found");
      }
    }
    // A real table and an unknown id answer alike: the administrator learns not even which tables exist.
    const real = await admin.get(`/api/tables/${world.table.id}`);
    const unknown = await admin.get(`/api/tables/${randomUUID()}`);
    expect([real.status, real.body]).toEqual([unknown.status, unknown.body]);

    const logAfter = await logOf(world.chair, world.table.id);
    expect(logAfter.size).toBe(logBefore.size);
    expect((await bob.client.get(`/api/tables/${world.table.id}/fragments/${fragmentId}`)).status).toBe(200);
    expect((await alice.client.ok<DraftView[]>("GET", `/api/tables/${world.table.id}/drafts`)).map((d) => d.id)).toContain(draftId);
  });

  it("sees an empty list of tables and cannot open one", async () => {
    expect(await admin.ok("GET", "/api/tables")).toEqual([]);
    expectApiError(
      await admin.post("/api/tables", {
        caseCode: "ADMIN-1",
        purpose: "integrity",
        purposeDetail: "x",
        personsConcerned: [{ pseudonym: "P" }],
        confidentialityAccepted: true,
      }),
      403,
      "forbidden",
    );
  });

  it("gets no realtime connection", async () => {
    const err = await connect(admin).then(
      (s) => {
        s.close();
        return null;
      },
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(Error);
    // Refused for the role, by the server (a valid session, an allowed Origin).
    expect(err?.message).toMatch(/realtime access/);
  });

  it("cannot be invited by a chair, and is not offered as a candidate", async () => {
    const candidates = await world.chair.client.ok<PersonView[]>("GET", `/api/tables/${world.table.id}/candidates`);
    expect(candidates.map((c) => c.id)).not.toContain(adminAccount.id);
    expectApiError(await world.chair.client.post(`/api/tables/${world.table.id}/participants`, { accountId: adminAccount.id }), 409, "conflict");
    const log = await logOf(world.chair, world.table.id);
    expect(entries(log, { type: "invited", subject: adminAccount.id })).toEqual([]);
  });

  it("never received a canary, the case code or a pseudonym in anything", async () => {
    // The administration routes it may use carry no table data either.
    await admin.ok("GET", "/api/admin/accounts");
    await admin.ok("GET", "/api/admin/organisations");
    expectAbsent("the administrator's responses", admin.received, canary);
    expectAbsent("the administrator's responses", admin.received, world.table.caseCode);
    for (const p of world.table.personsConcerned) expectAbsent("the administrator's responses", admin.received, `"${p.pseudonym}"`);
    expectAbsent("server log lines", server.lines, canary);
  });
});
