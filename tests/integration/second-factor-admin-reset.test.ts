// A lost phone: an administrator resets the person's second factor. That ends every
// session of theirs (REST and realtime), spends any pending sign-in, is logged with who
// did it, and only an administrator can do it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminAccountView, LoginResult } from "../../shared/types.js";
import { ApiClient } from "../support/api.js";
import { buildWorld, PASSWORD, type World } from "../support/factories.js";
import { connect, eventually } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { enrol, isChallenge, passwordStep, signInWithCode } from "../support/secondFactor.js";

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

describe("an administrator resetting a second factor", () => {
  it("ends the person's sessions and pending sign-ins; they sign in with the password alone", async () => {
    const member = world.members[0];
    if (!member) throw new Error("no member");
    const { app } = await enrol(member.client);
    const listed = await world.admin.ok<AdminAccountView[]>("GET", "/api/admin/accounts");
    expect(listed.find((a) => a.id === member.account.id)?.secondFactorEnrolled).toBe(true);

    const laptop = new ApiClient(server);
    await signInWithCode(laptop, member.username, PASSWORD, app);
    const socket = await connect(laptop);
    const pending = await passwordStep(new ApiClient(server), member.username, PASSWORD);

    // Not by a member, not for an unknown account.
    expect((await world.chair.client.post(`/api/admin/accounts/${member.account.id}/second-factor/reset`)).status).toBe(403);
    expect((await world.admin.post(`/api/admin/accounts/${world.table.id}/second-factor/reset`)).status).toBe(404);
    expect((await world.admin.post(`/api/admin/accounts/not-an-id/second-factor/reset`)).status).toBe(400);

    const reset = await world.admin.ok<{ ended: number }>("POST", `/api/admin/accounts/${member.account.id}/second-factor/reset`);
    expect(reset.ended).toBe(2);
    expect((await laptop.get("/api/auth/session")).status).toBe(401);
    expect((await member.client.get("/api/auth/session")).status).toBe(401);
    await eventually("the socket was closed", () => !socket.socket.connected);
    const spent = await new ApiClient(server).post("/api/auth/login/second-factor", { pendingToken: pending.pendingToken, code: await app.freshCode() });
    expect(spent.status).toBe(401);

    const after = await world.admin.ok<AdminAccountView[]>("GET", "/api/admin/accounts");
    expect(after.find((a) => a.id === member.account.id)?.secondFactorEnrolled).toBe(false);
    const plain = await new ApiClient(server).ok<LoginResult>("POST", "/api/auth/login", { username: member.username, password: PASSWORD });
    expect(isChallenge(plain)).toBe(false);

    const line = server.lines.find((l) => l.includes('"second-factor-reset"'));
    expect(line).toBeDefined();
    expect(line).toContain(member.account.id);
    const admin = listed.find((a) => a.role === "admin");
    expect(line).toContain(`"by":"${admin?.id ?? "?"}"`);
    expect(line).toMatch(/"time":"\d{4}-/);
  });
});
