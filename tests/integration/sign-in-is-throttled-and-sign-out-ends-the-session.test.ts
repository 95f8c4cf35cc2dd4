// Sign-in and sessions: repeated failures for one username are throttled (429, JSON),
// the session cookie is HttpOnly and SameSite=Strict, and signing out ends that session
// at once — on REST and on every socket opened with it — and no other session.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PROTOCOL_VERSION } from "../../shared/protocol.js";
import { ApiClient } from "../support/api.js";
import { buildWorld, PASSWORD, type Member, type World } from "../support/factories.js";
import { connect, eventually } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { errorLines, eventNames, expectApiError, SocketPool } from "../support/adversary.js";

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

async function login(username: string, password: string) {
  return new ApiClient(server).post("/api/auth/login", { username, password });
}

describe("signing in", () => {
  it("sets an HttpOnly, SameSite=Strict session cookie for the whole site", async () => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { origin: server.origin, "content-type": "application/json" },
      body: JSON.stringify({ username: alice.username, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^tafel_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Strict/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    expect(cookie).toMatch(/;\s*Expires=/i);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.text();
    expect(body).not.toContain(cookie.split(";")[0]?.split("=")[1] ?? "--");
  });

  it("answers a wrong password and an unknown username alike", async () => {
    const wrong = await login(bob.username, "not the password at all");
    const unknown = await login("nobody-here", "not the password at all");
    expectApiError(wrong, 401, "not-signed-in");
    expect(unknown.body).toEqual(wrong.body);
  });

  it("throttles repeated failures for one username with a JSON 429, without affecting others", async () => {
    const target = world.chair.username; // no other test here fails a sign-in for the chair
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      // Case variants are the same username: they count together.
      statuses.push((await login(i % 2 === 0 ? target : target.toUpperCase(), `wrong password ${i}`)).status);
    }
    expect(statuses.every((s) => s === 401)).toBe(true);
    const throttled = await login(target, "wrong password 11");
    expectApiError(throttled, 429, "too-many-requests");
    // While throttled, even the right password is refused for this username…
    expectApiError(await login(target, PASSWORD), 429, "too-many-requests");
    // …but other people still sign in.
    expect((await login(alice.username, PASSWORD)).status).toBe(200);
    // The chair's existing session is untouched.
    expect((await world.chair.client.get("/api/auth/session")).status).toBe(200);
  }, 60_000); // a dozen scrypt checks one after another: ~12 s on an idle 2-core machine, ~18 s loaded
});

describe("signing out", () => {
  it("ends that session on REST and on each of its sockets at once; other sessions carry on", async () => {
    const t = world.table.id;
    // Alice on two devices: two sessions.
    const laptop = alice.client;
    const phone = new ApiClient(server);
    await phone.signIn(alice.username, PASSWORD);
    const laptopCookie = laptop.cookie;
    const laptopSockets = [await pool.online(alice, t), await pool.connect(alice)];
    const phoneSocket = await connect(phone);
    try {
      expect(await phoneSocket.openTable(t)).toEqual({ ok: true });
      const disconnected = laptopSockets.map((s) => new Promise<void>((resolve) => s.socket.once("disconnect", () => resolve())));

      const res = await laptop.request("POST", "/api/auth/logout", {});
      expect(res.status).toBe(204);
      expect(laptop.cookie).toBeUndefined(); // the cookie was cleared

      for (const s of laptopSockets) {
        const ended = await eventually("the socket is told", () => s.events.find((e) => e.name === "session:ended"), 2000);
        expect(ended.payload).toEqual({ v: PROTOCOL_VERSION, refusal: "signed-out" });
      }
      await Promise.all(disconnected);

      // The old cookie is worthless now, on REST and for a new socket.
      const stale = new ApiClient(server);
      stale.cookie = laptopCookie;
      expectApiError(await stale.get("/api/auth/session"), 401, "not-signed-in");
      expect((await stale.get(`/api/tables/${t}`)).status).toBe(401);
      await expect(connect(stale)).rejects.toThrow("not-signed-in");

      // The phone's session and socket carry on.
      expect(phoneSocket.socket.connected).toBe(true);
      expect(eventNames(phoneSocket)).not.toContain("session:ended");
      expect((await phone.get("/api/auth/session")).status).toBe(200);
      expect(await phoneSocket.openTable(t)).toEqual({ ok: true });
    } finally {
      phoneSocket.close();
    }
  });

  it("without a session is harmless, and from a foreign Origin is refused and ends nothing", async () => {
    expect((await new ApiClient(server).request("POST", "/api/auth/logout", {})).status).toBe(204);
    const foreign = new ApiClient(server, { origin: "https://evil.example" });
    foreign.cookie = bob.client.cookie;
    expectApiError(await foreign.request("POST", "/api/auth/logout", {}), 403, "bad-origin");
    expect((await bob.client.get("/api/auth/session")).status).toBe(200);
  });
});
