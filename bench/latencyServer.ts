// The server side of the release → delivery benchmark (bench/latency.ts), run as a child
// process so that the load clients and the server under test do not share an event loop:
//
//   node --import tsx bench/latencyServer.ts setup <dataDir> <tables> <tableSize>
//   node --import tsx bench/latencyServer.ts tafel <dataDir> <draftsPerTable>
//   node --import tsx bench/latencyServer.ts bare
//
// `setup` builds the world through the domain functions (real scrypt hashing, real
// tables, invitations and acceptances) and writes world.json; `tafel` starts the real
// server with `createTafel` on a copy of that directory, opens sessions, prepares drafts
// and prints `BENCH_READY <json>`; `bare` is the baseline: socket.io on the same path,
// relaying the same payload to the same recipients, with no auth, policy or logging.
// The parent talks to the child over IPC: rss, log (delivery receipts), stop.
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Server } from "socket.io";
import { createTafel, type Tafel } from "../server/app.js";
import { DEFAULT_RATE_LIMITS, type Config } from "../server/config.js";
import type { Logger } from "../server/logger.js";
import { createFirstAdmin, createOrganisation } from "../server/domain/accounts.js";
import { hashPassword } from "../server/auth/passwords.js";
import { hashToken, newToken } from "../server/auth/tokens.js";
import type { Session } from "../server/store/records.js";
import { accept, createTable, invite } from "../server/domain/tables.js";
import { createDraft } from "../server/domain/drafts.js";
import type { Account } from "../server/store/records.js";
import { SESSION_COOKIE } from "../server/auth/cookies.js";
import { REALTIME_PATH, PROTOCOL_VERSION } from "../shared/protocol.js";

export const PASSWORD = "correct horse battery staple";

export interface World {
  tables: { id: string; person: string; members: string[] }[];
}

export interface ReadyTafel {
  kind: "tafel";
  url: string;
  /** account id → Cookie header value. */
  cookies: Record<string, string>;
  /** per table, draft j is owned by member j % tableSize. */
  drafts: string[][];
  world: World;
}

export interface ReadyBare {
  kind: "bare";
  url: string;
}

export type ParentMessage = { type: "rss" } | { type: "cpu" } | { type: "log"; tableIds: string[] } | { type: "stop" };
export type ChildMessage =
  | { type: "rss"; rss: number }
  | { type: "cpu"; ms: number }
  | { type: "log"; sent: { delivery: string; recipient: string }[]; delivered: string[] }
  | { type: "stopped" };

/** The payload shape the baseline relays (what the bench POSTs). */
export interface BareRelease {
  room: string;
  recipients: string[];
  fragment: Record<string, unknown>;
}

export function config(dataDir: string): Config {
  return {
    host: "127.0.0.1",
    port: 0,
    dataDir,
    origins: [],
    trustProxy: false,
    sessionHours: 8,
    sessionIdleMinutes: 30,
    demo: false,
    clientDir: path.resolve("dist/client"),
    keyFile: `${dataDir}.key`,
    // The bench's 1,000 people all come from 127.0.0.1: the per-address limit (meant for
    // one address per person or office) would refuse their releases. Per account and per
    // socket: the defaults.
    rateLimits: { ...DEFAULT_RATE_LIMITS, perAddressPerMinute: 1_000_000 },
  };
}

/** Production logs every request; here the lines go to a file beside the data directory. */
export function fileLogger(file: string): Logger {
  const out = createWriteStream(file, { flags: "a" });
  return {
    info: (l) => out.write(`${l}\n`),
    warn: (l) => out.write(`WARN ${l}\n`),
    error: (l) => out.write(`ERROR ${l}\n`),
    event: (name, fields, level) => out.write(`${level ?? "info"} ${name} ${JSON.stringify(fields ?? {})}\n`),
  };
}

async function pool<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const item = items[next] as T;
        next += 1;
        await fn(item);
      }
    }),
  );
}

