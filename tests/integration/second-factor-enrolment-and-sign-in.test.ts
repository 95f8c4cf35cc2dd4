// A person sets up an authenticator app; from then on signing in takes the password and
// then a code, each code works once, recovery codes work once, and turning it off takes
// the password and a code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EnrolmentView, LoginResult, SecondFactorStatus, SessionView } from "../../shared/types.js";
import { ApiClient } from "../support/api.js";
import { bootstrapAdmin, buildMember, PASSWORD, type Member } from "../support/factories.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { Authenticator, codeAt, isChallenge, passwordStep, stepNow } from "../support/secondFactor.js";

let server: TestServer;
let admin: ApiClient;
let alice: Member;

beforeAll(async () => {
  server = await startServer();
  admin = await bootstrapAdmin(server);
  alice = await buildMember(server, admin, { name: "Alice" });
});
afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
});

describe("enrolment", () => {
  it("shows a 160-bit secret once, completes only with a right code, and gives ten recovery codes once", async () => {
    expect((await alice.client.ok<SecondFactorStatus>("GET", "/api/auth/second-factor")).enrolled).toBe(false);
    const started = await alice.client.ok<EnrolmentView>("POST", "/api/auth/second-factor/enrolment");
    expect(started.key).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.uri).toContain(`secret=${started.key}`);
    expect(decodeURIComponent(started.uri)).toContain(`Tafel:${alice.username}`);

    // Until confirmed, signing in does not ask for a code (a half-finished set-up locks nobody out).
    const meanwhile = await new ApiClient(server).ok<LoginResult>("POST", "/api/auth/login", { username: alice.username, password: PASSWORD });
    expect(isChallenge(meanwhile)).toBe(false);

    // A wrong code, a code from another secret, garbage: refused, nothing enrolled.
    const wrongSecret = new Authenticator("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
    for (const code of ["000000", await wrongSecret.freshCode(), "12345", "abcdef", "1".repeat(5000)]) {
      const refused = await alice.client.post<{ error: { code: string } }>("/api/auth/second-factor/enrolment/confirm", { code });
      expect([400, 413]).toContain(refused.status);
    }
    expect((await alice.client.ok<SecondFactorStatus>("GET", "/api/auth/second-factor")).enrolled).toBe(false);

    const app = new Authenticator(started.key);
    const confirmed = await alice.client.ok<{ recoveryCodes: string[] }>("POST", "/api/auth/second-factor/enrolment/confirm", { code: await app.freshCode() });
    expect(confirmed.recoveryCodes).toHaveLength(10);
    const status = await alice.client.ok<SecondFactorStatus>("GET", "/api/auth/second-factor");
    expect(status).toMatchObject({ enrolled: true, required: false, recoveryCodesLeft: 10 });
    expect((await alice.client.ok<SessionView>("GET", "/api/auth/session")).secondFactorEnrolled).toBe(true);

    // Neither a second confirmation nor a new enrolment while one is in use.
    expect((await alice.client.post("/api/auth/second-factor/enrolment/confirm", { code: codeAt(app.key, stepNow()) })).status).toBe(409);
    expect((await alice.client.post("/api/auth/second-factor/enrolment")).status).toBe(409);
    enrolled = { app, recoveryCodes: confirmed.recoveryCodes };
  });
});

let enrolled: { app: Authenticator; recoveryCodes: string[] };

