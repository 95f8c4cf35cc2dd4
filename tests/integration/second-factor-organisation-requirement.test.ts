// An administrator makes the second factor required for an organisation: its members
// without one reach nothing but the enrolment (REST, realtime and the collaboration
// server alike) until they have set it up; other organisations are not affected.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boardDocName, COLLAB_CLOSE } from "../../shared/collab.js";
import type { AdminOrganisationView, SessionView } from "../../shared/types.js";
import { ApiClient } from "../support/api.js";
import { CollabClient } from "../support/collab.js";
import { buildWorld, PASSWORD, type World } from "../support/factories.js";
import { connect, eventually } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { enrol, signInWithCode } from "../support/secondFactor.js";

let server: TestServer;
let world: World;
let careOrg: AdminOrganisationView;

beforeAll(async () => {
  server = await startServer();
  // The chair and a member in their own organisations; the first member's org will require it.
  world = await buildWorld(server, 2);
  const orgs = await world.admin.ok<AdminOrganisationView[]>("GET", "/api/admin/organisations");
  const found = orgs.find((o) => o.id === world.members[0]?.account.organisation.id);
  if (!found) throw new Error("member's organisation not listed");
  careOrg = found;
});
afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
});

describe("requiring a second factor", () => {
  it("is an administrator's setting only", async () => {
    expect(careOrg.requiresSecondFactor).toBe(false);
    const member = world.members[0];
    if (!member) throw new Error("no member");
    const refused = await member.client.put(`/api/admin/organisations/${careOrg.id}/second-factor`, { required: true });
    expect(refused.status).toBe(403);
    expect((await world.admin.put(`/api/admin/organisations/${careOrg.id}/second-factor`, { required: "yes" })).status).toBe(400);
    expect((await world.admin.put(`/api/admin/organisations/${world.table.id}/second-factor`, { required: true })).status).toBe(404);
    const set = await world.admin.ok<AdminOrganisationView>("PUT", `/api/admin/organisations/${careOrg.id}/second-factor`, { required: true });
    expect(set.requiresSecondFactor).toBe(true);
    expect(server.lines.some((l) => l.includes('"second-factor-requirement-changed"') && l.includes(careOrg.id))).toBe(true);
  });

  it("gates every channel of a member without one, except the enrolment, at once and for existing sessions", async () => {
    const member = world.members[0];
    if (!member) throw new Error("no member");
    // The session opened before the requirement is gated too.
    const session = await member.client.ok<SessionView>("GET", "/api/auth/session");
    expect(session.mustEnrolSecondFactor).toBe(true);
    for (const [method, path] of [
      ["GET", "/api/tables"],
      ["GET", `/api/tables/${world.table.id}`],
      ["POST", "/api/tables"],
      ["POST", "/api/auth/password"],
      ["GET", "/api/agreements"],
    ] as const) {
      const reply = await member.client.request<{ error: { code: string; message: string } }>(method, path, method === "POST" ? {} : undefined);
      expect(reply.status, `${method} ${path}`).toBe(403);
      expect(reply.body.error.code).toBe("second-factor-required");
    }
    await expect(connect(member.client)).rejects.toThrow(/second-factor-required/);
    const collab = await CollabClient.open(member.client, boardDocName(world.table.id));
    const closed = await eventually("collab refused", () => collab.closeInfo, 3000);
    expect(closed.code).toBe(COLLAB_CLOSE.notSignedIn);
    expect(collab.received).toEqual([]);

    // The chair, in another organisation, is not affected.
    expect((await world.chair.client.get(`/api/tables/${world.table.id}`)).status).toBe(200);

    // A new sign-in lands behind the same gate.
    const fresh = new ApiClient(server);
    expect((await fresh.signIn(member.username, PASSWORD)).mustEnrolSecondFactor).toBe(true);
    expect((await fresh.get("/api/tables")).status).toBe(403);
  });

  it("opens again once the member has enrolled, and from then on sign-in asks for the code", async () => {
    const member = world.members[0];
    if (!member) throw new Error("no member");
    const { app } = await enrol(member.client);
    const session = await member.client.ok<SessionView>("GET", "/api/auth/session");
    expect(session).toMatchObject({ mustEnrolSecondFactor: false, secondFactorEnrolled: true });
    expect((await member.client.get(`/api/tables/${world.table.id}`)).status).toBe(200);
    const socket = await connect(member.client);
    socket.socket.disconnect();

    const fresh = new ApiClient(server);
    const signed = await signInWithCode(fresh, member.username, PASSWORD, app);
    expect(signed.mustEnrolSecondFactor).toBe(false);
    expect((await fresh.get("/api/tables")).status).toBe(200);
  });

  it("when lifted, lets members without one in again", async () => {
    const other = world.members[1];
    if (!other) throw new Error("no member");
    const orgId = other.account.organisation.id;
    await world.admin.ok("PUT", `/api/admin/organisations/${orgId}/second-factor`, { required: true });
    expect((await other.client.get("/api/tables")).status).toBe(403);
    await world.admin.ok("PUT", `/api/admin/organisations/${orgId}/second-factor`, { required: false });
    expect((await other.client.get("/api/tables")).status).toBe(200);
  });
});
