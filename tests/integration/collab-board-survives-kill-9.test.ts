// Invariant 5 on the Yjs channel: an update the server acknowledged survives `kill -9`.
// The acknowledgement is the SyncStep2 that answers a SyncStep1 sent after the update
// (the server handles a connection's frames in order and writes each update, fsync'd,
// before the next): the client sends its edit, asks, gets the answer, and the server is
// killed at once — no shutdown hook, no compaction. A server started on the same data
// directory serves the edit, from the updates file; once its last connection leaves,
// the document is compacted into a snapshot.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boardDocName, notebookDocName } from "../../shared/collab.js";
import { buildWorld, canary, type Member, type World } from "../support/factories.js";
import { removeDir, startServer, tempDir, type TestServer } from "../support/server.js";
import { spawnServer, type ChildServer } from "../support/childServer.js";
import { CollabClient } from "../support/collab.js";
import { errorLines } from "../support/adversary.js";
import { eventually } from "../support/realtime.js";

let dataDir: string;
let world: World;
let alice: Member;
let child: ChildServer | null = null;
let restarted: TestServer | null = null;

beforeAll(async () => {
  dataDir = await tempDir();
  // People and the table are made on an in-process server, which then stops cleanly;
  // sessions are in the data directory, so the cookies work on the child process too.
  const setup = await startServer({ dataDir });
  world = await buildWorld(setup, 1);
  [alice] = world.members as [Member];
  await setup.stop();
});

afterAll(async () => {
  await child?.kill9();
  if (restarted) {
    expect(errorLines(restarted)).toEqual([]);
    await restarted.stop();
  }
  await removeDir(dataDir);
});

describe("the board after kill -9", () => {
  it("has every acknowledged update", async () => {
    const t = world.table.id;
    child = await spawnServer(dataDir);
    const opts = { baseUrl: child.url, origin: child.origin };
    const board = await CollabClient.synced(world.chair.client, boardDocName(t), opts);
    const notebook = await CollabClient.synced(alice.client, notebookDocName(t, alice.account.id), opts);
    const secrets = [canary(), canary(), canary()];
    board.doc.getText("minutes").insert(0, `First ${secrets[0]}. `);
    board.doc.getText("minutes").insert(0, `Second ${secrets[1]}. `);
    notebook.doc.getText("minutes").insert(0, `Mine ${secrets[2]}.`);
    const ackedBoard = await board.ack();
    const ackedNotebook = await notebook.ack();
    expect(ackedBoard.getText("minutes").toString()).toBe(`Second ${secrets[1]}. First ${secrets[0]}. `);
    expect(ackedNotebook.getText("minutes").toString()).toBe(`Mine ${secrets[2]}.`);

    await child.kill9();
    expect(child.process.signalCode).toBe("SIGKILL");
    await Promise.all([board.closed, notebook.closed]);

    // The edits are in the append-only updates files (nothing was compacted on the way out).
    const collab = path.join(dataDir, "tables", t, "collab");
    expect(existsSync(path.join(collab, "board.snapshot"))).toBe(false);
    expect(readFileSync(path.join(collab, "board.updates"), "utf8").trim().split("\n").length).toBeGreaterThanOrEqual(2);

    restarted = await startServer({ dataDir });
    const reread = await CollabClient.synced(world.chair.client, boardDocName(t), { baseUrl: restarted.url, origin: restarted.origin });
    expect(reread.text()).toBe(`Second ${secrets[1]}. First ${secrets[0]}. `);
    const mine = await CollabClient.synced(alice.client, notebookDocName(t, alice.account.id), { baseUrl: restarted.url, origin: restarted.origin });
    expect(mine.text()).toBe(`Mine ${secrets[2]}.`);
    await Promise.all([reread.close(), mine.close()]);

    // The last connection gone, the documents are compacted and unloaded; a reopen reads the snapshot.
    const server = restarted;
    await eventually("unloaded", () => server.tafel.collab.loadedDocumentCount === 0);
    expect(readFileSync(path.join(collab, "board.updates"), "utf8")).toBe("");
    expect(existsSync(path.join(collab, "board.snapshot"))).toBe(true);
    const fromSnapshot = await CollabClient.synced(world.chair.client, boardDocName(t), { baseUrl: server.url, origin: server.origin });
    expect(fromSnapshot.text()).toBe(`Second ${secrets[1]}. First ${secrets[0]}. `);
    await fromSnapshot.close();
  });
});
