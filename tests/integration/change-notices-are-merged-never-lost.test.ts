// Change notices (`table:changed`) are throttled per table (realtime.ts): many changes in
// a short time become few notices. What a person must still get: a screen that reloads on
// every notice ends up showing the table's final state — no change is left without a
// notice after it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LogView } from "../../shared/types.js";
import { buildWorld, releaseCanary, type Member, type World } from "../support/factories.js";
import { eventually, settle } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { entries, errorLines, logOf, SocketPool } from "../support/adversary.js";

let server: TestServer;
let world: World;
let alice: Member;
let bob: Member;
let carol: Member;
const pool = new SocketPool();

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 3);
  [alice, bob, carol] = world.members as [Member, Member, Member];
});

afterAll(async () => {
  pool.closeAll();
  expect(errorLines(server)).toEqual([]);
  await server.stop();
  await removeDir(server.dataDir);
});

describe("change notices", () => {
  it("merge a burst of releases and receipts into fewer notices, and the last one leaves a reloading screen up to date", async () => {
    const t = world.table.id;
    await pool.online(bob, t); // acknowledges: every release also logs a receipt
    const carolSocket = await pool.online(carol, t);
    // Carol's screen: reloads the log on every notice, keeps what it last showed.
    let notices = 0;
    let shown: LogView | null = null;
    let reloads = Promise.resolve();
    carolSocket.socket.on("table:changed", () => {
      notices += 1;
      reloads = reloads.then(async () => {
        shown = await logOf(carol, t);
      });
    });

    const releases = 8;
    const released = await Promise.all(Array.from({ length: releases }, () => releaseCanary(alice, world.table, [bob.account.id])));
    // Every receipt is in the log (as the author sees it)…
    await eventually("every receipt is logged", async () => entries(await logOf(alice, t), { type: "fragment-delivered" }).length === releases);
    const final = await logOf(alice, t);
    // …and after the notices stop, Carol's screen shows all of it.
    await settle(1_000);
    await reloads;
    const seen = shown as LogView | null;
    expect(seen?.entries.length).toBe(final.entries.length);
    for (const { fragment } of released) {
      expect(entries(seen as LogView, { type: "fragment-delivered", fragmentId: fragment.id })).toHaveLength(1);
    }
    // Sixteen changes (eight releases, eight receipts), fewer notices.
    expect(notices).toBeGreaterThan(0);
    expect(notices).toBeLessThan(2 * releases);
  });
});
