// A decline is a record, not a restriction, so it follows the order of every recording
// command (docs/ARCHITECTURE.md "Ordering of writes"): the log entry first, then the
// table. When the log cannot be written, the decline is not recorded either — the
// table never holds a decline its log does not show.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeclineView } from "../../shared/types.js";
import { buildWorld, canary, type World } from "../support/factories.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { logOf } from "../support/adversary.js";

let server: TestServer;
let world: World;

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 0);
});
afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
});

describe("recording a decline", () => {
  it("writes nothing to the table when its log entry cannot be written", async () => {
    const t = world.table.id;
    const files = await server.tafel.ctx.store.table(t);
    if (!files) throw new Error("no table files");
    const append = files.log.append.bind(files.log);
    // The disk refuses the log's next write (a full disk, an I/O error), once.
    files.log.append = () => Promise.reject(new Error("EIO: simulated log write failure"));
    const question = canary();
    const reply = await world.chair.client.request("POST", `/api/tables/${t}/declines`, { question });
    files.log.append = append;
    expect(reply.status).toBe(500);
    const declines = await world.chair.client.ok<DeclineView[]>("GET", `/api/tables/${t}/declines`);
    expect(declines.map((d) => d.question)).not.toContain(question);

    // With the log writable again, the decline is recorded and logged.
    const ok = await world.chair.client.ok<DeclineView>("POST", `/api/tables/${t}/declines`, { question });
    const log = await logOf(world.chair, t);
    expect(log.entries.filter((e) => e.type === "declined")).toHaveLength(1);
    expect((await world.chair.client.ok<DeclineView[]>("GET", `/api/tables/${t}/declines`)).map((d) => d.id)).toEqual([ok.id]);
  });
});
