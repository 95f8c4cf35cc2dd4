// Cross-site and unauthenticated access: the socket.io handshake is refused for a
// foreign Origin even with a valid session cookie (CORS does not protect WebSockets),
// and without a session; a state-changing REST request from a foreign Origin is a 403
// `bad-origin` that changes nothing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { REALTIME_PATH } from "../../shared/protocol.js";
import type { DraftView } from "../../shared/types.js";
import { ApiClient } from "../support/api.js";
import { buildWorld, releaseCanary, type Member, type World } from "../support/factories.js";
import { connect, eventually } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { errorLines, expectAbsent, expectApiError, logEvents, logOf, logQuiet, SocketPool } from "../support/adversary.js";

const EVIL = "https://evil.example";

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

async function refusedConnect(client: ApiClient, options: { origin?: string; cookie?: string | null }): Promise<Error> {
  return connect(client, options).then(
    (s) => {
      s.close();
      throw new Error("the handshake was accepted");
    },
    (e: unknown) => e as Error,
  );
}

/**
 * A bare WebSocket upgrade to socket.io, with exactly the headers given. An opened socket
 * is kept until the server's first frame (its engine.io open packet, or a refusal) or
 * until the server closes it, for at most `waitMs`: a loaded machine may take a while.
 */
function rawUpgrade(headers: Record<string, string>, waitMs = 5000): Promise<{ opened: boolean; status?: number; frames: string[] }> {
  const url = `${server.url.replace(/^http/, "ws")}${REALTIME_PATH}/?EIO=4&transport=websocket`;
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    const frames: string[] = [];
    let opened = false;
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      clearTimeout(timer);
      if (ws.readyState === WebSocket.OPEN) ws.close();
      resolve({ opened, frames });
    };
    ws.on("message", (data: Buffer) => {
      frames.push(data.toString("utf8"));
      done();
    });
    ws.on("unexpected-response", (_req, res) => {
      resolve({ opened: false, status: res.statusCode, frames });
      ws.terminate();
    });
    ws.on("error", () => resolve({ opened, frames }));
    ws.on("close", done);
    ws.on("open", () => {
      opened = true;
      timer = setTimeout(done, waitMs);
    });
  });
}

