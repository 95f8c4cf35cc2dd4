// A revocation writes the table document first (access ends) and the log second. A crash
// between the two leaves a revocation the log does not show: the server that starts next
// must log it before the table is used, and the log must still verify. The crash is made
// exactly there: the first write is done through the store, the second never happens.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LogExport } from "../../shared/types.js";
import type { Fragment } from "../../server/store/records.js";
import type { LogEntry } from "../../server/log/entries.js";
import { verifyExport } from "../../server/log/verifyExport.js";
import { ApiClient } from "../support/api.js";
import { buildWorld, releaseCanary, type Member, type World } from "../support/factories.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

let server: TestServer;
let world: World;

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 2);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  if (server) await removeDir(server.dataDir);
});

describe("a revocation cut short by a crash", () => {
  it("is logged by the next server before the table is used, and the log verifies", async () => {
    const [alice, bob] = world.members as [Member, Member];
    const { fragment } = await releaseCanary(alice, world.table, [bob.account.id, world.chair.account.id]);
    const files = await server.tafel.ctx.store.table(world.table.id);
    if (!files) throw new Error("table not found");
    // The revocation's first write, as revoke() makes it; the process dies before the log append.
    await files.doc.update((d) => {
      const f = d.fragments.find((x) => x.id === fragment.id) as Fragment;
      for (const r of f.release.recipients) if (r.accountId === bob.account.id) r.revokedAt = new Date().toISOString();
    });
    const revokedEntries = (entries: readonly LogEntry[]) => entries.filter((e) => e.type === "fragment-revoked" && e.fragment === fragment.id);
    const parsed = (file: LogExport) => file.entries.map((line) => JSON.parse(line) as LogEntry);
    expect(revokedEntries(files.log.entries)).toEqual([]);

    server = await server.restart();
    const client = new ApiClient(server);
    client.cookie = alice.client.cookie;
    const exported = await client.ok<LogExport>("GET", `/api/tables/${world.table.id}/log/export`);
    const repaired = revokedEntries(parsed(exported));
    expect(repaired).toHaveLength(1);
    expect(repaired[0]).toMatchObject({ actor: null, recipient: bob.account.id });
    // Only the revoked recipient: the chair's release stands.
    expect(parsed(exported).some((e) => e.type === "fragment-revoked" && e.recipient === world.chair.account.id)).toBe(false);
    expect(verifyExport(exported).ok).toBe(true);
    expect(server.lines.some((l) => l.includes("revocation(s) a crash left out of the log were logged"))).toBe(true);

    // Once: a further restart adds nothing.
    server = await server.restart();
    const again = new ApiClient(server);
    again.cookie = alice.client.cookie;
    const later = await again.ok<LogExport>("GET", `/api/tables/${world.table.id}/log/export`);
    expect(revokedEntries(parsed(later))).toHaveLength(1);
  }, 60_000);
});
