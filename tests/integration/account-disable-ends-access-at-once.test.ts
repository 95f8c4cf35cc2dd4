// ASVS 7.4.2: an administrator disables an account and every session of it ends at
// once, on every channel (REST, socket.io, Yjs), sign-in is refused with a clear
// message — only to whoever knows the password — and no session can start for it, not
// even by racing the disable. The account stays a participant on record (the log
// reads as before) but receives nothing and can be named in no release while
// disabled. Enabling gives back access after a new sign-in. Each step is logged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boardDocName, COLLAB_CLOSE, notebookDocName } from "../../shared/collab.js";
import type { AdminAccountView, ApiError, CandidateView, DisabledAccountView, LogView, ReleaseCheckView, TableView } from "../../shared/types.js";
import { ApiClient } from "../support/api.js";
import { buildWorld, canary, buildMember, PASSWORD, releaseCanary, type Member, type World } from "../support/factories.js";
import { connect, eventually, settle } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { errorLines, expectAbsent, expectApiError, logEvents, logOf } from "../support/adversary.js";
import { CollabPool } from "../support/collab.js";
import { enrol, passwordStep } from "../support/secondFactor.js";

let server: TestServer;
let world: World;
let alice: Member;
let bob: Member;
const pool = new CollabPool();
let logBefore: LogView;

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 2);
  [alice, bob] = world.members as [Member, Member];
});

afterAll(async () => {
  await pool.closeAll();
  expect(errorLines(server)).toEqual([]);
  await server.stop();
  await removeDir(server.dataDir);
});

async function device(member: Member): Promise<ApiClient> {
  const c = new ApiClient(server);
  await c.signIn(member.username, PASSWORD);
  return c;
}

const disable = (id: string, by: ApiClient = world.admin) => by.request<DisabledAccountView | ApiError>("POST", `/api/admin/accounts/${id}/disable`);
const enable = (id: string, by: ApiClient = world.admin) => by.request<AdminAccountView | ApiError>("POST", `/api/admin/accounts/${id}/enable`);

