// The language of the interface is a person's own choice, kept on their account: it
// comes back with every new session, changes nobody else's, and bad input is refused
// with a clear error and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiError, PreferencesView, SessionView } from "../../shared/types.js";
import { ApiClient } from "../support/api.js";
import { bootstrapAdmin, buildMember, PASSWORD, type Member } from "../support/factories.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

let server: TestServer;
let ann: Member;
let ben: Member;

beforeAll(async () => {
  server = await startServer();
  const admin = await bootstrapAdmin(server);
  ann = await buildMember(server, admin, { name: "Ann" });
  ben = await buildMember(server, admin, { name: "Ben" });
});
afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
});

const stored = (accountId: string) => server.tafel.ctx.store.global.data.accounts.find((a) => a.id === accountId)?.locale;

describe("the language preference", () => {
  it("is absent until the person chooses, so the browser's preference decides", async () => {
    const session = await ann.client.ok<SessionView>("GET", "/api/auth/session");
    expect(session.locale).toBeUndefined();
  });

  it("is kept on the account and returned by the session, and in a new sign-in", async () => {
    const reply = await ann.client.put<PreferencesView>("/api/auth/preferences", { locale: "nl" });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ locale: "nl" });
    expect((await ann.client.ok<SessionView>("GET", "/api/auth/session")).locale).toBe("nl");

    const elsewhere = new ApiClient(server);
    const fresh = await elsewhere.signIn(ann.username, PASSWORD);
    expect(fresh.locale).toBe("nl");
  });

  it("changes only the person's own account", async () => {
    expect((await ben.client.ok<SessionView>("GET", "/api/auth/session")).locale).toBeUndefined();
    expect(stored(ben.account.id)).toBeUndefined();
    await ben.client.ok("PUT", "/api/auth/preferences", { locale: "en" });
    expect(stored(ben.account.id)).toBe("en");
    expect(stored(ann.account.id)).toBe("nl");
  });

  it("survives a restart", async () => {
    server = await server.restart();
    const again = new ApiClient(server);
    expect((await again.signIn(ann.username, PASSWORD)).locale).toBe("nl");
  });

  it.each([
    ["an unknown language", { locale: "de" }],
    ["a region tag", { locale: "nl-BE" }],
    ["no language", {}],
    ["a number", { locale: 1 }],
    ["an extra field", { locale: "en", accountId: "someone-else" }],
    ["a huge string", { locale: "n".repeat(100_000) }],
  ])("refuses %s with a 4xx and a code, writing nothing", async (_what, body) => {
    const client = new ApiClient(server);
    await client.signIn(ann.username, PASSWORD);
    const reply = await client.put<ApiError>("/api/auth/preferences", body);
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    expect(typeof reply.body.error.code).toBe("string");
    expect(reply.body.error.message.length).toBeGreaterThan(0);
    expect(stored(ann.account.id)).toBe("nl");
  });

  it("refuses a request without a session, and one from a foreign page", async () => {
    const anonymous = new ApiClient(server);
    const noSession = await anonymous.put<ApiError>("/api/auth/preferences", { locale: "en" });
    expect(noSession.status).toBe(401);
    expect(noSession.body.error.code).toBe("not-signed-in");

    const foreign = new ApiClient(server, { origin: "https://evil.example" });
    await foreign.request("POST", "/api/auth/login", { username: ann.username, password: PASSWORD }, { origin: server.origin });
    const crossSite = await foreign.put<ApiError>("/api/auth/preferences", { locale: "en" });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.error.code).toBe("bad-origin");
    expect(stored(ann.account.id)).toBe("nl");
  });
});