describe("signing in with a second factor", () => {
  it("takes two steps: the password gives no session, only a pending token; the code gives the session", async () => {
    const phone = new ApiClient(server);
    const challenge = await passwordStep(phone, alice.username, PASSWORD);
    expect(phone.cookie).toBeUndefined();
    expect(Date.parse(challenge.expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    expect((await phone.get("/api/auth/session")).status).toBe(401);

    const wrong = await phone.post<{ error: { code: string; message: string } }>("/api/auth/login/second-factor", { pendingToken: challenge.pendingToken, code: "000000" });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toMatch(/wrong code/i);
    expect(phone.cookie).toBeUndefined();

    const session = await phone.ok<SessionView>("POST", "/api/auth/login/second-factor", { pendingToken: challenge.pendingToken, code: await enrolled.app.freshCode() });
    expect(session.account.username).toBe(alice.username);
    expect(phone.cookie).toBeDefined();
    expect((await phone.get("/api/tables")).status).toBe(200);
  });

  it("refuses a code used once already, in the same 30-second window", async () => {
    const replayed = enrolled.app.lastCode();
    const usedStep = enrolled.app.lastStep ?? 0;
    // Still within the window of the step it was used for.
    expect(stepNow()).toBeLessThanOrEqual(usedStep + 1);
    const thief = new ApiClient(server);
    const challenge = await passwordStep(thief, alice.username, PASSWORD);
    const refused = await thief.post("/api/auth/login/second-factor", { pendingToken: challenge.pendingToken, code: replayed });
    expect(refused.status).toBe(401);
    // An older step's code, still in the ±1 window, is refused too once a later one was used.
    const older = await thief.post("/api/auth/login/second-factor", { pendingToken: challenge.pendingToken, code: codeAt(enrolled.app.key, usedStep - 1) });
    expect(older.status).toBe(401);
    expect(thief.cookie).toBeUndefined();
  });

  it("accepts each recovery code once, typed in any case, and counts what is left", async () => {
    const [first, second] = enrolled.recoveryCodes as [string, string];
    const laptop = new ApiClient(server);
    const c1 = await passwordStep(laptop, alice.username, PASSWORD);
    await laptop.ok("POST", "/api/auth/login/second-factor", { pendingToken: c1.pendingToken, code: first.toLowerCase() });
    expect((await laptop.ok<SecondFactorStatus>("GET", "/api/auth/second-factor")).recoveryCodesLeft).toBe(9);

    const again = new ApiClient(server);
    const c2 = await passwordStep(again, alice.username, PASSWORD);
    expect((await again.post("/api/auth/login/second-factor", { pendingToken: c2.pendingToken, code: first })).status).toBe(401);
    await again.ok("POST", "/api/auth/login/second-factor", { pendingToken: c2.pendingToken, code: second.replaceAll("-", "") });
    expect((await again.ok<SecondFactorStatus>("GET", "/api/auth/second-factor")).recoveryCodesLeft).toBe(8);
  });

  it("does not tell a password guesser whether an account has a second factor", async () => {
    const guesser = new ApiClient(server);
    const wrongPassword = await guesser.post<{ error: { message: string } }>("/api/auth/login", { username: alice.username, password: "not her password" });
    const noAccount = await guesser.post<{ error: { message: string } }>("/api/auth/login", { username: "nobody-here", password: "not her password" });
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.text).toBe(noAccount.text);
    expect(wrongPassword.body.error.message).not.toMatch(/code|factor|pending/i);
    expect(wrongPassword.text).not.toMatch(/pending/i);
  });
});

describe("turning the second factor off", () => {
  it("needs the password and a code; then signing in takes the password only", async () => {
    // (The app waits for its next step if it gave the current one already: up to 30 s.)
    expect((await alice.client.post("/api/auth/second-factor/disable", { password: "wrong password", code: codeAt(enrolled.app.key, stepNow()) })).status).toBe(400);
    expect((await alice.client.post("/api/auth/second-factor/disable", { password: PASSWORD, code: "000000" })).status).toBe(400);
    expect((await alice.client.post("/api/auth/second-factor/disable", { password: PASSWORD })).status).toBe(400);
    expect((await alice.client.ok<SecondFactorStatus>("GET", "/api/auth/second-factor")).enrolled).toBe(true);

    await alice.client.ok("POST", "/api/auth/second-factor/disable", { password: PASSWORD, code: await enrolled.app.freshCode() });
    expect((await alice.client.ok<SecondFactorStatus>("GET", "/api/auth/second-factor")).enrolled).toBe(false);
    const plain = await new ApiClient(server).ok<LoginResult>("POST", "/api/auth/login", { username: alice.username, password: PASSWORD });
    expect(isChallenge(plain)).toBe(false);
    // A recovery code of the old factor is worth nothing now.
    expect((await alice.client.post("/api/auth/second-factor/disable", { password: PASSWORD, code: enrolled.recoveryCodes[2] })).status).toBe(409);
  }, 90_000);

  it("is logged with who did what, and never a code", async () => {
    const events = server.lines.filter((l) => l.includes(alice.account.id));
    for (const name of ["second-factor-enrolment-started", "second-factor-enrolled", "sign-in-second-factor-due", "sign-in-second-factor-accepted", "sign-in-second-factor-refused", "second-factor-disable-refused", "second-factor-disabled"]) {
      expect(events.some((l) => l.includes(`"${name}"`)), name).toBe(true);
    }
    const all = server.lines.join("\n");
    expect(all).not.toContain(enrolled.app.key);
    for (const code of enrolled.recoveryCodes) {
      expect(all).not.toContain(code);
      expect(all).not.toContain(code.replaceAll("-", ""));
    }
  });
});

describe("someone who has not enrolled", () => {
  it("signs in with the password alone, and the code step has nothing to complete", async () => {
    const bob = await buildMember(server, admin, { name: "Bob" });
    const c = new ApiClient(server);
    const result = await c.ok<LoginResult>("POST", "/api/auth/login", { username: bob.username, password: PASSWORD });
    expect(isChallenge(result)).toBe(false);
    const forged = await new ApiClient(server).post("/api/auth/login/second-factor", { pendingToken: "made-up", code: "123456" });
    expect(forged.status).toBe(401);
  });
});
