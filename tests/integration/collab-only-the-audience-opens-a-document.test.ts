// The Yjs documents have one audience each: the board every active participant, a
// notebook its owner only (on all their devices). Everyone else — a member never at the
// table, an invited person who has not accepted, a removed participant, the
// administrator, the DPO, a participant opening someone else's notebook, a foreign
// Origin, no session — is closed with the documented code and receives not one byte
// of any document (canaries planted in the board and in a notebook are searched in
// every frame they got). Other upgrade paths are destroyed; socket.io keeps working.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { CreatedAccountView, OrganisationView } from "../../shared/types.js";
import { boardDocName, COLLAB_CLOSE, COLLAB_CLOSE_REASON, notebookDocName } from "../../shared/collab.js";
import { ApiClient } from "../support/api.js";
import { activate, buildMember, buildWorld, canary, PASSWORD, type Member, type World } from "../support/factories.js";
import { eventually, settle } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { errorLines, expectAbsent, logEvents, SocketPool } from "../support/adversary.js";
import { CollabClient, CollabPool } from "../support/collab.js";

const EVIL = "https://evil.example";

let server: TestServer;
let world: World;
let alice: Member;
let bob: Member;
let outsider: Member;
let invitee: Member;
let removed: Member;
let dpo: ApiClient;
const boardSecret = canary();
const notebookSecret = canary();
const pool = new CollabPool();
const sockets = new SocketPool();

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 3);
  [alice, bob, removed] = world.members as [Member, Member, Member];
  outsider = await buildMember(server, world.admin, { name: "Outsider" });
  invitee = await buildMember(server, world.admin, { name: "Invitee" });
  await world.chair.client.ok("POST", `/api/tables/${world.table.id}/participants`, { accountId: invitee.account.id });
  await world.chair.client.ok("DELETE", `/api/tables/${world.table.id}/participants/${removed.account.id}`);
  const orgs = await world.admin.ok<OrganisationView[]>("GET", "/api/admin/organisations");
  const dpoAccount = await world.admin.ok<CreatedAccountView>("POST", "/api/admin/accounts", {
    name: "Data Protection Officer",
    username: "dpo-collab",
    organisationId: orgs[0]?.id,
    role: "dpo",
  });
  dpo = new ApiClient(server);
  await activate(dpo, dpoAccount.username, dpoAccount.temporaryPassword);

  // The canaries: one in the board, one in Alice's notebook, both acknowledged.
  const board = await CollabClient.synced(world.chair.client, boardDocName(world.table.id));
  board.doc.getText("minutes").insert(0, `Agenda: ${boardSecret}`);
  await board.ack();
  await board.close();
  const notebook = await CollabClient.synced(alice.client, notebookDocName(world.table.id, alice.account.id));
  notebook.doc.getText("minutes").insert(0, `My draft: ${notebookSecret}`);
  await notebook.ack();
  await notebook.close();
});

afterEach(async () => {
  await pool.closeAll();
  sockets.closeAll();
});

afterAll(async () => {
  expect(errorLines(server)).toEqual([]);
  expectAbsent("server log lines", server.lines, boardSecret);
  expectAbsent("server log lines", server.lines, notebookSecret);
  await server.stop();
  await removeDir(server.dataDir);
});

/** Opens, waits for the server's close, and checks that nothing at all was received. */
async function expectRefused(client: ApiClient, docName: string, code: number, options: { origin?: string; cookie?: string | null } = {}) {
  const c = await pool.connect(client, docName, options);
  const closed = await eventually(`${docName} closed`, () => c.closeInfo, 3000);
  expect(closed, `${docName}`).toEqual({ code, reason: COLLAB_CLOSE_REASON[code as keyof typeof COLLAB_CLOSE_REASON] });
  expect(c.received, `${docName}: frames received`).toEqual([]);
  expectAbsent(`${docName} frames`, c.receivedText(), boardSecret);
  expectAbsent(`${docName} frames`, c.receivedText(), notebookSecret);
  return c;
}

