// Shared shapes and helpers for the benchmarks (bench/*.ts). Not a test: no assertions,
// only measurements. Every loop here is bounded by a count and a deadline.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/** One line of the results table. */
export interface Figure {
  group: string;
  name: string;
  /** Tafel's number. */
  tafel: number;
  /** The baseline measured in the same run (NaN when there is none for this line). */
  baseline: number;
  unit: string;
  /** tafel / baseline. */
  ratio: number;
  target: string;
  /** true met, false not met, null no target on this line. */
  met: boolean | null;
  note?: string;
}

export function figure(f: Omit<Figure, "ratio"> & { ratio?: number }): Figure {
  return { ...f, ratio: f.ratio ?? f.tafel / f.baseline };
}

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Percentile (0–100) of an unsorted sample, nearest-rank. NaN when empty. */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) return Number.NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function withTempDir<T>(prefix: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Runs `op` until `maxCount` operations or `maxMs` have passed (whichever first);
 * returns the count and the elapsed milliseconds.
 */
export async function timedLoop(maxCount: number, maxMs: number, op: (i: number) => Promise<void> | void): Promise<{ count: number; ms: number }> {
  const start = nowMs();
  let count = 0;
  while (count < maxCount && nowMs() - start < maxMs) {
    await op(count);
    count += 1;
  }
  return { count, ms: nowMs() - start };
}

export function fmt(n: number): string {
  if (!Number.isFinite(n)) return "—";
  const a = Math.abs(n);
  if (a >= 1000) return Math.round(n).toLocaleString("en-GB");
  if (a >= 100) return n.toFixed(0);
  if (a >= 10) return n.toFixed(1);
  if (a >= 1) return n.toFixed(2);
  return n.toPrecision(3);
}
