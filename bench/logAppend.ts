// Benchmark 1: durable log append throughput (issue 8, item 2).
//
// Tafel: `TableLog.append` (server/log/tableLog.ts) with group commit: each call is
// numbered at once and everything queued meanwhile is written with one write and one
// fsync on a handle kept open; each caller is acknowledged after the fsync covering it.
// 1 writer, and 100 concurrent writers that queue their entry under a table lock
// (async-mutex) and await durability outside it, as the receipts in
// server/domain/fragments.ts do.
// Baseline: a raw loop on an open file handle in the same directory, one write + fsync
// per line, lines of the same length.
// Informative: the same `append` given 100 entries in one call.
import { randomUUID } from "node:crypto";
import { open } from "node:fs/promises";
import path from "node:path";
import { Mutex } from "async-mutex";
import canonicalize from "canonicalize";
import { TableLog } from "../server/log/tableLog.js";
import type { NewLogEntry } from "../server/log/entries.js";
import { figure, nowMs, timedLoop, withTempDir, type Figure } from "./common.js";

const MAX_MS = 4_000;
const MAX_ENTRIES = 5_000;
const WRITERS = 100;
/** Enough entries for several seconds of group commits at the target rate. */
const MAX_MANY = 200_000;

/** Entries made before timing (random ids cost more than a log append's own work). */
const POOL: NewLogEntry[] = [];
let next = 0;
function pooled(): NewLogEntry {
  next = (next + 1) % POOL.length;
  return POOL[next] as NewLogEntry;
}

function sentEntry(): NewLogEntry {
  return { actor: null, type: "fragment-sent", fragment: randomUUID(), recipient: randomUUID(), delivery: randomUUID(), channel: "socket" };
}

/** A line as TableLog stores it (seq and timestamp added), for the raw loop's line size. */
function sampleLine(): string {
  return canonicalize({ ...sentEntry(), seq: 123_456, at: new Date().toISOString() }) as string;
}

export async function runLogAppend(say: (s: string) => void): Promise<Figure[]> {
  while (POOL.length < 10_000) POOL.push(sentEntry());
  return withTempDir("tafel-bench-log-", async (dir) => {
    // Baseline: raw append + fsync on an open handle.
    const line = `${sampleLine()}\n`;
    const raw = await open(path.join(dir, "raw.jsonl"), "a", 0o600);
    const rawRun = await timedLoop(MAX_ENTRIES, MAX_MS, async () => {
      await raw.write(line);
      await raw.sync();
    });
    await raw.close();
    const rawRate = (rawRun.count / rawRun.ms) * 1000;
    say(`  raw append+fsync: ${rawRun.count} lines in ${rawRun.ms.toFixed(0)} ms (${line.length} bytes/line)`);

    // Tafel, 1 writer.
    const one = (await TableLog.open(path.join(dir, "one.jsonl"))).log;
    await one.append([sentEntry()]); // creates the file (and syncs its directory) before timing
    const oneRun = await timedLoop(MAX_ENTRIES, MAX_MS, async () => {
      await one.append([pooled()]);
    });
    const oneRate = (oneRun.count / oneRun.ms) * 1000;
    say(`  TableLog.append, 1 writer: ${oneRun.count} entries in ${oneRun.ms.toFixed(0)} ms`);

    // Tafel, 100 concurrent writers: each queues its entry under one table lock and
    // awaits its durability outside it (group commit).
    const many = (await TableLog.open(path.join(dir, "many.jsonl"))).log;
    const lock = new Mutex();
    let done = 0;
    const start = nowMs();
    const deadline = start + MAX_MS;
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        while (done < MAX_MANY && nowMs() < deadline) {
          const queued = await lock.runExclusive(() => ({ written: many.append([pooled()]) }));
          await queued.written;
          done += 1;
        }
      }),
    );
    const manyMs = nowMs() - start;
    const manyRate = (done / manyMs) * 1000;
    say(`  TableLog.append, ${WRITERS} writers: ${done} entries in ${manyMs.toFixed(0)} ms`);

    // Informative: 100 entries per append call (one fsync for all of them).
    const batched = (await TableLog.open(path.join(dir, "batched.jsonl"))).log;
    const batchRun = await timedLoop(MAX_ENTRIES / WRITERS, MAX_MS, async () => {
      await batched.append(Array.from({ length: WRITERS }, pooled));
    });
    const batchRate = ((batchRun.count * WRITERS) / batchRun.ms) * 1000;
    say(`  TableLog.append, batches of ${WRITERS}: ${batchRun.count * WRITERS} entries in ${batchRun.ms.toFixed(0)} ms`);

    const g = "log append";
    return [
      figure({
        group: g,
        name: "1 writer (entries/s)",
        tafel: oneRate,
        baseline: rawRate,
        unit: "entries/s",
        target: "≥ 50% of raw",
        met: oneRate >= 0.5 * rawRate,
        note: "baseline: raw write+fsync loop, open handle, same dir and line size",
      }),
      figure({
        group: g,
        name: `${WRITERS} concurrent writers (entries/s)`,
        tafel: manyRate,
        baseline: rawRate,
        unit: "entries/s",
        target: "≥ 20,000/s",
        met: manyRate >= 20_000,
        note: "group commit: each writer queues under a table lock, awaits its fsync outside it",
      }),
      figure({
        group: g,
        name: `append() of ${WRITERS}-entry batches (entries/s)`,
        tafel: batchRate,
        baseline: rawRate,
        unit: "entries/s",
        target: "(informative)",
        met: null,
        note: "100 entries per call, for comparison",
      }),
    ];
  });
}
