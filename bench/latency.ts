// Benchmark 3: release → delivery latency (issue 8, item 1), plus RSS per idle client
// (item 5, first half).
//
// The server runs in a child process (bench/latencyServer.ts): the real Tafel from
// `createTafel`, or the bare socket.io baseline. This process drives real socket.io
// clients over loopback: each one is a participant (its own session cookie; it opens its
// table with `table:open` and acknowledges deliveries like the real client). Releases are
// POSTed at a steady rate, the same plan (table, author, 5–19 recipients, payload size)
// for both servers; latency runs from just before the author's POST to each recipient's
// receipt of `fragment:deliver`. Afterwards: deliveries lost, and (Tafel) whether every
// delivery received has its `fragment-sent` and `fragment-delivered` entries in the log.
import { spawn, type ChildProcess } from "node:child_process";
import { cp, mkdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { io, type Socket } from "socket.io-client";
import { PROTOCOL_VERSION, REALTIME_PATH } from "../shared/protocol.js";
import { figure, nowMs, percentile, sleep, type Figure } from "./common.js";
import type { BareRelease, ChildMessage, ParentMessage, ReadyBare, ReadyTafel, World } from "./latencyServer.js";

export interface LatencyOptions {
  tables: number;
  tableSize: number;
  /** Releases per second, over all tables. */
  rate: number;
  durationS: number;
}

interface Planned {
  table: number;
  /** Draft index j at this table (author = member j % tableSize). */
  j: number;
  recipients: number[];
}

interface RunResult {
  latencies: number[];
  expected: number;
  received: number;
  duplicates: number;
  postFailures: number;
  postP50: number;
  rssIdlePerClientKB: number;
  /** Tafel only: deliveries received whose fragment-sent / fragment-delivered entry is missing. */
  missingSent: number;
  missingDelivered: number;
  elapsedS: number;
  /** The server process's CPU time (user + system) from the first POST to the last delivery. */
  serverCpuMs: number;
  posted: number;
}

const SERVER = path.resolve("bench/latencyServer.ts");
const CACHE_ROOT = path.join(tmpdir(), "tafel-bench-cache");

/** A deterministic plan, the same for Tafel and the baseline. */
function plan(o: LatencyOptions): Planned[] {
  let seed = 42;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const total = Math.round(o.rate * o.durationS);
  const perTable = new Array<number>(o.tables).fill(0);
  const out: Planned[] = [];
  for (let k = 0; k < total; k += 1) {
    const table = k % o.tables;
    const j = perTable[table] as number;
    perTable[table] = j + 1;
    const author = j % o.tableSize;
    const others = Array.from({ length: o.tableSize }, (_, i) => i).filter((i) => i !== author);
    for (let i = others.length - 1; i > 0; i -= 1) {
      const r = Math.floor(rand() * (i + 1));
      [others[i], others[r]] = [others[r] as number, others[i] as number];
    }
    const count = 5 + Math.floor(rand() * Math.min(15, o.tableSize - 5)); // 5–19 recipients
    out.push({ table, j, recipients: others.slice(0, count) });
  }
  return out;
}

export class Child {
  private readonly waiting = new Map<string, (m: ChildMessage) => void>();
  private constructor(readonly proc: ChildProcess) {
    proc.on("message", (m: ChildMessage) => {
      const w = this.waiting.get(m.type);
      this.waiting.delete(m.type);
      w?.(m);
    });
  }

  static async start<T>(args: string[], timeoutMs: number, script = SERVER): Promise<{ child: Child; ready: T }> {
    // BENCH_CPU_PROF=<dir>: profile the Tafel server (written when it stops).
    const prof = process.env.BENCH_CPU_PROF && (args[0] === "tafel" || (process.env.BENCH_PROF_BARE && args[0] === "bare")) ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    // --max-semi-space-size as scripts/start.mjs (Tafel and the bare baseline alike).
    const proc = spawn(process.execPath, ["--expose-gc", "--max-semi-space-size=64", ...prof, "--import", "tsx", script, ...args], { stdio: ["ignore", "pipe", "pipe", "ipc"], env: { UV_THREADPOOL_SIZE: "64", ...process.env, NODE_ENV: "production" } }); // as scripts/start.mjs
    const errs: string[] = [];
    createInterface({ input: proc.stderr as NodeJS.ReadableStream }).on("line", (l) => errs.push(l));
    const ready = await new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        proc.kill("SIGKILL");
        reject(new Error(`bench server did not start in time: ${errs.join("\n")}`));
      }, timeoutMs);
      createInterface({ input: proc.stdout as NodeJS.ReadableStream }).on("line", (line) => {
        if (line.startsWith("BENCH_READY ")) {
          clearTimeout(timer);
          resolve(JSON.parse(line.slice("BENCH_READY ".length)) as T);
        }
      });
      proc.once("exit", (code) => {
        clearTimeout(timer);
        if (args[0] === "setup" && code === 0) resolve(null as T);
        else reject(new Error(`bench server exited (${code}): ${errs.join("\n")}`));
      });
    });
    return { child: new Child(proc), ready };
  }

  ask<K extends ChildMessage["type"]>(m: ParentMessage, reply: K, timeoutMs = 20_000): Promise<Extract<ChildMessage, { type: K }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${reply} from the bench server`)), timeoutMs);
      this.waiting.set(reply, (msg) => {
        clearTimeout(timer);
        resolve(msg as Extract<ChildMessage, { type: K }>);
      });
      this.proc.send(m);
    });
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((r) => this.proc.once("exit", () => r()));
    try {
      await this.ask({ type: "stop" }, "stopped", 10_000);
    } catch {
      this.proc.kill("SIGKILL");
    }
    await Promise.race([exited, sleep(5_000)]);
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill("SIGKILL");
  }
}

/** The cached world (accounts cost ~150 ms of scrypt each): built once, copied per run. */
export async function worldDir(o: Pick<LatencyOptions, "tables" | "tableSize">, say: (s: string) => void): Promise<string> {
  const cache = path.join(CACHE_ROOT, `v1-${o.tables}x${o.tableSize}`);
  const exists = await stat(path.join(cache, "world.json")).then(() => true, () => false);
  if (!exists) {
    say(`  building the world once (${o.tables * o.tableSize} accounts, real scrypt) in ${cache} …`);
    const t0 = nowMs();
    await rm(cache, { recursive: true, force: true });
    await rm(`${cache}.key`, { force: true });
    await mkdir(cache, { recursive: true });
    await Child.start<null>(["setup", cache, String(o.tables), String(o.tableSize)], 600_000);
    say(`  world built in ${((nowMs() - t0) / 1000).toFixed(1)} s`);
  }
  const run = path.join(tmpdir(), `tafel-bench-run-${process.pid}-${Date.now()}`);
  await cp(cache, run, { recursive: true });
  await cp(`${cache}.key`, `${run}.key`);
  return run;
}

interface Client {
  socket: Socket;
  /** tag → receipt times (ms), for this recipient. */
  seen: Map<string, number>;
  deliveries: string[];
}

function connectClient(url: string, headers: Record<string, string>, onDeliver: (c: Client, title: string, deliveryId: string) => void): Promise<Client> {
  const socket = io(url, { path: REALTIME_PATH, transports: ["websocket"], extraHeaders: headers, reconnection: false, forceNew: true });
  const client: Client = { socket, seen: new Map(), deliveries: [] };
  socket.on("fragment:deliver", (payload: { deliveryId: string; fragment: { title: string } }, ack: (a: { deliveryId: string }) => void) => {
    onDeliver(client, payload.fragment.title, payload.deliveryId);
    ack({ deliveryId: payload.deliveryId });
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("socket did not connect")), 20_000);
    socket.once("connect", () => {
      clearTimeout(timer);
      resolve(client);
    });
    socket.once("connect_error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

async function drive(kind: "tafel" | "bare", o: LatencyOptions, plans: Planned[], idleSockets: number, say: (s: string) => void): Promise<RunResult> {
  let dataDir: string | null = null;
  const draftsPerTable = Math.ceil(plans.length / o.tables);
  const started =
    kind === "tafel"
      ? await Child.start<ReadyTafel>(["tafel", (dataDir = await worldDir(o, say)), String(draftsPerTable)], 120_000)
      : await Child.start<ReadyBare>(["bare"], 60_000);
  const { child, ready } = started;
  const clients: Client[][] = [];
  try {
    const rssBefore = (await child.ask({ type: "rss" }, "rss")).rss;
    const sendTimes = new Map<string, number>();
    const latencies: number[] = [];
    let received = 0;
    let duplicates = 0;
    const onDeliver = (c: Client, title: string, deliveryId: string) => {
      const t = nowMs();
      const t0 = sendTimes.get(title);
      if (c.seen.has(title)) duplicates += 1;
      else {
        c.seen.set(title, t);
        received += 1;
        if (t0 !== undefined) latencies.push(t - t0);
      }
      c.deliveries.push(deliveryId);
    };
    // Fabricated ids for the baseline's "users" and "rooms"; Tafel's real ones otherwise.
    const world: World =
      ready.kind === "tafel"
        ? ready.world
        : {
            tables: Array.from({ length: o.tables }, (_, t) => ({ id: `table-${t}`, person: "p", members: Array.from({ length: o.tableSize }, (_2, i) => `user-${t}-${i}`) })),
          };
    const tagOf = (p: Planned) => `R-${(world.tables[p.table] as { id: string }).id.slice(0, 8)}-${p.j}`;
    // Connect every participant, 20 at a time.
    for (const [t, table] of world.tables.entries()) {
      const row: Client[] = [];
      for (const member of table.members) {
        const headers: Record<string, string> = { origin: ready.url };
        if (ready.kind === "tafel") headers.cookie = ready.cookies[member] as string;
        row.push(await connectClient(ready.url, headers, onDeliver));
      }
      await Promise.all(
        row.map(async (c, i) => {
          const reply = (await (ready.kind === "tafel"
            ? c.socket.timeout(20_000).emitWithAck("table:open", { v: PROTOCOL_VERSION, tableId: table.id })
            : c.socket.timeout(20_000).emitWithAck("join", { room: table.id, user: table.members[i] }))) as { ok: boolean };
          if (!reply.ok) throw new Error(`could not open table ${t}: ${JSON.stringify(reply)}`);
        }),
      );
      clients.push(row);
    }
    let rssIdlePerClientKB = Number.NaN;
    if (idleSockets > 0) {
      // Idle memory: top up to `idleSockets` connected sockets (extra devices of the same
      // participants, each with its table open), measure, and close the extras again.
      const extras: Client[] = [];
      const members = world.tables.flatMap((t) => t.members.map((m) => ({ table: t.id, member: m })));
      const want = Math.max(0, idleSockets - members.length);
      for (let n = 0; n < want; n += 50) {
        const batch = await Promise.all(
          Array.from({ length: Math.min(50, want - n) }, async (_, b) => {
            const who = members[(n + b) % members.length] as { table: string; member: string };
            const headers: Record<string, string> = { origin: ready.url };
            if (ready.kind === "tafel") headers.cookie = ready.cookies[who.member] as string;
            const c = await connectClient(ready.url, headers, () => undefined);
            const reply = (await (ready.kind === "tafel"
              ? c.socket.timeout(20_000).emitWithAck("table:open", { v: PROTOCOL_VERSION, tableId: who.table })
              : c.socket.timeout(20_000).emitWithAck("join", { room: who.table, user: `extra-${n + b}` }))) as { ok: boolean };
            if (!reply.ok) throw new Error("an idle socket could not open its table");
            return c;
          }),
        );
        extras.push(...batch);
      }
      await sleep(1_000);
      const rssIdle = (await child.ask({ type: "rss" }, "rss")).rss;
      const total = members.length + extras.length;
      rssIdlePerClientKB = (rssIdle - rssBefore) / 1024 / total;
      say(`  ${kind}: ${total} idle sockets; server RSS ${(rssBefore / 2 ** 20).toFixed(0)} → ${(rssIdle / 2 ** 20).toFixed(0)} MiB (${rssIdlePerClientKB.toFixed(1)} KB/socket)`);
      for (const c of extras) c.socket.close();
      await sleep(1_000);
    }

    // Steady releases.
    const cpuBefore = (await child.ask({ type: "cpu" }, "cpu")).ms;
    const interval = 1000 / o.rate;
    const start = nowMs();
    const postTimes: number[] = [];
    let postFailures = 0;
    const inflight: Promise<void>[] = [];
    const fragmentBody = "x".repeat(600);
    for (const [k, p] of plans.entries()) {
      const due = start + k * interval;
      const wait = due - nowMs();
      if (wait > 1) await sleep(wait);
      if (nowMs() - start > o.durationS * 1000 * 3) break; // hard bound if the loop falls far behind
      const table = world.tables[p.table] as World["tables"][number];
      const authorIndex = p.j % o.tableSize;
      const author = table.members[authorIndex] as string;
      const recipients = p.recipients.map((i) => table.members[i] as string);
      const tag = tagOf(p);
      let url: string;
      let body: string;
      const headers: Record<string, string> = { "content-type": "application/json", origin: ready.url };
      if (ready.kind === "tafel") {
        const draftId = (ready.drafts[p.table] as string[])[p.j] as string;
        url = `${ready.url}/api/tables/${table.id}/drafts/${draftId}/release`;
        headers.cookie = ready.cookies[author] as string;
        body = JSON.stringify({ recipients, category: "social-financial", kind: "fact", personsConcerned: [table.person], purpose: "integrity", justification: "Needed for the safety plan." });
      } else {
        url = `${ready.url}/release`;
        const r: BareRelease = {
          room: table.id,
          recipients,
          fragment: { tableId: table.id, title: tag, body: fragmentBody, category: "social-financial", kind: "fact", personsConcerned: [{ id: "p", pseudonym: "V1" }], author: { id: author, name: "Bench person", organisation: "Bench org" }, purpose: "integrity", justification: "Needed for the safety plan." },
        };
        body = JSON.stringify(r);
      }
      const t0 = nowMs();
      sendTimes.set(tag, t0);
      inflight.push(
        fetch(url, { method: "POST", headers, body }).then(
          async (res) => {
            await res.text();
            if (res.status !== 201) postFailures += 1;
            else postTimes.push(nowMs() - t0);
          },
          () => {
            postFailures += 1;
          },
        ),
      );
    }
    await Promise.all(inflight);
    const expected = plans.reduce((n, p) => n + p.recipients.length, 0);
    const until = nowMs() + 15_000;
    while (received < expected && nowMs() < until) await sleep(50);
    const elapsedS = (nowMs() - start) / 1000;
    const serverCpuMs = (await child.ask({ type: "cpu" }, "cpu")).ms - cpuBefore;

    let missingSent = 0;
    let missingDelivered = 0;
    if (ready.kind === "tafel") {
      // Receipts are logged when the ack reaches the server: give them a moment.
      const allDeliveries = clients.flat().flatMap((c) => c.deliveries);
      const logUntil = nowMs() + 10_000;
      for (;;) {
        const log = await child.ask({ type: "log", tableIds: world.tables.map((t) => t.id) }, "log");
        const sent = new Set(log.sent.map((s) => s.delivery));
        const delivered = new Set(log.delivered);
        missingSent = allDeliveries.filter((d) => !sent.has(d)).length;
        missingDelivered = allDeliveries.filter((d) => !delivered.has(d)).length;
        if ((missingSent === 0 && missingDelivered === 0) || nowMs() > logUntil) break;
        await sleep(250);
      }
    }
    return {
      latencies,
      expected,
      received,
      duplicates,
      postFailures,
      postP50: percentile(postTimes, 50),
      rssIdlePerClientKB,
      missingSent,
      missingDelivered,
      elapsedS,
      serverCpuMs,
      posted: inflight.length,
    };
  } finally {
    for (const c of clients.flat()) c.socket.close();
    await child.stop();
    if (dataDir) {
      await rm(dataDir, { recursive: true, force: true });
      await rm(`${dataDir}.key`, { force: true });
      await rm(`${dataDir}.server.log`, { force: true });
    }
  }
}

/** Server CPU time per release POSTed in a run. */
const cpuPerRelease = (r: RunResult): number => r.serverCpuMs / Math.max(1, r.posted);
/** The server's CPU time as a share of the run's wall time (100% = one core). */
const busy = (r: RunResult): number => (100 * r.serverCpuMs) / (r.elapsedS * 1000);

export async function runLatency(o: LatencyOptions & { rates: number[]; idleSockets: number; searchSteps: number }, say: (s: string) => void): Promise<Figure[]> {
  const describe = (r: RunResult) =>
    `p50 ${percentile(r.latencies, 50).toFixed(1)} ms, p99 ${percentile(r.latencies, 99).toFixed(1)} ms, max ${percentile(r.latencies, 100).toFixed(1)} ms; ` +
    `${r.received}/${r.expected} delivered, ${r.duplicates} duplicates, ${r.postFailures} failed POSTs, POST p50 ${r.postP50.toFixed(1)} ms, ${r.elapsedS.toFixed(1)} s, server CPU ${cpuPerRelease(r).toFixed(2)} ms/release (${busy(r).toFixed(0)}% of one core)`;
  const p = (r: RunResult, q: number) => percentile(r.latencies, q);
  const figures: Figure[] = [];
  const results: { rate: number; tafel: RunResult }[] = [];
  for (const [n, rate] of o.rates.entries()) {
    const run = { ...o, rate };
    const plans = plan(run);
    const idle = n === 0 ? o.idleSockets : 0;
    say(`  — ${rate} releases/s over ${o.tables} tables (${(rate / o.tables).toFixed(1)}/s per table) for ${o.durationS} s`);
    const bare = await drive("bare", run, plans, idle, say);
    say(`  bare:  ${describe(bare)}`);
    const tafel = await drive("tafel", run, plans, idle, say);
    say(`  tafel: ${describe(tafel)}; log: ${tafel.missingSent} without fragment-sent, ${tafel.missingDelivered} without fragment-delivered`);

    const g = `release→delivery ${o.tables * o.tableSize} clients (${o.tables}×${o.tableSize}) @ ${rate}/s`;
    const lost = tafel.expected - tafel.received;
    figures.push(
      figure({ group: g, name: "p50 (ms)", tafel: p(tafel, 50), baseline: p(bare, 50), unit: "ms", target: "", met: null }),
      figure({
        group: g,
        name: "p99 (ms)",
        tafel: p(tafel, 99),
        baseline: p(bare, 99),
        unit: "ms",
        target: "≤ 2× baseline and ≤ 50 ms",
        met: p(tafel, 99) <= 2 * p(bare, 99) && p(tafel, 99) <= 50,
        note: `${(rate / o.tables).toFixed(1)} releases/s per table (issue: 200/s over 50 tables = 4/s)`,
      }),
      figure({ group: g, name: "max (ms)", tafel: p(tafel, 100), baseline: p(bare, 100), unit: "ms", target: "", met: null }),
      figure({ group: g, name: "release POST p50 (ms)", tafel: tafel.postP50, baseline: bare.postP50, unit: "ms", target: "", met: null, note: "author's POST → 201" }),
      figure({
        group: g,
        name: "deliveries lost",
        tafel: lost,
        baseline: bare.expected - bare.received,
        unit: "count",
        ratio: Number.NaN,
        target: "0 lost",
        met: lost === 0 && tafel.postFailures === 0,
        note: `${tafel.received}/${tafel.expected} received, ${tafel.postFailures} failed POSTs; run took ${tafel.elapsedS.toFixed(1)} s (baseline ${bare.elapsedS.toFixed(1)} s)`,
      }),
      figure({
        group: g,
        name: "received without log receipt",
        tafel: tafel.missingSent + tafel.missingDelivered,
        baseline: Number.NaN,
        unit: "count",
        ratio: Number.NaN,
        target: "0 (sent + delivered logged)",
        met: tafel.missingSent + tafel.missingDelivered === 0 && tafel.received > 0,
        note: `${tafel.missingSent} without fragment-sent, ${tafel.missingDelivered} without fragment-delivered`,
      }),
      figure({
        group: g,
        name: "server CPU per release (ms)",
        tafel: cpuPerRelease(tafel),
        baseline: cpuPerRelease(bare),
        unit: "ms",
        target: "(informative)",
        met: null,
        note: `user + system CPU of the server process, first POST to last delivery, ÷ releases: ${busy(tafel).toFixed(0)}% of one core (baseline ${busy(bare).toFixed(0)}%); one process can sustain about 1,000 ÷ this releases/s`,
      }),
    );
    if (idle > 0) {
      figures.push(
        figure({
          group: "memory",
          name: `server RSS per idle socket, ${idle} sockets (KB)`,
          tafel: tafel.rssIdlePerClientKB,
          baseline: bare.rssIdlePerClientKB,
          unit: "KB",
          target: "≤ 100 KB",
          met: tafel.rssIdlePerClientKB <= 100,
          note: `${o.tables * o.tableSize} participants, extra sockets are further devices; RSS after gc(), before vs after connect + table:open`,
        }),
      );
    }
    results.push({ rate, tafel });
  }
  if (o.searchSteps > 0) figures.push(...(await maxSustainable(o, results, say, describe)));
  return figures;
}

/**
 * Tafel keeps up at a rate when every release was answered and delivered, the run
 * drained within 10% of its planned duration, and p99 stayed under a second (a queue
 * that grows through the run shows as all three).
 */
function keptUp(r: RunResult, durationS: number): boolean {
  return r.received === r.expected && r.postFailures === 0 && r.elapsedS <= durationS * 1.1 && percentile(r.latencies, 99) < 1_000;
}

/**
 * The maximum sustainable rate: bisection between the highest rate Tafel kept up with
 * and the lowest it did not (from the steady-rate runs, or doubling until it fails),
 * `searchSteps` Tafel runs in all; then the bare baseline at the rate found, for the
 * latency figures there.
 */
async function maxSustainable(
  o: LatencyOptions & { searchSteps: number },
  done: { rate: number; tafel: RunResult }[],
  say: (s: string) => void,
  describe: (r: RunResult) => string,
): Promise<Figure[]> {
  const kept = done.filter((d) => keptUp(d.tafel, o.durationS));
  const failed = done.filter((d) => !keptUp(d.tafel, o.durationS));
  let lo = kept.reduce<{ rate: number; tafel: RunResult } | null>((best, d) => (best === null || d.rate > best.rate ? d : best), null);
  let hi = failed.reduce<number | null>((min, d) => (min === null || d.rate < min ? d.rate : min), null);
  say(`  — maximum sustainable rate: searching${lo ? ` above ${lo.rate}/s` : ""}${hi !== null ? ` below ${hi}/s` : ""} (${o.searchSteps} runs)`);
  for (let step = 0; step < o.searchSteps; step += 1) {
    const rate = hi === null ? Math.round((lo?.rate ?? 25) * 2) : Math.round(((lo?.rate ?? 0) + hi) / 2);
    if (lo && rate <= lo.rate) break;
    const run = { ...o, rate };
    const tafel = await drive("tafel", run, plan(run), 0, say);
    const ok = keptUp(tafel, o.durationS);
    say(`  tafel @ ${rate}/s: ${describe(tafel)} → ${ok ? "kept up" : "fell behind"}`);
    if (ok) lo = { rate, tafel };
    else hi = rate;
  }
  if (!lo) return [];
  const run = { ...o, rate: lo.rate };
  const bare = await drive("bare", run, plan(run), 0, say);
  say(`  bare @ ${lo.rate}/s: ${describe(bare)}`);
  const g = `release→delivery ${o.tables * o.tableSize} clients (${o.tables}×${o.tableSize}) @ max sustainable ${lo.rate}/s`;
  const p = (r: RunResult, q: number) => percentile(r.latencies, q);
  return [
    figure({
      group: g,
      name: "maximum sustainable rate (releases/s)",
      tafel: lo.rate,
      baseline: 200,
      unit: "count",
      target: "(informative: baseline = the issue's 200/s)",
      met: null,
      note: `highest rate kept up with (all delivered, no failed POST, drained within 10%, p99 < 1 s)${hi !== null ? `; fell behind at ${hi}/s` : ""}`,
    }),
    figure({ group: g, name: "p50 (ms)", tafel: p(lo.tafel, 50), baseline: p(bare, 50), unit: "ms", target: "", met: null }),
    figure({ group: g, name: "p99 (ms)", tafel: p(lo.tafel, 99), baseline: p(bare, 99), unit: "ms", target: "", met: null, note: "the bare baseline run at the same rate after the search" }),
    figure({ group: g, name: "max (ms)", tafel: p(lo.tafel, 100), baseline: p(bare, 100), unit: "ms", target: "", met: null }),
  ];
}
