// Floods are refused, and only the flooder is: with low limits set through the config,
// a signed-in account past its limit gets 429 with a clear JSON error and Retry-After,
// on every session it has, while a colleague at the same address keeps working; a
// client without a session past the address limit gets 429 too; a socket sending too
// many events is told why and disconnected, and other sockets keep receiving.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROTOCOL_VERSION } from "../../shared/protocol.js";
import type { ApiError } from "../../shared/types.js";
import { ApiClient, type Reply } from "../support/api.js";
import { buildWorld, PASSWORD, releaseCanary, type Member, type World } from "../support/factories.js";
import { eventually } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { errorLines, eventNames, expectApiError, logEvents, SocketPool } from "../support/adversary.js";

const LIMITS = { perAccountPerMinute: 40, perAddressPerMinute: 30, socketEventsPerMinute: 10 };

let server: TestServer;
let world: World;
let alice: Member;
let bob: Member;
const pool = new SocketPool();

beforeAll(async () => {
  server = await startServer({ rateLimits: LIMITS });
  world = await buildWorld(server, 2);
  [alice, bob] = world.members as [Member, Member];
});

afterAll(async () => {
  pool.closeAll();
  expect(errorLines(server)).toEqual([]);
  await server.stop();
  await removeDir(server.dataDir);
});

/**
 * Sends until the first 429. The limiter's window is fixed (one minute), so a window
 * may turn over during the flood: at most twice the limit can pass before the refusal.
 */
async function floodUntilRefused(send: () => Promise<Reply<unknown>>, limit: number): Promise<{ passed: number; refusal: Reply<unknown>; headers: Headers }> {
  let passed = 0;
  for (let i = 0; i <= 2 * limit + 1; i += 1) {
    const reply = await send();
    if (reply.status === 429) return { passed, refusal: reply, headers: lastHeaders };
    expect(reply.status, reply.text.slice(0, 200)).toBeLessThan(400);
    passed += 1;
  }
  throw new Error(`no 429 after ${2 * limit + 2} requests`);
}

let lastHeaders = new Headers();
/** A GET that keeps the response headers (ApiClient keeps only the body). */
async function get(client: ApiClient, path: string): Promise<Reply<unknown>> {
  const res = await fetch(`${server.url}${path}`, { headers: { origin: server.origin, ...(client.cookie ? { cookie: client.cookie } : {}) } });
  lastHeaders = res.headers;
  const text = await res.text();
  return { status: res.status, text, body: res.headers.get("content-type")?.includes("json") ? (JSON.parse(text) as unknown) : text };
}

function expectClearRefusal(refusal: Reply<unknown>, headers: Headers): void {
  const body = expectApiError(refusal, 429, "too-many-requests") as ApiError;
  expect(body.error.message).toMatch(/Too many requests: at most \d+ a minute .* Try again in \d+ seconds\./);
  const retryAfter = Number(headers.get("retry-after"));
  expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 60, `Retry-After: ${headers.get("retry-after")}`).toBe(true);
  expect(headers.get("ratelimit-policy")).toMatch(/\bw=60\b/);
}

describe("per account", () => {
  it("an account past its limit gets 429 with Retry-After on all its sessions; a colleague at the same address is served", async () => {
    // A second session of Alice's, signed in first (scrypt is slow; the checks after the flood are quick).
    const second = new ApiClient(server);
    await second.signIn(alice.username, PASSWORD);
    const { passed, refusal, headers } = await floodUntilRefused(() => get(alice.client, "/api/tables"), LIMITS.perAccountPerMinute);
    expect(passed).toBeLessThanOrEqual(2 * LIMITS.perAccountPerMinute);
    expectClearRefusal(refusal, headers);
    expect((refusal.body as ApiError).error.message).toContain("for one account");

    // The same account from its other session is limited too: the key is the account.
    expect((await get(second, "/api/tables")).status).toBe(429);

    // Bob, at the same address (127.0.0.1), is not starved by Alice.
    expect((await get(bob.client, "/api/tables")).status).toBe(200);
    expect((await get(bob.client, `/api/tables/${world.table.id}`)).status).toBe(200);

    const event = logEvents(server, "rate-limited").find((e) => e.accountId === alice.account.id);
    expect(event).toMatchObject({ limiter: "account", level: "warn", route: "/api/tables" });
  });
});

describe("per address", () => {
  it("requests without a session past the address limit get 429; signed-in accounts at that address are not affected", async () => {
    const nobody = new ApiClient(server);
    const { refusal, headers } = await floodUntilRefused(async () => {
      const reply = await get(nobody, "/api/setup");
      return reply;
    }, LIMITS.perAddressPerMinute);
    expectClearRefusal(refusal, headers);
    expect((refusal.body as ApiError).error.message).toContain("from one address without signing in");
    expect(logEvents(server, "rate-limited").some((e) => e.limiter === "address" && e.accountId === null)).toBe(true);
    expect((await get(bob.client, "/api/tables")).status).toBe(200);
  });
});

describe("per socket", () => {
  it("a socket sending too many events is told and disconnected; other sockets keep receiving", async () => {
    const flooder = await pool.connect(bob);
    // Alice is past her REST limit (above); her socket is not limited by it.
    const witness = await pool.online(alice, world.table.id);
    const raw = flooder.socket as unknown as { emit(event: string, ...args: unknown[]): void };
    for (let i = 0; i < LIMITS.socketEventsPerMinute + 5; i += 1) raw.emit("table:open", { v: PROTOCOL_VERSION, tableId: world.table.id }, () => undefined);
    await eventually("the flooder is told", () => eventNames(flooder).includes("socket:rate-limited"));
    await eventually("the flooder is disconnected", () => !flooder.socket.connected);
    const told = flooder.events.find((e) => e.name === "socket:rate-limited")?.payload;
    expect(told).toMatchObject({ v: PROTOCOL_VERSION, refusal: "too-many-events", message: expect.stringContaining("Too many messages") });
    expect(logEvents(server, "rate-limited").some((e) => e.limiter === "socket" && e.accountId === bob.account.id)).toBe(true);

    // The limit is per socket: Bob's next socket and everyone else's are served.
    const again = await pool.online(bob, world.table.id);
    const { fragment } = await releaseCanary(world.chair, world.table, [bob.account.id, alice.account.id]);
    await eventually("bob's new socket receives", () => again.deliveries.some((d) => d.fragment.id === fragment.id));
    await eventually("alice's socket receives", () => witness.deliveries.some((d) => d.fragment.id === fragment.id));
  });
});
