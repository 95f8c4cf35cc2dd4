// Two people editing the board converge: edits made at the same moment, and edits
// made while one or both were disconnected, merge when they reconnect (the same Y.Doc
// reconnecting, as y-websocket does), and a newcomer loads the same text from the server.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { boardDocName } from "../../shared/collab.js";
import { buildWorld, type Member, type World } from "../support/factories.js";
import { eventually } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { errorLines } from "../support/adversary.js";
import { CollabPool, type CollabClient } from "../support/collab.js";

let server: TestServer;
let world: World;
let alice: Member;
let chair: Member;
const pool = new CollabPool();

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 1);
  [alice] = world.members as [Member];
  chair = world.chair;
});

afterEach(() => pool.closeAll());

afterAll(async () => {
  expect(errorLines(server)).toEqual([]);
  await server.stop();
  await removeDir(server.dataDir);
});

async function converged(a: CollabClient, b: CollabClient, ...needles: string[]): Promise<string> {
  return eventually("both have the same text with every edit", () => {
    const text = a.text();
    return text === b.text() && needles.every((n) => text.includes(n)) ? text : null;
  });
}

describe("the board converges", () => {
  it("after concurrent edits at the same place", async () => {
    const name = boardDocName(world.table.id);
    const a = await pool.synced(alice.client, name);
    const c = await pool.synced(chair.client, name);
    const words: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const wa = `[alice ${i}]`;
      const wc = `[chair ${i}]`;
      words.push(wa, wc);
      a.doc.getText("minutes").insert(0, wa);
      c.doc.getText("minutes").insert(0, wc);
    }
    const text = await converged(a, c, ...words);
    expect(text.length).toBe(words.join("").length);
  });

  it("after edits made offline on both sides, and a newcomer loads the merged text", async () => {
    const name = boardDocName(world.table.id);
    const a = await pool.synced(alice.client, name);
    const c = await pool.synced(chair.client, name);
    const start = await converged(a, c);

    // The chair goes offline and keeps typing; Alice edits online meanwhile.
    await c.close();
    c.doc.getText("minutes").insert(0, "Chair offline 1. ");
    a.doc.getText("minutes").insert(a.text().length, " Alice online.");
    await a.ack();
    // Then Alice is offline too, and both edit.
    await a.close();
    a.doc.getText("minutes").insert(0, "Alice offline. ");
    c.doc.getText("minutes").delete(c.text().length - 3, 3); // deletes from text Alice also has
    c.doc.getText("minutes").insert(0, "Chair offline 2. ");

    const a2 = await pool.synced(alice.client, name, { doc: a.doc });
    const c2 = await pool.synced(chair.client, name, { doc: c.doc });
    const merged = await converged(a2, c2, "Chair offline 1. ", "Chair offline 2. ", "Alice offline. ", " Alice online.");
    // The chair's offline deletion (the 3 characters before what Alice added online) is merged too.
    expect(merged.endsWith(`${start.slice(0, -3)} Alice online.`)).toBe(true);

    const newcomer = await pool.synced(alice.client, name); // a third device, fresh
    expect(newcomer.text()).toBe(merged);
  });
});
