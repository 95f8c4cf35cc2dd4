// Invariant 4 on the Yjs channel: when the chair removes someone, every collaboration
// connection they have at that table (board and notebook, every device) is closed with
// 4403 at once. An update they prepared earlier and replay afterwards changes nothing:
// not on a new connection (refused at open), and not on a connection whose close has
// not happened yet (every frame re-checks access). Signing out closes with 4401.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { boardDocName, COLLAB_CLOSE, notebookDocName } from "../../shared/collab.js";
import { ApiClient } from "../support/api.js";
import { buildWorld, canary, join, PASSWORD, type Member, type World } from "../support/factories.js";
import { eventually, settle } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { errorLines } from "../support/adversary.js";
import { CollabPool, frames, type CollabClient } from "../support/collab.js";

let server: TestServer;
let world: World;
let alice: Member;
let bob: Member;
const pool = new CollabPool();

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 2);
  [alice, bob] = world.members as [Member, Member];
});

afterEach(() => pool.closeAll());

afterAll(async () => {
  expect(errorLines(server)).toEqual([]);
  await server.stop();
  await removeDir(server.dataDir);
});

/** An update made from `c`'s current document that the server has not seen, as a frame. */
function preparedUpdate(c: CollabClient, text: string): Uint8Array {
  const fork = new Y.Doc();
  Y.applyUpdate(fork, Y.encodeStateAsUpdate(c.doc));
  const before = Y.encodeStateVector(fork);
  fork.getText("minutes").insert(0, text);
  return frames.update(Y.encodeStateAsUpdate(fork, before));
}

async function boardText(): Promise<string> {
  const chair = await pool.synced(world.chair.client, boardDocName(world.table.id));
  return (await chair.ack()).getText("minutes").toString();
}

describe("a removed participant's collaboration", () => {
  it("ends at once on every connection (4403), and a replayed update changes nothing", async () => {
    const t = world.table.id;
    const board = await pool.synced(bob.client, boardDocName(t));
    const phone = await pool.synced(bob.client, boardDocName(t));
    const notebook = await pool.synced(bob.client, notebookDocName(t, bob.account.id));
    const elsewhere = await pool.synced(alice.client, boardDocName(t));
    board.doc.getText("minutes").insert(0, "Bob was here. ");
    await board.ack();

    // Captured before the removal: a change the server has not seen, and every frame Bob sent.
    const replay = canary();
    const prepared = preparedUpdate(board, `${replay} `);
    const sentEarlier = [...board.sent];

    const removal = await world.chair.client.delete(`/api/tables/${t}/participants/${bob.account.id}`);
    expect(removal.status).toBe(204);
    for (const c of [board, phone, notebook]) {
      expect(await eventually("closed at once", () => c.closeInfo, 2000)).toEqual({ code: COLLAB_CLOSE.forbidden, reason: "forbidden" });
    }
    expect(elsewhere.closeInfo).toBeNull(); // Alice stays

    // A new connection is refused before any byte; the replay sent on it is not read.
    const again = await pool.connect(bob.client, boardDocName(t));
    again.sendRaw(prepared);
    for (const f of sentEarlier) again.sendRaw(f);
    expect(await eventually("refused", () => again.closeInfo)).toMatchObject({ code: COLLAB_CLOSE.forbidden });
    expect(again.received).toEqual([]);

    await settle(200);
    expect(await boardText()).toBe("Bob was here. ");
    expect(elsewhere.text()).not.toContain(replay);
  });

  it("a frame that races the close is refused by the per-frame check and changes nothing", async () => {
    const t = world.table.id;
    await join(world.chair, bob, t);
    const board = await pool.synced(bob.client, boardDocName(t));
    const alices = await pool.synced(alice.client, boardDocName(t));
    const replay = canary();
    const prepared = preparedUpdate(board, `${replay} `);

    // The participation ends in the store without telling the notifier: the state a
    // removal is in between its commit and its accessEnded.
    await server.tafel.ctx.store.global.update((d) => {
      const p = d.participations.find((x) => x.tableId === t && x.accountId === bob.account.id);
      if (p) p.state = "removed";
    });
    board.sendRaw(prepared);
    expect(await eventually("closed by the frame check", () => board.closeInfo, 2000)).toMatchObject({ code: COLLAB_CLOSE.forbidden });
    await settle(200);
    expect(alices.text()).not.toContain(replay);
    expect(alices.received.some((f) => Buffer.from(f).toString("latin1").includes(replay))).toBe(false);
    expect(await boardText()).not.toContain(replay);
  });

  it("a connection belongs to one participation: removed and invited again, the old one is refused", async () => {
    const t = world.table.id;
    await server.tafel.ctx.store.global.update((d) => {
      const p = d.participations.find((x) => x.tableId === t && x.accountId === bob.account.id);
      if (p) p.state = "active";
    });
    const old = await pool.synced(bob.client, boardDocName(t));
    // Removed, invited again and accepted while the old connection's close had not happened.
    await server.tafel.ctx.store.global.update((d) => {
      const p = d.participations.find((x) => x.tableId === t && x.accountId === bob.account.id);
      if (p) p.joinedAt = new Date(Date.now() + 1000).toISOString();
    });
    const replay = canary();
    old.sendRaw(preparedUpdate(old, replay));
    expect(await eventually("the old connection is refused", () => old.closeInfo, 2000)).toMatchObject({ code: COLLAB_CLOSE.forbidden });
    const fresh = await pool.synced(bob.client, boardDocName(t));
    fresh.doc.getText("minutes").insert(0, "Back. ");
    const acked = (await fresh.ack()).getText("minutes").toString();
    expect(acked).toContain("Back. ");
    expect(acked).not.toContain(replay);
  });

  it("signing out closes that session's connections with 4401, and only those", async () => {
    const t = world.table.id;
    const second = new ApiClient(server);
    await second.signIn(alice.username, PASSWORD);
    const mine = await pool.synced(second, boardDocName(t));
    const other = await pool.synced(alice.client, boardDocName(t));
    await second.ok("POST", "/api/auth/logout");
    expect(await eventually("closed", () => mine.closeInfo, 2000)).toEqual({ code: COLLAB_CLOSE.notSignedIn, reason: "not-signed-in" });
    await settle(100);
    expect(other.closeInfo).toBeNull();
  });
});
