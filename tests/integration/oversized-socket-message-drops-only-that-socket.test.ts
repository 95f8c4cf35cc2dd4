// A socket.io message larger than maxHttpBufferSize (64 KiB) ends that one connection;
// the server keeps running, other sockets of the same person keep working, and a big
// message under the limit is refused with a Reply that does not echo it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PROTOCOL_VERSION, type Reply } from "../../shared/protocol.js";
import { LIMITS } from "../../shared/schemas.js";
import { buildWorld, releaseCanary, type Member, type World } from "../support/factories.js";
import { eventually } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { errorLines, expectAbsent, SocketPool } from "../support/adversary.js";

let server: TestServer;
let world: World;
let alice: Member;
let bob: Member;
const pool = new SocketPool();

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

describe("an oversized socket.io message", () => {
  it("disconnects that socket only; the server and the person's other sockets carry on", async () => {
    const t = world.table.id;
    const attacker = await pool.online(bob, t);
    const other = await pool.online(bob, t);
    const disconnected = new Promise<string>((resolve) => attacker.socket.once("disconnect", (reason) => resolve(reason)));

    const huge = "A".repeat(LIMITS.messageBytes + 1024);
    attacker.socket.emit("table:open", { v: PROTOCOL_VERSION, tableId: huge }, () => {});
    const reason = await disconnected;
    expect(reason).toMatch(/transport (close|error)/);
    expect(attacker.socket.connected).toBe(false);

    // The other socket still receives live deliveries; REST and new connections work.
    const { canary } = await releaseCanary(alice, world.table, [bob.account.id]);
    await eventually("the other socket still receives", () => other.deliveries.some((d) => d.fragment.body.includes(canary)));
    expect(other.socket.connected).toBe(true);
    expect((await bob.client.get(`/api/tables/${t}`)).status).toBe(200);
    const fresh = await pool.online(bob, t);
    await eventually("a fresh socket gets the fragment on opening", () => fresh.deliveries.length > 0);
    expectAbsent("server log lines", server.lines, huge.slice(0, 200));
  });

  it("a large message under the limit is refused with a Reply that does not echo it", async () => {
    const s = await pool.connect(bob);
    const big = `BIG-${"B".repeat(LIMITS.messageBytes - 2048)}`;
    const reply: Reply = await s.socket.timeout(5000).emitWithAck("table:open", { v: PROTOCOL_VERSION, tableId: big });
    expect(reply).toMatchObject({ ok: false, refusal: "invalid-payload" });
    expect(JSON.stringify(reply)).not.toContain("BBBBBBBB");
    expect(s.socket.connected).toBe(true);
    expect(await s.openTable(world.table.id)).toEqual({ ok: true });
  });
});
