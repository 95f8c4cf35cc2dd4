// ASVS 7.4.5: an administrator can end every session of every account at once (a
// suspected breach): every cookie stops working, every socket and Yjs connection is
// closed, a half-done second-factor sign-in cannot finish, the administrator's own
// session ends too, and everyone can sign in again. Only an administrator can; logged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boardDocName, COLLAB_CLOSE } from "../../shared/collab.js";
import type { ApiError } from "../../shared/types.js";
import { ApiClient } from "../support/api.js";
import { buildMember, buildWorld, PASSWORD, type Member, type World } from "../support/factories.js";
import { connect, eventually } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { errorLines, expectApiError, logEvents } from "../support/adversary.js";
import { CollabPool } from "../support/collab.js";
import { enrol, passwordStep } from "../support/secondFactor.js";

let server: TestServer;
let world: World;
const pool = new CollabPool();

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 2);
});

afterAll(async () => {
  await pool.closeAll();
  expect(errorLines(server)).toEqual([]);
  await server.stop();
  await removeDir(server.dataDir);
});

describe("ending every session of every account", () => {
  it("is refused to anyone but an administrator, and ends nothing then", async () => {
    const [alice] = world.members as [Member];
    expectApiError(await alice.client.request("POST", "/api/admin/sessions/end-all", {}), 403, "forbidden");
    expect((await alice.client.get("/api/auth/session")).status).toBe(200);
    expect((await world.chair.client.get("/api/auth/session")).status).toBe(200);
    expect(logEvents(server, "all-sessions-ended")).toEqual([]);
  });

  it("ends every cookie, socket and Yjs connection at once, the administrator's own too", async () => {
    const people = [world.chair, ...world.members];
    const sockets = await Promise.all(people.map((m) => connect(m.client)));
    const boards = await Promise.all(people.map((m) => pool.synced(m.client, boardDocName(world.table.id))));
    const dave = await buildMember(server, world.admin, { name: "Dave" });
    const { app } = await enrol(dave.client);
    const halfway = new ApiClient(server);
    const challenge = await passwordStep(halfway, dave.username, PASSWORD);
    const adminSecondDevice = new ApiClient(server);
    await adminSecondDevice.signIn("admin", PASSWORD);

    const reply = await world.admin.request<{ ended: number }>("POST", "/api/admin/sessions/end-all", {});
    expect(reply.status).toBe(200);
    // chair, two members, Dave, the administrator on two devices
    expect(reply.body.ended).toBe(6);

    for (const s of sockets) await eventually("each socket is told and closed", () => s.events.find((e) => e.name === "session:ended"));
    for (const b of boards) expect(await eventually("each Yjs connection closes", () => b.closeInfo, 2000)).toMatchObject({ code: COLLAB_CLOSE.notSignedIn });
    for (const c of [...people.map((m) => m.client), dave.client, world.admin, adminSecondDevice]) {
      expect((await c.get("/api/auth/session")).status).toBe(401);
    }
    const step = await halfway.request<ApiError>("POST", "/api/auth/login/second-factor", { pendingToken: challenge.pendingToken, code: await app.freshCode() });
    expectApiError(step, 401, "not-signed-in");

    const event = logEvents(server, "all-sessions-ended");
    expect(event).toHaveLength(1);
    expect(event[0]).toMatchObject({ sessionsEnded: 6, by: expect.any(String) });
  });

  it("leaves everyone able to sign in again", async () => {
    await world.admin.signIn("admin", PASSWORD);
    expect((await world.admin.get("/api/admin/accounts")).status).toBe(200);
    for (const m of [world.chair, ...world.members]) {
      await m.client.signIn(m.username, PASSWORD);
      expect((await m.client.get(`/api/tables/${world.table.id}`)).status).toBe(200);
    }
  });
});
