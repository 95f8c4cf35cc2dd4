// ASVS 6.2.4 and 6.2.11 at every place a password is chosen: setting up the first
// administrator, replacing a temporary password, and changing one's own. A common
// password, a keyboard pattern, or one leaning on "Tafel", the username, the person's
// name or their organisation's name is refused with a 400 that names the reason on the
// field — never echoing the password — and nothing changes: the old password still
// works, no session starts, no other session ends.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiError, CreatedAccountView, OrganisationView, SetupStatus } from "../../shared/types.js";
import { ApiClient } from "../support/api.js";
import { PASSWORD } from "../support/factories.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { errorLines, expectApiError } from "../support/adversary.js";

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  expect(errorLines(server)).toEqual([]);
  await server.stop();
  await removeDir(server.dataDir);
});

/** Asserts a refusal naming `reason` on `field`, with the password nowhere in the answer or the server log. */
function expectRefused(reply: { status: number; text: string; body: unknown }, field: string, reason: RegExp, password: string): void {
  const body = expectApiError(reply, 400, "invalid-input") as ApiError;
  expect(body.error.fields).toEqual([{ path: field, message: expect.stringMatching(reason) }]);
  expect(body.error.message).toMatch(reason);
  expect(reply.text).not.toContain(password);
  expect(server.lines.join("\n")).not.toContain(password);
}

const REFUSED_FOR_ANYONE: [string, RegExp][] = [
  ["Password12345", /most commonly used/],
  ["poiuytrewq4321", /keyboard pattern/],
  ["Welkom2025!!!", /common word/],
  ["P@ssw0rd-2025", /common word/],
  ["Tafel2025!secure", /Tafel/],
];

describe("setting up the first administrator", () => {
  it("refuses common passwords and the administrator's own name and username, and creates nothing", async () => {
    const token = server.tafel.setupToken;
    expect(token).toBeTruthy();
    const cases: [string, RegExp][] = [...REFUSED_FOR_ANYONE, ["Hilde.Vermeulen-1975", /your (username|name)/], ["hvermeulen!2025", /your username/]];
    for (const [password, reason] of cases) {
      const client = new ApiClient(server);
      const reply = await client.request("POST", "/api/setup", { token, name: "Hilde Vermeulen", username: "hvermeulen", password });
      expectRefused(reply, "password", reason, password);
      expect(client.cookie).toBeUndefined();
    }
    expect((await new ApiClient(server).ok<SetupStatus>("GET", "/api/setup")).needsSetup).toBe(true);
    // The token was not spent: a good password still works.
    const admin = new ApiClient(server);
    await admin.ok("POST", "/api/setup", { token, name: "Hilde Vermeulen", username: "hvermeulen", password: PASSWORD });
    expect((await admin.ok<SetupStatus>("GET", "/api/setup")).needsSetup).toBe(false);
  });
});

describe("replacing a temporary password and changing one's own", () => {
  let admin: ApiClient;
  let anna: CreatedAccountView;
  beforeAll(async () => {
    admin = new ApiClient(server);
    await admin.signIn("hvermeulen", PASSWORD);
    const org = await admin.ok<OrganisationView>("POST", "/api/admin/organisations", { name: "OCMW Antwerpen", sector: "care", secrecy: "professional" });
    anna = await admin.ok<CreatedAccountView>("POST", "/api/admin/accounts", { name: "Anna De Smet", username: "anna.desmet", organisationId: org.id, role: "member" });
  });

  it("refuses each reason on the temporary password's replacement, and the temporary password stays the way in", async () => {
    const laptop = new ApiClient(server);
    await laptop.signIn("anna.desmet", anna.temporaryPassword);
    const cases: [string, RegExp][] = [
      ...REFUSED_FOR_ANYONE,
      ["anna.desmet-2025", /your username/],
      ["Smet!Smet!Smet!", /your name/],
      ["Antwerpen2025!!", /your organisation/],
      ["OCMW-Antwerpen-1", /your organisation/],
    ];
    for (const [password, reason] of cases) {
      expectRefused(await laptop.request("POST", "/api/auth/password", { current: anna.temporaryPassword, next: password }), "next", reason, password);
    }
    // Nothing changed: still behind the temporary-password gate, and the temporary one still signs in.
    expectApiError(await laptop.request("GET", "/api/tables"), 403, "password-change-required");
    await new ApiClient(server).signIn("anna.desmet", anna.temporaryPassword);
    await laptop.ok("POST", "/api/auth/password", { current: anna.temporaryPassword, next: PASSWORD });
    expect((await laptop.request("GET", "/api/tables")).status).toBe(200);
  });

  it("refuses the same on a later change, ending no session and keeping the current password", async () => {
    const laptop = new ApiClient(server);
    await laptop.signIn("anna.desmet", PASSWORD);
    const phone = new ApiClient(server);
    await phone.signIn("anna.desmet", PASSWORD);
    for (const password of ["AnnaDeSmet!2025", "azertyuiop123", "ilovefootball!"]) {
      const reply = await laptop.request("POST", "/api/auth/password", { current: PASSWORD, next: password });
      expect(reply.status).toBe(400);
      expect(reply.text).not.toContain(password);
    }
    expect((await phone.get("/api/auth/session")).status).toBe(200);
    await new ApiClient(server).signIn("anna.desmet", PASSWORD);
    // A good passphrase is taken.
    await laptop.ok("POST", "/api/auth/password", { current: PASSWORD, next: "kerstboom in de tuin van oma" });
    await new ApiClient(server).signIn("anna.desmet", "kerstboom in de tuin van oma");
  });
});
