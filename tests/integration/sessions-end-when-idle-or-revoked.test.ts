// Sessions end when unused for too long, and can be ended everywhere at once — by their
// owner ("sign out everywhere") or by an administrator — on REST and on open sockets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../support/api.js";
import { buildWorld, PASSWORD, type Member, type World } from "../support/factories.js";
import { connect, eventually } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

describe("an idle session", () => {
  let server: TestServer;
  let world: World;
  beforeAll(async () => {
    server = await startServer({ idleMinutes: 0.05 }); // 3 seconds
    world = await buildWorld(server, 0);
  });
  afterAll(async () => {
    await server.stop();
    await removeDir(server.dataDir);
  });

  it("stays alive while used and ends once unused longer than the idle limit", async () => {
    for (let i = 0; i < 3; i += 1) {
      expect((await world.chair.client.get("/api/auth/session")).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1500));
    }
    await new Promise((r) => setTimeout(r, 3500));
    expect((await world.chair.client.get("/api/auth/session")).status).toBe(401);
    await expect(connect(world.chair.client)).rejects.toThrow();
  }, 20_000);

  it("starts its idle clock at sign-in, however long the server has been running", async () => {
    // By now the server has run longer than the idle limit.
    const again = new ApiClient(server);
    await again.signIn(world.chair.username, PASSWORD);
    expect((await again.get("/api/auth/session")).status).toBe(200);
  });
});

describe("ending every session of an account", () => {
  let server: TestServer;
  let world: World;
  beforeAll(async () => {
    server = await startServer();
    world = await buildWorld(server, 1);
  });
  afterAll(async () => {
    await server.stop();
    await removeDir(server.dataDir);
  });

  async function secondDevice(member: Member): Promise<ApiClient> {
    const other = new ApiClient(server);
    await other.signIn(member.username, PASSWORD);
    return other;
  }

  it("by its owner ends all their sessions and sockets, and no one else's", async () => {
    const alice = world.members[0] as Member;
    const laptop = alice.client;
    const phone = await secondDevice(alice);
    const sockets = [await connect(laptop), await connect(phone)];
    const chairSocket = await connect(world.chair.client);
    const reply = await phone.ok<{ ended: number }>("POST", "/api/auth/sessions/end-all");
    expect(reply.ended).toBe(2);
    for (const s of sockets) await eventually("the socket is told and closed", () => s.events.find((e) => e.name === "session:ended"));
    expect((await laptop.get("/api/auth/session")).status).toBe(401);
    expect((await phone.get("/api/auth/session")).status).toBe(401);
    expect((await world.chair.client.get("/api/auth/session")).status).toBe(200);
    expect(chairSocket.socket.connected).toBe(true);
    chairSocket.close();
  });

  it("by an administrator, and only by one", async () => {
    const chairSocket = await connect(world.chair.client);
    const refused = await world.chair.client.request("POST", `/api/admin/accounts/${world.chair.account.id}/end-sessions`);
    expect(refused.status).toBe(403);
    const reply = await world.admin.ok<{ ended: number }>("POST", `/api/admin/accounts/${world.chair.account.id}/end-sessions`);
    expect(reply.ended).toBe(1);
    await eventually("the chair's socket is ended", () => chairSocket.events.find((e) => e.name === "session:ended"));
    expect((await world.chair.client.get("/api/auth/session")).status).toBe(401);
    expect((await world.admin.request("POST", `/api/admin/accounts/${world.table.id}/end-sessions`)).status).toBe(404);
  });
});
