// The foundation's main path against a real server: a release reaches exactly its
// recipients, live, and every step is in the log; nobody else sees the canary.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AuthoredFragmentView, LogView } from "../../shared/types.js";
import { connect, eventually, settle, type RecordingSocket } from "../support/realtime.js";
import { buildWorld, releaseCanary, type World } from "../support/factories.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { PROTOCOL_VERSION } from "../../shared/protocol.js";

let server: TestServer;
let world: World;
const sockets: RecordingSocket[] = [];

beforeEach(async () => {
  server = await startServer();
  world = await buildWorld(server, 2);
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await server.stop();
  await removeDir(server.dataDir);
});

async function online(member: World["chair"]): Promise<RecordingSocket> {
  const s = await connect(member.client);
  sockets.push(s);
  expect(await s.openTable(world.table.id)).toEqual({ ok: true });
  return s;
}

describe("releasing a fragment", () => {
  it("delivers it live to the chosen recipient only, and logs sent, delivered and opened", async () => {
    const [alice, bob] = world.members as [World["chair"], World["chair"]];
    const aliceSocket = await online(alice);
    const bobSocket = await online(bob);
    const chairSocket = await online(world.chair);

    const { fragment, canary } = await releaseCanary(alice, world.table, [bob.account.id]);

    const delivery = await eventually("bob receives the fragment", () => bobSocket.deliveries[0]);
    expect(delivery.fragment.body).toContain(canary);
    expect(delivery.fragment.author.name).toBe(alice.account.name);
    expect(delivery.fragment.justification).toBe("Needed for the safety plan.");

    bobSocket.socket.emit("fragment:opened", { v: PROTOCOL_VERSION, tableId: world.table.id, fragmentId: fragment.id, deliveryId: delivery.deliveryId }, () => {});
    const status = await eventually("alice sees delivered and opened", async () => {
      const mine = await alice.client.ok<AuthoredFragmentView[]>("GET", `/api/tables/${world.table.id}/fragments/released`);
      const row = mine[0]?.recipients[0];
      return row?.deliveredAt && row.openedAt ? row : null;
    });
    expect(status.recipient.id).toBe(bob.account.id);
    expect(status.sentAt).toBeDefined();

    const log = await world.chair.client.ok<LogView>("GET", `/api/tables/${world.table.id}/log`);
    const types = log.entries.filter((e) => e.fragmentId === fragment.id).map((e) => e.type);
    expect(types).toEqual(["fragment-released", "fragment-sent", "fragment-delivered", "fragment-opened"]);
    expect(JSON.stringify(log)).not.toContain(canary);

    await settle();
    for (const s of [chairSocket]) expect(s.frames.join("\n")).not.toContain(canary);
    expect(aliceSocket.frames.join("\n")).not.toContain(canary); // the author gets no push of her own fragment
    expect(world.chair.client.received.join("\n")).not.toContain(canary);
    expect(server.lines.join("\n")).not.toContain(canary);
  });
});
