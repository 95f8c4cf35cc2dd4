// Read-only connections: once a board is frozen (final minutes; `boardFrozenAt`, set
// here directly in the store — no route exists yet), participants can still open and
// read it, but an update that would change it closes the connection with 4423 and
// changes nothing — on connections opened before the freeze too. An update that brings
// nothing new (y-websocket's SyncStep2, with its whole delete set) is ignored.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { boardDocName, COLLAB_CLOSE, notebookDocName } from "../../shared/collab.js";
import { buildWorld, type Member, type World } from "../support/factories.js";
import { eventually, settle } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { errorLines } from "../support/adversary.js";
import { CollabPool } from "../support/collab.js";

let server: TestServer;
let world: World;
let alice: Member;
const pool = new CollabPool();

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 1);
  [alice] = world.members as [Member];
});

afterEach(() => pool.closeAll());

afterAll(async () => {
  expect(errorLines(server)).toEqual([]);
  await server.stop();
  await removeDir(server.dataDir);
});

async function freezeBoard(tableId: string): Promise<void> {
  const files = await server.tafel.ctx.store.table(tableId);
  if (!files) throw new Error("no table");
  await files.doc.update((d) => {
    d.boardFrozenAt = new Date().toISOString();
  });
}

describe("a frozen board", () => {
  it("is readable, ignores no-op updates, and refuses every change with 4423", async () => {
    const t = world.table.id;
    const name = boardDocName(t);
    const before = await pool.synced(alice.client, name);
    before.doc.getText("minutes").insert(0, "Decision: a safety plan. Drafty words.");
    before.doc.getText("minutes").delete(24, 14); // a deletion: the delete set is not empty
    const acked = await before.ack();
    expect(acked.getText("minutes").toString()).toBe("Decision: a safety plan.");

    await freezeBoard(t);

    // A connection opened before the freeze: its next change is refused.
    before.doc.getText("minutes").insert(0, "Late edit. ");
    expect(await eventually("closed read-only", () => before.closeInfo, 2000)).toEqual({ code: COLLAB_CLOSE.readOnly, reason: "read-only" });

    // A new connection reads it; its automatic SyncStep2 (with the delete set) is not a change.
    const reader = await pool.synced(world.chair.client, name);
    expect(reader.text()).toBe("Decision: a safety plan.");
    // The same document reconnecting (it knows the deletion) is not closed either.
    await reader.close();
    const again = await pool.synced(world.chair.client, name, { doc: reader.doc });
    await settle(200);
    expect(again.closeInfo).toBeNull();

    // Deleting and formatting are changes too.
    again.doc.getText("minutes").delete(0, 9);
    expect(await eventually("closed read-only", () => again.closeInfo, 2000)).toMatchObject({ code: COLLAB_CLOSE.readOnly });

    const fresh = await pool.synced(alice.client, name);
    expect((await fresh.ack()).getText("minutes").toString()).toBe("Decision: a safety plan.");
    expect(fresh.received.some((f) => Buffer.from(f).toString("latin1").includes("Late edit."))).toBe(false);
    fresh.doc.getText("minutes").insert(0, "A new connection too. ");
    expect(await eventually("a new connection too", () => fresh.closeInfo, 2000)).toMatchObject({ code: COLLAB_CLOSE.readOnly });
  });

  it("leaves the notebooks writable", async () => {
    const t = world.table.id;
    const notebook = await pool.synced(alice.client, notebookDocName(t, alice.account.id));
    notebook.doc.getText("minutes").insert(0, "Still my own notes.");
    expect((await notebook.ack()).getText("minutes").toString()).toBe("Still my own notes.");
    expect(notebook.closeInfo).toBeNull();
  });
});
