// An administrator sets a temporary password; it opens nothing but the page to choose
// one's own — so the administrator never knows a password that reads a table.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountView, OrganisationView, SessionView } from "../../shared/types.js";
import { ApiClient } from "../support/api.js";
import { bootstrapAdmin, PASSWORD } from "../support/factories.js";
import { connect } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

let server: TestServer;
let admin: ApiClient;
const TEMPORARY = "the admin knows this one";

beforeAll(async () => {
  server = await startServer();
  admin = await bootstrapAdmin(server);
  const org = await admin.ok<OrganisationView>("POST", "/api/admin/organisations", { name: "CAW", sector: "care", secrecy: "professional" });
  await admin.ok<AccountView>("POST", "/api/admin/accounts", { name: "Tom", username: "tom", password: TEMPORARY, organisationId: org.id, role: "member" });
});
afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
});

describe("a temporary password", () => {
  it("opens nothing but choosing one's own, which ends the other sessions", async () => {
    const laptop = new ApiClient(server);
    const session = await laptop.signIn("tom", TEMPORARY);
    expect(session.mustChangePassword).toBe(true);
    const refused = await laptop.get<{ error: { code: string } }>("/api/tables");
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("password-change-required");
    expect((await laptop.post("/api/tables", {})).status).toBe(403);
    await expect(connect(laptop)).rejects.toThrow(/password-change-required/);

    const phone = new ApiClient(server);
    await phone.signIn("tom", TEMPORARY);
    expect((await laptop.post("/api/auth/password", { current: "wrong", next: PASSWORD })).status).toBe(400);
    expect((await laptop.post("/api/auth/password", { current: TEMPORARY, next: TEMPORARY })).status).toBe(400);
    expect((await laptop.post("/api/auth/password", { current: TEMPORARY, next: "short" })).status).toBe(400);
    expect((await laptop.post("/api/auth/password", { current: TEMPORARY, next: PASSWORD })).status).toBe(204);

    expect((await laptop.ok<SessionView>("GET", "/api/auth/session")).mustChangePassword).toBe(false);
    expect((await laptop.get("/api/tables")).status).toBe(200);
    expect((await phone.get("/api/auth/session")).status).toBe(401); // the other session ended
    expect((await new ApiClient(server).request("POST", "/api/auth/login", { username: "tom", password: TEMPORARY })).status).toBe(401);
    await new ApiClient(server).signIn("tom", PASSWORD);
  });
});