describe("who may open a collaboration document", () => {
  it("the board opens for every active participant, with its content (the canary witness works)", async () => {
    for (const m of [world.chair, alice, bob]) {
      const c = await pool.synced(m.client, boardDocName(world.table.id));
      expect(c.text()).toContain(boardSecret);
      expect(c.receivedText()).toContain(boardSecret);
      expectAbsent("board frames", c.receivedText(), notebookSecret);
    }
  });

  it("a notebook opens for its owner on every device, and stays in sync between them", async () => {
    const name = notebookDocName(world.table.id, alice.account.id);
    const laptop = await pool.synced(alice.client, name);
    const phone = await pool.synced(alice.client, name);
    expect(laptop.text()).toContain(notebookSecret);
    phone.doc.getText("minutes").insert(0, "From the phone. ");
    await eventually("the laptop sees the phone's edit", () => laptop.text().startsWith("From the phone. "));
    expectAbsent("notebook frames", laptop.receivedText(), boardSecret);
  });

  it("someone else's notebook is closed 4403 for a participant, even the chair", async () => {
    for (const m of [bob, world.chair]) await expectRefused(m.client, notebookDocName(world.table.id, alice.account.id), COLLAB_CLOSE.forbidden);
  });

  it("a member never at the table gets 4404 (ids do not reveal which tables exist)", async () => {
    await expectRefused(outsider.client, boardDocName(world.table.id), COLLAB_CLOSE.unknownDocument);
    await expectRefused(outsider.client, notebookDocName(world.table.id, alice.account.id), COLLAB_CLOSE.unknownDocument);
    await expectRefused(outsider.client, notebookDocName(world.table.id, outsider.account.id), COLLAB_CLOSE.unknownDocument);
  });

  it("an invited person who has not accepted, and a removed participant, get 4403 for the board and any notebook", async () => {
    for (const m of [invitee, removed]) {
      await expectRefused(m.client, boardDocName(world.table.id), COLLAB_CLOSE.forbidden);
      await expectRefused(m.client, notebookDocName(world.table.id, m.account.id), COLLAB_CLOSE.forbidden);
      await expectRefused(m.client, notebookDocName(world.table.id, alice.account.id), COLLAB_CLOSE.forbidden);
    }
  });

  it("the administrator and the DPO get 4403", async () => {
    for (const client of [world.admin, dpo]) {
      await expectRefused(client, boardDocName(world.table.id), COLLAB_CLOSE.forbidden);
      await expectRefused(client, notebookDocName(world.table.id, alice.account.id), COLLAB_CLOSE.forbidden);
    }
  });

  it("a foreign or look-alike Origin gets 4408 even with a valid session cookie, and is logged", async () => {
    const u = new URL(server.url);
    for (const origin of [EVIL, `http://${u.hostname}:${Number(u.port) + 1}`, `https://${u.host}`, `${server.origin}.evil.example`, "null"]) {
      await expectRefused(alice.client, boardDocName(world.table.id), COLLAB_CLOSE.badOrigin, { origin });
    }
    expect(logEvents(server, "origin-refused").some((e) => e.channel === "collab" && e.origin === EVIL && e.level === "warn")).toBe(true);
  });

  it("no cookie, a forged cookie and a signed-out session get 4401", async () => {
    await expectRefused(alice.client, boardDocName(world.table.id), COLLAB_CLOSE.notSignedIn, { cookie: null });
    await expectRefused(alice.client, boardDocName(world.table.id), COLLAB_CLOSE.notSignedIn, { cookie: "tafel_session=forged" });
    const leaving = new ApiClient(server);
    await leaving.signIn(bob.username, PASSWORD);
    const cookie = leaving.cookie;
    await leaving.ok("POST", "/api/auth/logout");
    await expectRefused(bob.client, boardDocName(world.table.id), COLLAB_CLOSE.notSignedIn, { cookie });
  });

  it("malformed document names and unknown tables get 4404", async () => {
    const t = world.table.id;
    for (const name of [
      `table/${t}`,
      `table/${t}/board/extra`,
      `table/${t}/BOARD`,
      `table/${t.toUpperCase()}/board`,
      `table/${t}/notebook`,
      `table/${t}/notebook/not-a-uuid`,
      `table/../${t}/board`,
      `table/${t}/board%2F..`,
      `x/${t}/board`,
      "",
      `table/00000000-0000-4000-8000-000000000000/board`,
    ]) {
      await expectRefused(alice.client, name, COLLAB_CLOSE.unknownDocument);
    }
  });

  it("upgrades to other paths are destroyed, and socket.io still works beside /collab", async () => {
    const errored = await new Promise<boolean>((resolve) => {
      const ws = new WebSocket(`${server.url.replace(/^http/, "ws")}/elsewhere/`, { headers: { origin: server.origin, cookie: alice.client.cookie ?? "" } });
      ws.on("open", () => resolve(false));
      ws.on("error", () => resolve(true));
    });
    expect(errored).toBe(true);
    const board = await pool.synced(alice.client, boardDocName(world.table.id));
    await sockets.online(alice, world.table.id);
    expect(board.text()).toContain(boardSecret);
    await settle(100);
    expect(board.closeInfo).toBeNull();
  });
});
