// The server log (pino JSON lines, captured exactly as production writes them) says who
// did what — request id, account, session id, route pattern, status, time; sign-in,
// sign-out, sessions ended, origin refused, forbidden, refused realtime requests — and
// never what was said:
// canaries planted in drafts, released fragments, the board and a notebook (Yjs), an
// agreement, a decline, a referral's description, and in passwords (right, wrong, and typed into the username
// field) appear in no line; neither does a session token or a query string.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgreementBody } from "../../shared/schemas.js";
import { boardDocName, notebookDocName } from "../../shared/collab.js";
import type { DraftView, OrganisationView } from "../../shared/types.js";
import { parseLogLine, type LogRecord } from "../../server/logger.js";
import { ApiClient } from "../support/api.js";
import { buildWorld, canary, PASSWORD, releaseCanary, type Member, type World } from "../support/factories.js";
import { CollabPool } from "../support/collab.js";
import { buildPartnership, referCase } from "../support/lifecycle.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { errorLines, expectAbsent, logEvents, SocketPool } from "../support/adversary.js";
import { eventually } from "../support/realtime.js";

const EVIL = "https://evil.example";
let server: TestServer;
let world: World;
let alice: Member;
let bob: Member;
const planted: string[] = [];
const sockets = new SocketPool();
const collab = new CollabPool();

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 2);
  [alice, bob] = world.members as [Member, Member];
});

afterAll(async () => {
  sockets.closeAll();
  await collab.closeAll();
  expect(errorLines(server)).toEqual([]);
  await server.stop();
  await removeDir(server.dataDir);
});

function records(): LogRecord[] {
  return server.lines.map((l) => {
    const r = parseLogLine(l);
    if (!r) throw new Error(`a log line is not JSON: ${l.slice(0, 200)}`);
    return r;
  });
}

function plant(): string {
  const c = canary();
  planted.push(c);
  return c;
}

describe("content never reaches a log line", () => {
  it("drafts, fragments, declines, the board, a notebook and an agreement carry canaries the log never sees", async () => {
    const t = world.table.id;
    const draftSecret = plant();
    const draft = await alice.client.ok<DraftView>("POST", `/api/tables/${t}/drafts`, { title: `T ${draftSecret}`, body: `B ${draftSecret}` });
    await alice.client.ok("PUT", `/api/tables/${t}/drafts/${draft.id}`, { title: `T2 ${draftSecret}`, body: `B2 ${plant()}` });

    const bobSocket = await sockets.online(bob, t);
    const released = await releaseCanary(alice, world.table, [bob.account.id]);
    planted.push(released.canary);
    await eventually("bob receives the fragment", () => bobSocket.deliveries.some((d) => d.fragment.id === released.fragment.id));
    await bob.client.ok("GET", `/api/tables/${t}/fragments/${released.fragment.id}`);

    await alice.client.ok("POST", `/api/tables/${t}/declines`, { question: `Q ${plant()}` });

    const board = await collab.synced(alice.client, boardDocName(t));
    board.doc.getText("minutes").insert(0, `board ${plant()}`);
    await board.ack();
    const notebook = await collab.synced(alice.client, notebookDocName(t, alice.account.id));
    notebook.doc.getText("notes").insert(0, `notebook ${plant()}`);
    await notebook.ack();

    const orgs = await alice.client.ok<OrganisationView[]>("GET", "/api/organisations");
    const mine = orgs.find((o) => o.id === alice.account.organisation.id);
    if (!mine) throw new Error("alice's organisation is not listed");
    const agreementSecret = plant();
    const body: AgreementBody = {
      title: `Charter ${agreementSecret}`,
      legalBasis: { kind: "procureur-permission", reference: `PG ${plant()}`, date: "2026-02-01" },
      purpose: "integrity",
      members: [{ organisationId: mine.id, role: `partner ${plant()}` }],
      categories: [{ key: "risk-assessment", label: `Risk ${plant()}`, article: "4.3", retentionDays: 365 }],
      matrix: [{ category: "risk-assessment", sector: "care", allowed: true }],
      minutesRules: `Minutes ${plant()}`,
      reviewDate: "2027-06-30",
    };
    await alice.client.ok("POST", "/api/agreements", body);

    for (const c of planted) expectAbsent("server log lines", server.lines, c);
  });

  it("passwords — right, wrong, and typed into the username field — and session tokens never reach a line", async () => {
    const wrong = plant();
    const stranger = new ApiClient(server);
    expect((await stranger.post("/api/auth/login", { username: alice.username, password: `wrong ${wrong}` })).status).toBe(401);
    // People type their password into the username field; the log does not keep usernames of failures.
    const typedAsName = `pw${Date.now()}`;
    expect((await stranger.post("/api/auth/login", { username: typedAsName, password: PASSWORD })).status).toBe(401);
    const second = new ApiClient(server);
    await second.signIn(alice.username, PASSWORD);
    await second.get("/api/auth/session");

    expectAbsent("server log lines", server.lines, wrong);
    expectAbsent("server log lines", server.lines, typedAsName);
    expectAbsent("server log lines", server.lines, PASSWORD);
    for (const client of [second, alice.client, bob.client, world.chair.client, world.admin]) {
      const token = client.cookie?.split("=")[1];
      expect(token && token.length > 20, "the client holds a session token").toBe(true);
      expectAbsent("server log lines", server.lines, token ?? "");
    }
  });

  it("query strings are not logged; the route pattern is", async () => {
    const marker = `q${Date.now()}`;
    await alice.client.get(`/api/tables/${world.table.id}/log/entries?start=0&end=0&${marker}=1`);
    expectAbsent("server log lines", server.lines, marker);
    const line = records().find((r) => r.event === "request" && r.route === "/api/tables/:tableId/log/entries");
    expect(line).toBeDefined();
  });
});

