// A copy of the data directory alone reveals no content: drafts, fragments, the board,
// notebooks and frozen minutes are sealed with a key kept outside it.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boardDocName, notebookDocName } from "../../shared/collab.js";
import type { MeetingView } from "../../shared/types.js";
import { CollabPool } from "../support/collab.js";
import { buildWorld, canary, releaseCanary, type Member, type World } from "../support/factories.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

let server: TestServer;
let world: World;
const pool = new CollabPool();

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 1);
});
afterAll(async () => {
  await pool.closeAll();
  await server.stop();
  await removeDir(server.dataDir);
});

/** Every file's bytes, and its lines read as base64, so encoded copies are found too. */
async function everythingOnDisk(dir: string): Promise<string> {
  const parts: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const raw = (await readFile(path.join(entry.parentPath, entry.name))).toString("latin1");
    parts.push(raw, ...raw.split("\n").map((l) => Buffer.from(l, "base64").toString("latin1")));
  }
  return parts.join("\n");
}

describe("content at rest", () => {
  it("is in no file of the data directory, in clear or base64", async () => {
    const alice = world.members[0] as Member;
    const released = await releaseCanary(alice, world.table, [world.chair.account.id]);
    const draftSecret = canary();
    await alice.client.ok("POST", `/api/tables/${world.table.id}/drafts`, { title: "Private", body: draftSecret });
    const boardSecret = canary();
    const notebookSecret = canary();
    const board = await pool.synced(world.chair.client, boardDocName(world.table.id));
    board.doc.getText("notes").insert(0, boardSecret);
    await board.ack();
    const notebook = await pool.synced(alice.client, notebookDocName(world.table.id, alice.account.id));
    notebook.doc.getText("notes").insert(0, notebookSecret);
    await notebook.ack();
    const meeting = await world.chair.client.ok<MeetingView>("POST", `/api/tables/${world.table.id}/meetings`, { agenda: ["One"] });
    await world.chair.client.ok("POST", `/api/tables/${world.table.id}/meetings/${meeting.id}/finalise`);
    await pool.closeAll(); // unloading compacts the documents into snapshots too

    // The witness: the server still serves all of it (so it is stored somewhere).
    const again = await pool.synced(world.chair.client, boardDocName(world.table.id));
    expect(again.text("notes")).toContain(boardSecret);

    const disk = await everythingOnDisk(server.dataDir);
    for (const secret of [released.canary, draftSecret, boardSecret, notebookSecret]) expect(disk).not.toContain(secret);
    expect(disk).toContain("fragment-released"); // the log stays readable: metadata only
  });
});
