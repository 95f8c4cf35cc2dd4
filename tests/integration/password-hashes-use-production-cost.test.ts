// The test servers hash passwords at a lower scrypt cost (tests/support/server.ts), so
// this is the one place that proves a server left at its defaults, as `npm start` runs
// it, stores every new password (setup, temporary, chosen) at N = 2^17, and that a
// cheaper hash made elsewhere still verifies (each hash carries its own parameters).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrapAdmin, buildMember } from "../support/factories.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ productionPasswordCost: true });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  if (server) await removeDir(server.dataDir);
});

describe("password hashes at the default configuration", () => {
  it("are scrypt N=2^17, r=8, p=1 for the administrator and for an activated member", async () => {
    const admin = await bootstrapAdmin(server);
    const member = await buildMember(server, admin, { name: "Costly" });
    const accounts = server.tafel.ctx.store.global.data.accounts;
    expect(accounts.length).toBeGreaterThanOrEqual(2);
    for (const a of accounts) expect(a.password).toMatchObject({ algorithm: "scrypt", N: 2 ** 17, r: 8, p: 1 });
    // The member signed in with the chosen password, so it verifies at that cost.
    expect((await member.client.request("GET", "/api/auth/session")).status).toBe(200);
  }, 60_000);
});