describe("every line is attributed", () => {
  it("request lines carry the request id, account, session id, method, route pattern, status and time", async () => {
    const reply = await alice.client.request("POST", `/api/tables/${world.table.id}/drafts`, { title: "Attributed", body: "x" });
    expect(reply.status).toBe(201);
    const sessionIds = server.tafel.ctx.store.global.data.sessions.filter((s) => s.accountId === alice.account.id).map((s) => s.id);
    const line = records()
      .filter((r) => r.event === "request" && r.accountId === alice.account.id && r.route === "/api/tables/:tableId/drafts" && r.method === "POST")
      .at(-1);
    expect(line).toMatchObject({ level: "info", status: 201, ip: expect.any(String) });
    expect(line?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sessionIds).toContain(line?.sessionId);
    expect(typeof line?.ms).toBe("number");
    // Ids in the path are replaced by their names: the table id is not in the route.
    expect(String(line?.route)).not.toContain(world.table.id);
    // Requests without a session are attributed to nobody, not left out.
    await new ApiClient(server).get("/api/auth/session");
    expect(records().some((r) => r.event === "request" && r.route === "/api/auth/session" && r.status === 401 && r.accountId === null)).toBe(true);
  });

  it("security events: signed in, sign-in failed, signed out, sessions ended, origin refused, forbidden", async () => {
    const person = new ApiClient(server);
    await person.signIn(bob.username, PASSWORD);
    const signedIn = logEvents(server, "signed-in").filter((e) => e.accountId === bob.account.id).at(-1);
    expect(signedIn?.sessionId).toEqual(expect.any(String));
    expect(signedIn?.requestId).toEqual(expect.any(String));

    expect((await new ApiClient(server).post("/api/auth/login", { username: bob.username, password: "not the password at all" })).status).toBe(401);
    expect(logEvents(server, "sign-in-failed").at(-1)).toMatchObject({ level: "warn", route: "/api/auth/login" });

    await person.post("/api/auth/logout");
    expect(logEvents(server, "signed-out").at(-1)).toMatchObject({ accountId: bob.account.id, sessionId: signedIn?.sessionId });

    const other = new ApiClient(server);
    await other.signIn(bob.username, PASSWORD);
    await world.admin.ok("POST", `/api/admin/accounts/${bob.account.id}/end-sessions`);
    expect(logEvents(server, "sessions-ended").at(-1)).toMatchObject({ subjectId: bob.account.id, ended: expect.any(Number) });
    await bob.client.signIn(bob.username, PASSWORD);

    const evil = new ApiClient(server, { origin: EVIL });
    evil.cookie = alice.client.cookie;
    expect((await evil.post(`/api/tables/${world.table.id}/drafts`, { title: "x", body: "y" })).status).toBe(403);
    expect(logEvents(server, "origin-refused").at(-1)).toMatchObject({ channel: "rest", origin: EVIL, level: "warn" });

    // The administrator cannot read a table: refused, and the refusal is an event.
    const refused = await world.admin.get(`/api/tables/${world.table.id}`);
    expect(refused.status).toBe(403);
    expect(logEvents(server, "forbidden").at(-1)).toMatchObject({ accountId: expect.any(String), route: "/api/tables/:tableId" });

    // A refused realtime request is an event too, attributed, without its payload.
    const socket = await sockets.connect(alice);
    const elsewhere = randomUUID();
    expect(await socket.openTable(elsewhere)).toMatchObject({ ok: false, refusal: "not-a-participant" });
    expect(logEvents(server, "realtime-refused").at(-1)).toMatchObject({ accountId: alice.account.id, action: "table:open", refusal: "not-a-participant", sessionId: expect.any(String) });
    expectAbsent("server log lines", server.lines, elsewhere);
  });
});

describe("referrals", () => {
  it("a referral's description is never in a line; the referral request is attributed", async () => {
    const other = await startServer();
    try {
      const p = await buildPartnership(other, "Logs");
      const secret = canary();
      const mine = await referCase(p, `A family; ${secret}.`);
      await p.coordinator.client.ok("GET", `/api/tables/${p.triage.id}/referrals`);
      await p.referrer.client.ok("GET", "/api/referrals/mine");
      expectAbsent("server log lines", other.lines, secret);
      const line = other.lines
        .map((l) => parseLogLine(l))
        .find((r) => r?.event === "request" && r.route === "/api/referrals" && r.method === "POST" && r.accountId === p.referrer.account.id);
      expect(line).toMatchObject({ status: 201 });
      expect(mine.id).toEqual(expect.any(String));
    } finally {
      await other.stop();
      await removeDir(other.dataDir);
    }
  }, 240_000);
});
