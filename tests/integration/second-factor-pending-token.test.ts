// The token between the password step and the code step is not a session: it opens
// nothing, works once, ends after five minutes or five wrong codes, and guessing codes
// is throttled like guessing passwords.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../server/auth/cookies.js";
import type { SessionView } from "../../shared/types.js";
import { ApiClient } from "../support/api.js";
import { bootstrapAdmin, buildMember, PASSWORD, type Member } from "../support/factories.js";
import { connect } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { enrol, passwordStep, type Enrolled } from "../support/secondFactor.js";

let server: TestServer;
let admin: ApiClient;

beforeAll(async () => {
  server = await startServer();
  admin = await bootstrapAdmin(server);
});
afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
});

async function enrolledMember(name: string): Promise<Member & Enrolled> {
  const member = await buildMember(server, admin, { name });
  return { ...member, ...(await enrol(member.client)) };
}

const CODE_STEP = "/api/auth/login/second-factor";

describe("the pending token", () => {
  it("cannot be used as a session cookie, on REST or realtime", async () => {
    const carol = await enrolledMember("Carol");
    const thief = new ApiClient(server);
    const challenge = await passwordStep(thief, carol.username, PASSWORD);
    thief.cookie = `${SESSION_COOKIE}=${challenge.pendingToken}`;
    expect((await thief.get("/api/auth/session")).status).toBe(401);
    expect((await thief.get("/api/tables")).status).toBe(401);
    expect((await thief.get("/api/auth/second-factor")).status).toBe(401);
    await expect(connect(thief)).rejects.toThrow(/not-signed-in/);
    // It still works for what it is for.
    thief.cookie = undefined;
    await thief.ok<SessionView>("POST", CODE_STEP, { pendingToken: challenge.pendingToken, code: await carol.app.freshCode() });
  });

  it("works once", async () => {
    const dirk = await enrolledMember("Dirk");
    const first = new ApiClient(server);
    const challenge = await passwordStep(first, dirk.username, PASSWORD);
    await first.ok("POST", CODE_STEP, { pendingToken: challenge.pendingToken, code: await dirk.app.freshCode() });
    // Replayed with a code that would be good: the token is spent.
    const second = new ApiClient(server);
    const again = await second.post<{ error: { message: string } }>(CODE_STEP, { pendingToken: challenge.pendingToken, code: dirk.recoveryCodes[0] });
    expect(again.status).toBe(401);
    expect(again.body.error.message).toMatch(/expired or was already used/);
    expect(second.cookie).toBeUndefined();
    // The recovery code was not spent by the refused attempt.
    const third = new ApiClient(server);
    const c = await passwordStep(third, dirk.username, PASSWORD);
    await third.ok("POST", CODE_STEP, { pendingToken: c.pendingToken, code: dirk.recoveryCodes[0] });
  });

  it("ends after five minutes", async () => {
    const els = await enrolledMember("Els");
    const late = new ApiClient(server);
    const challenge = await passwordStep(late, els.username, PASSWORD);
    // Five minutes pass.
    await server.tafel.ctx.store.global.update((d) => {
      for (const p of d.pendingSignIns ?? []) if (p.accountId === els.account.id) p.expiresAt = new Date(Date.now() - 1000).toISOString();
    });
    const refused = await late.post<{ error: { message: string } }>(CODE_STEP, { pendingToken: challenge.pendingToken, code: await els.app.freshCode() });
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toMatch(/expired/);
    expect(late.cookie).toBeUndefined();
  });

  it("ends after five wrong codes, even if the sixth is right", async () => {
    const frank = await enrolledMember("Frank");
    const guesser = new ApiClient(server);
    const challenge = await passwordStep(guesser, frank.username, PASSWORD);
    for (let i = 0; i < 5; i += 1) {
      expect((await guesser.post(CODE_STEP, { pendingToken: challenge.pendingToken, code: `00000${i}` })).status).toBe(401);
    }
    const right = await guesser.post<{ error: { message: string } }>(CODE_STEP, { pendingToken: challenge.pendingToken, code: await frank.app.freshCode() });
    expect(right.status).toBe(401);
    expect(right.body.error.message).toMatch(/sign in again/i);
  });

  it("rejects malformed input with a clear 400 and writes nothing", async () => {
    const before = JSON.stringify(server.tafel.ctx.store.global.data.pendingSignIns ?? []);
    for (const body of [{}, { pendingToken: "x" }, { code: "123456" }, { pendingToken: "x".repeat(500), code: "123456" }, { pendingToken: "x", code: "12345678" }, { pendingToken: "x", code: "123456", extra: 1 }]) {
      const reply = await new ApiClient(server).post<{ error: { code: string } }>(CODE_STEP, body);
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe("invalid-input");
    }
    expect(JSON.stringify(server.tafel.ctx.store.global.data.pendingSignIns ?? [])).toBe(before);
  });
});

describe("guessing codes", () => {
  it("is throttled per account like passwords: after ten wrong codes even a right one waits", async () => {
    const gert = await enrolledMember("Gert");
    const guesser = new ApiClient(server);
    // Two pending tokens of five wrong codes each: the limit counts the account, not the token.
    for (let round = 0; round < 2; round += 1) {
      const challenge = await passwordStep(guesser, gert.username, PASSWORD);
      for (let i = 0; i < 5; i += 1) {
        expect((await guesser.post(CODE_STEP, { pendingToken: challenge.pendingToken, code: `11111${i}` })).status).toBe(401);
      }
    }
    const challenge = await passwordStep(guesser, gert.username, PASSWORD);
    const throttled = await guesser.post<{ error: { code: string } }>(CODE_STEP, { pendingToken: challenge.pendingToken, code: await gert.app.freshCode() });
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe("too-many-requests");
    expect(guesser.cookie).toBeUndefined();
    // Another person is not held up by Gert's guesser.
    const hanna = await enrolledMember("Hanna");
    const c = await passwordStep(new ApiClient(server), hanna.username, PASSWORD);
    expect((await new ApiClient(server).post(CODE_STEP, { pendingToken: c.pendingToken, code: await hanna.app.freshCode() })).status).toBe(200);
  }, 60_000);
});