describe("disabling an account", () => {
  it("ends every session, socket and Yjs connection of it at once, and no one else's", async () => {
    const t = world.table.id;
    const phone = await device(bob);
    const sockets = [await connect(bob.client), await connect(phone)];
    for (const s of sockets) expect(await s.openTable(t)).toMatchObject({ ok: true });
    const board = await pool.synced(bob.client, boardDocName(t));
    const notebook = await pool.synced(phone, notebookDocName(t, bob.account.id));
    const aliceSocket = await connect(alice.client);
    const aliceBoard = await pool.synced(alice.client, boardDocName(t));
    logBefore = await logOf(world.chair, t);

    const reply = await disable(bob.account.id);
    expect(reply.status).toBe(200);
    const view = reply.body as DisabledAccountView;
    expect(view.sessionsEnded).toBe(2);
    expect(view.disabledAt).toEqual(expect.any(String));

    for (const s of sockets) await eventually("the socket is told and closed", () => s.events.find((e) => e.name === "session:ended"));
    for (const c of [board, notebook]) expect(await eventually("the Yjs connection closes", () => c.closeInfo, 2000)).toMatchObject({ code: COLLAB_CLOSE.notSignedIn });
    expect((await bob.client.get("/api/auth/session")).status).toBe(401);
    expect((await phone.get("/api/auth/session")).status).toBe(401);
    // The old cookie opens no new socket or Yjs connection either.
    await expect(connect(bob.client)).rejects.toThrow();
    const again = await pool.connect(bob.client, boardDocName(t));
    expect(await eventually("refused", () => again.closeInfo)).toMatchObject({ code: COLLAB_CLOSE.notSignedIn });

    // Alice, at the same table, is untouched.
    expect((await alice.client.get("/api/auth/session")).status).toBe(200);
    expect(aliceSocket.socket.connected).toBe(true);
    expect(aliceBoard.closeInfo).toBeNull();
    aliceSocket.close();
    for (const s of sockets) s.close();
  });

  it("refuses sign-in with a clear message, but only to whoever knows the password", async () => {
    const right = new ApiClient(server);
    const refused = expectApiError(await right.request("POST", "/api/auth/login", { username: bob.username, password: PASSWORD }), 403, "account-disabled");
    expect(refused.error.message).toMatch(/disabled.*administrator/i);
    expect(right.cookie).toBeUndefined();
    // A wrong password answers exactly as for any wrong password: nothing tells a guesser the account is disabled.
    const wrong = await new ApiClient(server).request<ApiError>("POST", "/api/auth/login", { username: bob.username, password: "not the password at all" });
    const unknown = await new ApiClient(server).request<ApiError>("POST", "/api/auth/login", { username: "nobody-here", password: "not the password at all" });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(logEvents(server, "sign-in-refused").some((e) => e.accountId === bob.account.id && e.reason === "account-disabled")).toBe(true);
  });

  it("keeps the person on record at the table, with the log as it was", async () => {
    const table = await world.chair.client.ok<TableView>("GET", `/api/tables/${world.table.id}`);
    expect(table.participants.find((p) => p.id === bob.account.id)).toMatchObject({ state: "active" });
    const log = await logOf(world.chair, world.table.id);
    // Every entry is still there, word for word, Bob still named in his own.
    expect(log.entries.slice(0, logBefore.entries.length)).toEqual(logBefore.entries);
    expect(log.entries.filter((e) => e.actor?.id === bob.account.id || e.subject?.id === bob.account.id).map((e) => e.type)).toEqual(expect.arrayContaining(["invited", "joined"]));
    const listed = await world.admin.ok<AdminAccountView[]>("GET", "/api/admin/accounts");
    expect(listed.find((a) => a.id === bob.account.id)?.disabledAt).toEqual(expect.any(String));
    expect(listed.find((a) => a.id === alice.account.id)?.disabledAt).toBeUndefined();
  });

  it("lets no release name them, tells the author why, and offers them to no chair", async () => {
    const t = world.table.id;
    const secret = canary();
    const draft = await alice.client.ok<{ id: string }>("POST", `/api/tables/${t}/drafts`, { title: secret, body: `Body ${secret}` });
    const refused = await alice.client.request<ApiError>("POST", `/api/tables/${t}/drafts/${draft.id}/release`, {
      recipients: [world.chair.account.id, bob.account.id],
      category: "social-financial",
      kind: "fact",
      personsConcerned: [world.table.personsConcerned[0]?.id],
      purpose: "integrity",
      justification: "Needed for the safety plan.",
    });
    expectApiError(refused, 400, "invalid-input");
    expect(refused.body.error.fields).toEqual([{ path: "recipients.1", message: expect.stringMatching(/account is disabled/) }]);
    // Nothing was released, to anyone: the draft is still there.
    expect((await alice.client.ok<{ id: string }[]>("GET", `/api/tables/${t}/drafts`)).map((d) => d.id)).toContain(draft.id);
    const preview = await alice.client.ok<ReleaseCheckView[]>("GET", `/api/tables/${t}/release-check?category=social-financial&purpose=integrity`);
    expect(preview.find((p) => p.recipient.id === bob.account.id)).toMatchObject({ allowed: false, reason: expect.stringMatching(/disabled/) });
    expect(preview.find((p) => p.recipient.id === world.chair.account.id)).toMatchObject({ allowed: true });

    // A chair at another table neither sees them as a candidate nor can invite them.
    const other = await world.chair.client.ok<TableView>("POST", "/api/tables", {
      caseCode: `CASE-${secret.slice(-8)}`,
      purpose: "integrity",
      purposeDetail: "Protect the persons concerned.",
      personsConcerned: [{ pseudonym: "V1" }],
      confidentialityAccepted: true,
    });
    const candidates = await world.chair.client.ok<CandidateView[]>("GET", `/api/tables/${other.id}/candidates`);
    expect(candidates.map((c) => c.id)).not.toContain(bob.account.id);
    expect(candidates.map((c) => c.id)).toContain(alice.account.id);
    expectApiError(await world.chair.client.request("POST", `/api/tables/${other.id}/participants`, { accountId: bob.account.id }), 409, "conflict");
    expectAbsent("every answer the disabled person's clients received", bob.client.received, secret);
  });

  it("is for administrators only, never on one's own account, once, and on an account that exists", async () => {
    expectApiError(await disable(alice.account.id, world.chair.client), 403, "forbidden");
    const me = await world.admin.ok<{ account: { id: string } }>("GET", "/api/auth/session");
    expect((await disable(me.account.id)).body).toMatchObject({ error: { code: "forbidden", message: expect.stringMatching(/your own account/) } });
    expectApiError(await disable(bob.account.id), 409, "conflict");
    expectApiError(await disable(world.table.id), 404, "not-found");
    expectApiError(await enable(bob.account.id, world.chair.client), 403, "forbidden");
    expectApiError(await enable(alice.account.id), 409, "conflict");
    expect((await alice.client.get("/api/auth/session")).status).toBe(200);
  });

  it("is logged with who did it and how many sessions ended", () => {
    const admin = logEvents(server, "account-disabled").find((e) => e.accountId === bob.account.id);
    expect(admin).toMatchObject({ sessionsEnded: 2, by: expect.any(String) });
    expect(admin?.by).not.toBe(bob.account.id);
  });
});

