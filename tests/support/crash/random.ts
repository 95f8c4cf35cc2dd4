// Seeded randomness for the crash harness, so a failing trial can be replayed: the seed
// is printed, and TAFEL_CRASH_SEED=<seed> runs the same kill moments and the same
// choices again. (Which request is in flight at the kill also depends on the machine's
// timing, so a replay reproduces the scenario, not every byte.)
import { randomInt } from "node:crypto";

/** mulberry32: small, fast, and plenty for picking operations and kill moments. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[Math.floor(this.next() * items.length)];
  }

  /** A non-empty random subset (in the original order), or [] when there is nothing. */
  subset<T>(items: readonly T[]): T[] {
    if (items.length === 0) return [];
    const chosen = items.filter(() => this.chance(0.5));
    return chosen.length > 0 ? chosen : [items[this.int(0, items.length - 1)] as T];
  }

  /** An independent stream for one client or one trial. */
  fork(label: number): Random {
    return new Random(Math.imul(this.int(0, 0x7fffffff) ^ (label * 0x9e3779b1), 1) >>> 0);
  }
}

/** TAFEL_CRASH_SEED if set (a replay), else a fresh one; the caller prints it. */
export function crashSeed(env: NodeJS.ProcessEnv = process.env): number {
  const given = env.TAFEL_CRASH_SEED;
  if (given !== undefined && given !== "") {
    const n = Number(given);
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`TAFEL_CRASH_SEED must be a whole number, not '${given}'`);
    return n >>> 0;
  }
  return randomInt(0, 2 ** 31);
}

/** TAFEL_CRASH_TRIALS if set (npm run soak sets more), else `fallback`. */
export function crashTrials(fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const given = env.TAFEL_CRASH_TRIALS;
  if (given === undefined || given === "") return fallback;
  const n = Number(given);
  if (!Number.isSafeInteger(n) || n < 1 || n > 10_000) throw new Error(`TAFEL_CRASH_TRIALS must be a whole number from 1 to 10000, not '${given}'`);
  return n;
}