/** RSS after a full collection when the child runs with --expose-gc (the bench starts it so). */
function settledRss(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  return process.memoryUsage().rss;
}

/** CPU time (user + system, all threads) this process has used so far. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

async function setup(dataDir: string, tables: number, tableSize: number): Promise<void> {
  const tafel = await createTafel(config(dataDir), fileLogger(`${dataDir}.server.log`));
  const { ctx } = tafel;
  const token = tafel.setupToken;
  if (!token) throw new Error("setup needs an empty data directory");
  const admin = await createFirstAdmin(ctx, { token, name: "Admin", username: "admin", password: PASSWORD });
  const orgs: { id: string }[] = [];
  for (let i = 0; i < 5; i += 1) orgs.push(await createOrganisation(ctx, admin, { name: `Bench org ${i}`, sector: "care", secrecy: "professional" }));
  // The people are written in one go with one password hash: each would otherwise cost
  // a scrypt hash and a rewrite of tafel.json, and the bench's people never sign in with
  // a password (their sessions are started directly, below). Tables, invitations and
  // acceptances go through the domain functions.
  const password = await hashPassword(PASSWORD);
  const createdAt = new Date().toISOString();
  const accounts: Account[] = Array.from({ length: tables * tableSize }, (_, i) => ({
    id: randomUUID(),
    name: `Bench person ${i}`,
    username: `bench${i}`,
    organisationId: (orgs[i % orgs.length] as { id: string }).id,
    role: "member",
    password,
    createdAt,
  }));
  await ctx.store.global.update((d) => {
    d.accounts.push(...structuredClone(accounts));
  });
  const world: World = { tables: [] };
  for (let t = 0; t < tables; t += 1) {
    const members = accounts.slice(t * tableSize, (t + 1) * tableSize);
    const chair = members[0] as Account;
    const table = await createTable(ctx, chair, {
      caseCode: `BENCH-${t}`,
      purpose: "integrity",
      purposeDetail: "Benchmark table.",
      personsConcerned: [{ pseudonym: "V1" }],
      confidentialityAccepted: true,
    });
    for (const m of members.slice(1)) {
      await invite(ctx, chair, table.id, { accountId: m.id });
      await accept(ctx, m, table.id, { confidentialityAccepted: true });
    }
    world.tables.push({ id: table.id, person: (table.personsConcerned[0] as { id: string }).id, members: members.map((m) => m.id) });
  }
  await writeFile(path.join(dataDir, "world.json"), JSON.stringify(world));
  await tafel.close();
}

async function runTafel(dataDir: string, draftsPerTable: number): Promise<void> {
  const world = JSON.parse(await readFile(path.join(dataDir, "world.json"), "utf8")) as World;
  const tafel: Tafel = await createTafel(config(dataDir), fileLogger(`${dataDir}.server.log`));
  const { ctx } = tafel;
  const byId = (id: string) => {
    const a = ctx.store.global.data.accounts.find((x) => x.id === id);
    if (!a) throw new Error(`no account ${id}`);
    return a;
  };
  // One session per person, written in one go (as startSession writes each: a token
  // hash in tafel.json, the idle clock started).
  const cookies: Record<string, string> = {};
  const sessions: Session[] = [];
  const now = Date.now();
  for (const t of world.tables) {
    for (const id of t.members) {
      const token = newToken();
      sessions.push({ id: randomUUID(), tokenHash: hashToken(token), accountId: byId(id).id, createdAt: new Date(now).toISOString(), expiresAt: new Date(now + ctx.sessionHours * 3600_000).toISOString() });
      cookies[id] = `${SESSION_COOKIE}=${token}`;
    }
  }
  await ctx.store.global.update((d) => {
    d.sessions.push(...sessions);
  });
  for (const s of sessions) ctx.activity.touch(s.id, now);
  const body = "x".repeat(600);
  // Tables in parallel (each its own files), each table's drafts in turn.
  const drafts: string[][] = await Promise.all(
    world.tables.map(async (t) => {
      const ids: string[] = [];
      for (let j = 0; j < draftsPerTable; j += 1) {
        const author = byId(t.members[j % t.members.length] as string);
        ids.push((await createDraft(ctx, author, t.id, { title: `R-${t.id.slice(0, 8)}-${j}`, body })).id);
      }
      return ids;
    }),
  );
  const url = await tafel.listen();
  process.on("message", (m: ParentMessage) => {
    void (async () => {
      if (m.type === "rss") send({ type: "rss", rss: settledRss() });
      if (m.type === "cpu") send({ type: "cpu", ms: cpuMs() });
      if (m.type === "log") {
        const sent: { delivery: string; recipient: string }[] = [];
        const delivered: string[] = [];
        for (const id of m.tableIds) {
          const files = await ctx.store.table(id);
          for (const e of files?.log.entries ?? []) {
            if (e.type === "fragment-sent") sent.push({ delivery: e.delivery, recipient: e.recipient });
            if (e.type === "fragment-delivered") delivered.push(e.delivery);
          }
        }
        send({ type: "log", sent, delivered });
      }
      if (m.type === "stop") {
        await tafel.close();
        send({ type: "stopped" });
        process.exit(0);
      }
    })();
  });
  const ready: ReadyTafel = { kind: "tafel", url, cookies, drafts, world };
  process.stdout.write(`BENCH_READY ${JSON.stringify(ready)}\n`);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let s = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (s += c));
    req.on("end", () => resolve(s));
    req.on("error", reject);
  });
}

async function runBare(): Promise<void> {
  const http = createServer();
  const io = new Server(http, { path: REALTIME_PATH, serveClient: false, maxHttpBufferSize: 64 * 1024 });
  const byUser = new Map<string, string>(); // user id → socket id
  io.on("connection", (socket) => {
    socket.on("join", (p: { room: string; user: string }, ack: (r: { ok: true }) => void) => {
      void socket.join(p.room);
      byUser.set(p.user, socket.id);
      ack({ ok: true });
    });
  });
  http.on("request", (req, res) => {
    if (req.method !== "POST" || req.url !== "/release") {
      res.writeHead(404).end();
      return;
    }
    void readBody(req).then((text) => {
      const r = JSON.parse(text) as BareRelease;
      const fragment = { ...r.fragment, id: randomUUID(), releasedAt: new Date().toISOString() };
      for (const user of r.recipients) {
        const sid = byUser.get(user);
        const socket = sid ? io.sockets.sockets.get(sid) : undefined;
        socket?.timeout(30_000).emit("fragment:deliver", { v: PROTOCOL_VERSION, deliveryId: randomUUID(), fragment }, () => undefined);
      }
      res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify(fragment));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", () => resolve()));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  process.on("message", (m: ParentMessage) => {
    if (m.type === "rss") send({ type: "rss", rss: settledRss() });
    if (m.type === "cpu") send({ type: "cpu", ms: cpuMs() });
    if (m.type === "log") send({ type: "log", sent: [], delivered: [] });
    if (m.type === "stop") {
      void io.close();
      http.closeAllConnections();
      send({ type: "stopped" });
      process.exit(0);
    }
  });
  const ready: ReadyBare = { kind: "bare", url };
  process.stdout.write(`BENCH_READY ${JSON.stringify(ready)}\n`);
}

const [mode, a1, a2, a3] = process.argv.slice(2);
if (mode === "setup" && a1 && a2 && a3) await setup(a1, Number(a2), Number(a3));
else if (mode === "tafel" && a1 && a2) await runTafel(a1, Number(a2));
else if (mode === "bare") await runBare();
else if (process.argv[1]?.endsWith("latencyServer.ts")) throw new Error("usage: latencyServer.ts setup <dir> <tables> <size> | tafel <dir> <drafts> | bare");