describe("enabling it again", () => {
  it("lets the person sign in anew and receive what is released to them, as before", async () => {
    const reply = await enable(bob.account.id);
    expect(reply.status).toBe(200);
    expect((reply.body as AdminAccountView).disabledAt).toBeUndefined();
    // The cookie from before the disable stays dead: only a new sign-in opens the door.
    expect((await bob.client.get("/api/auth/session")).status).toBe(401);
    await bob.client.signIn(bob.username, PASSWORD);
    const socket = await connect(bob.client);
    expect(await socket.openTable(world.table.id)).toMatchObject({ ok: true });
    const { canary: secret } = await releaseCanary(alice, world.table, [bob.account.id]);
    await eventually("the new release arrives", () => socket.deliveries.find((d) => JSON.stringify(d).includes(secret)));
    socket.close();
    expect(logEvents(server, "account-enabled").some((e) => e.accountId === bob.account.id)).toBe(true);
  });
});

describe("racing a disable", () => {
  it("never leaves a live session: a sign-in that overlaps the disable either fails or ends with it", async () => {
    const carol = await buildMember(server, world.admin, { name: "Carol" });
    for (let round = 0; round < 8; round += 1) {
      const c = new ApiClient(server);
      const [signIn, disabled] = await Promise.all([
        c.request("POST", "/api/auth/login", { username: carol.username, password: PASSWORD }),
        disable(carol.account.id),
      ]);
      expect(disabled.status).toBe(200);
      expect([200, 403]).toContain(signIn.status);
      // Whatever the order, the account is disabled now and no cookie of it works.
      expect((await c.get("/api/auth/session")).status).toBe(401);
      expect((await carol.client.get("/api/auth/session")).status).toBe(401);
      expect((await enable(carol.account.id)).status).toBe(200);
    }
  });

  it("ends a second-factor sign-in half way: the pending code step is refused", async () => {
    const dave = await buildMember(server, world.admin, { name: "Dave" });
    const { app } = await enrol(dave.client);
    const c = new ApiClient(server);
    const challenge = await passwordStep(c, dave.username, PASSWORD);
    expect((await disable(dave.account.id)).status).toBe(200);
    const step = await c.request<ApiError>("POST", "/api/auth/login/second-factor", { pendingToken: challenge.pendingToken, code: await app.freshCode() });
    expectApiError(step, 401, "not-signed-in");
    expect(c.cookie).toBeUndefined();
    await settle(50);
    expect((await c.get("/api/auth/session")).status).toBe(401);
  });
});

describe("a disabled person at a table", () => {
  it("cannot answer an invitation while disabled, and can once enabled again", async () => {
    const erin = await buildMember(server, world.admin, { name: "Erin" });
    await world.chair.client.ok("POST", `/api/tables/${world.table.id}/participants`, { accountId: erin.account.id });
    expect((await disable(erin.account.id)).status).toBe(200);
    // Erin's session is gone, so accepting cannot happen; after enabling she can accept as any invitee.
    expect((await erin.client.request("POST", `/api/tables/${world.table.id}/accept`, { confidentialityAccepted: true })).status).toBe(401);
    expect((await enable(erin.account.id)).status).toBe(200);
    await erin.client.signIn(erin.username, PASSWORD);
    await erin.client.ok("POST", `/api/tables/${world.table.id}/accept`, { confidentialityAccepted: true });
  });
});