describe("the realtime handshake", () => {
  it("is refused for a foreign Origin even with a valid session cookie", async () => {
    const err = await refusedConnect(alice.client, { origin: EVIL });
    expect(err.message).toMatch(/websocket error|xhr poll error|origin/i);
    expect(logEvents(server, "origin-refused").some((e) => e.channel === "realtime" && e.origin === EVIL)).toBe(true);
  });

  it("is refused for a look-alike Origin (other port, other scheme, suffix)", async () => {
    const u = new URL(server.url);
    for (const origin of [`http://${u.hostname}:${Number(u.port) + 1}`, `https://${u.host}`, `${server.origin}.evil.example`, "null"]) {
      await refusedConnect(alice.client, { origin });
    }
  });

  it("is refused without a session cookie, or with a forged one", async () => {
    expect((await refusedConnect(alice.client, { cookie: null })).message).toBe("not-signed-in");
    expect((await refusedConnect(alice.client, { cookie: "tafel_session=forged-token" })).message).toBe("not-signed-in");
  });

  it("a bare WebSocket upgrade without any Origin, or a foreign one, never gets a session", async () => {
    const cookie = alice.client.cookie ?? "";
    const variants: Record<string, string>[] = [{ cookie }, { cookie, origin: EVIL }];
    for (const headers of variants) {
      const r = await rawUpgrade(headers);
      // Either refused outright, or no engine.io open packet ("0{...sid...}") was sent.
      expect(r.opened && r.frames.some((f) => f.startsWith("0{")), JSON.stringify(r)).toBe(false);
    }
    // Same origin and cookie over the same raw path works (the witness is sound).
    const ok = await rawUpgrade({ cookie, origin: server.origin });
    expect(ok.opened && ok.frames.some((f) => f.startsWith("0{"))).toBe(true);
  });

  it("over HTTP long-polling, a foreign Origin gets no session id either", async () => {
    const res = await fetch(`${server.url}${REALTIME_PATH}/?EIO=4&transport=polling`, {
      headers: { origin: EVIL, cookie: alice.client.cookie ?? "" },
    });
    const text = await res.text();
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(text).not.toMatch(/"sid"/);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("a refused connection received none of what a recipient online at that moment received", async () => {
    const bobSocket = await pool.online(bob, world.table.id);
    const attempts = Promise.all([
      refusedConnect(bob.client, { origin: EVIL }),
      refusedConnect(bob.client, { cookie: null }),
    ]);
    const { canary } = await releaseCanary(alice, world.table, [bob.account.id]);
    await attempts;
    await eventually("bob's real socket receives it", () => bobSocket.deliveries[0]);
    expectAbsent("server log lines", server.lines, canary);
  });
});

describe("a state-changing REST request from a foreign Origin", () => {
  it("is a 403 bad-origin, for every command, and changes nothing", async () => {
    const t = world.table.id;
    const draft = await alice.client.ok<DraftView>("POST", `/api/tables/${t}/drafts`, { title: "Mine", body: "Stays as it is." });
    const { fragment } = await releaseCanary(alice, world.table, [bob.account.id]);
    // The test above left Bob's receipt on its way into the log: let it land first.
    const logBefore = await logQuiet(alice, t, pool);

    const release = {
      recipients: [bob.account.id],
      category: "social-financial",
      kind: "fact",
      personsConcerned: [world.table.personsConcerned[0]?.id],
      purpose: "integrity",
      justification: "x",
    };
    const commands: [Member, string, string, unknown][] = [
      [alice, "POST", `/api/tables/${t}/drafts`, { title: "Injected", body: "Injected" }],
      [alice, "PUT", `/api/tables/${t}/drafts/${draft.id}`, { title: "Changed", body: "Changed" }],
      [alice, "DELETE", `/api/tables/${t}/drafts/${draft.id}`, undefined],
      [alice, "POST", `/api/tables/${t}/drafts/${draft.id}/release`, release],
      [alice, "POST", `/api/tables/${t}/fragments/${fragment.id}/revoke`, {}],
      [world.chair, "DELETE", `/api/tables/${t}/participants/${bob.account.id}`, undefined],
      [alice, "POST", `/api/tables/${t}/declines`, { question: "Injected?" }],
      [alice, "POST", "/api/tables", { caseCode: "X", purpose: "integrity", purposeDetail: "x", personsConcerned: [{ pseudonym: "P" }], confidentialityAccepted: true }],
      [alice, "POST", "/api/auth/logout", {}],
    ];
    for (const origin of [EVIL, undefined, "null"]) {
      for (const [member, method, path, body] of commands) {
        const headers: Record<string, string> = origin === undefined ? {} : { origin };
        const res = await fetch(`${server.url}${path}`, {
          method,
          headers: { cookie: member.client.cookie ?? "", "content-type": "application/json", ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const reply = { status: res.status, text: await res.text(), body: undefined as unknown };
        reply.body = JSON.parse(reply.text) as unknown;
        expectApiError(reply, 403, "bad-origin");
      }
    }
    // Nothing changed: the draft, the release, Bob's place, the log, Alice's session.
    const drafts = await alice.client.ok<DraftView[]>("GET", `/api/tables/${t}/drafts`);
    expect(drafts.find((d) => d.id === draft.id)).toMatchObject({ title: "Mine", body: "Stays as it is." });
    expect(drafts.some((d) => d.title === "Injected")).toBe(false);
    expect((await bob.client.get(`/api/tables/${t}/fragments/${fragment.id}`)).status).toBe(200);
    const logAfter = await logOf(alice, t);
    // Only Bob's read above was added (a delivery over REST).
    expect(logAfter.entries.slice(logBefore.size).map((e) => e.type)).toEqual(["fragment-sent"]);
    expect((await alice.client.get("/api/tables")).body).toHaveLength(1);
    expect((await alice.client.get("/api/auth/session")).status).toBe(200);
  });

  it("sign-in from a foreign Origin is refused and sets no cookie", async () => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { origin: EVIL, "content-type": "application/json" },
      body: JSON.stringify({ username: alice.username, password: "correct horse battery staple" }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBeNull();
  });
});
