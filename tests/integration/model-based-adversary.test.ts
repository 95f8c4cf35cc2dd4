// Issue 7, item 1 (first slice): a model-based adversarial test. fast-check generates
// histories of invitations, releases, revocations, removals, re-invitations,
// reconnections, board edits, races (ordered by fc.scheduler) and adversarial moves
// (forged `table:open` and `fragment:opened`, malformed payloads, replayed Yjs frames
// after removal, REST reads of others' fragments) by random actors against a real
// server. After every step the invariant is checked (tests/support/model/system.ts):
// every canary that reached anyone reached its author, or a recipient inside a delivery
// the server logged to them while they were a recipient — and the server's state
// agrees with the model. A second test makes the running server leak (a test-only
// wrapper of its notifier) and shows that the same property then fails.
//
// `npm run soak` sets TAFEL_SOAK_RUNS (thousands of histories) and prints the counts.
import * as fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTable, join } from "../support/factories.js";
import { settle } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { commandsArbitrary, openSocket } from "../support/model/commands.js";
import { buildFixture, installLeak, leakRequestedByEnvironment, PEOPLE, STARTING_MEMBERS, type Fixture, type Leak } from "../support/model/fixture.js";
import { checkInvariant, InvariantViolation, newStats, Real, type Model, type PState, type Stats } from "../support/model/system.js";

const SOAK_RUNS = Number(process.env.TAFEL_SOAK_RUNS ?? 0);
const RUNS = SOAK_RUNS > 0 ? SOAK_RUNS : 8;
const MAX_COMMANDS = 15;

let server: TestServer;
let fixture: Fixture;
let restoreLeak: (() => void) | null = null;
const stats = newStats();

beforeAll(async () => {
  server = await startServer();
  fixture = await buildFixture(server);
  const leak = leakRequestedByEnvironment();
  if (leak) restoreLeak = installLeak(server, leak);
});

afterAll(async () => {
  restoreLeak?.();
  await server.stop();
  await removeDir(server.dataDir);
});

/** A fresh table: the chair and the first members at it, each with a socket open there. */
async function newRun(scheduler: fc.Scheduler, into: Stats): Promise<{ model: Model; real: Real }> {
  const [chair, ...rest] = fixture.people;
  if (!chair) throw new Error("no chair");
  const table = await openTable(chair);
  const people: PState[] = Array.from({ length: PEOPLE }, (_, i) => (i <= STARTING_MEMBERS ? "active" : "none"));
  for (const m of rest.slice(0, STARTING_MEMBERS)) await join(chair, m, table.id);
  const real = new Real(fixture, table, scheduler, into);
  const model: Model = { people, fragments: [], board: [] };
  for (let i = 0; i < PEOPLE; i += 1) if (people[i] === "active") expect((await openSocket(real, i)).reply.ok).toBe(true);
  return { model, real };
}

function property(into: Stats, options: { revokeHeavy?: boolean } = {}) {
  return fc.asyncProperty(fc.scheduler(), commandsArbitrary(MAX_COMMANDS, options), async (scheduler, cmds) => {
    const { model, real } = await newRun(scheduler, into);
    try {
      await fc.asyncModelRun(() => ({ model, real }), cmds);
      // Frames still on their way are checked too.
      await settle(150);
      real.step += 1;
      await checkInvariant(model, real);
      into.histories += 1;
    } finally {
      await real.closeAll();
    }
  });
}

function report(label: string, s: Stats, ms: number): string {
  const perSecond = (n: number) => (n / (ms / 1000)).toFixed(1);
  const commands = [...s.commands.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(", ");
  return (
    `${label}: ${s.histories} histories and ${s.steps} steps checked in ${(ms / 1000).toFixed(1)} s ` +
    `(${perSecond(s.histories)} histories/s, ${perSecond(s.steps)} steps/s); ` +
    `${s.receipts} frames and responses searched, ${s.canarySightings} canary sightings verified.\n  commands: ${commands}`
  );
}

describe("model-based adversary", () => {
  it(
    "no canary ever reaches anyone but its author and its recipients at the time, whatever the history",
    async () => {
      const started = Date.now();
      await fc.assert(property(stats), {
        numRuns: RUNS,
        // A failure against a real server is reported at once, with its seed and commands;
        // set TAFEL_SHRINK=1 to shrink it (slow: every attempt is a real history).
        endOnFailure: process.env.TAFEL_SHRINK !== "1",
      });
      console.log(report(SOAK_RUNS > 0 ? "soak" : "model-based adversary", stats, Date.now() - started));
      expect(stats.histories).toBe(RUNS);
    },
    SOAK_RUNS > 0 ? 24 * 3600_000 : 90_000,
  );

  const leaks: { leak: Leak; what: string; caught: RegExp }[] = [
    { leak: "broadcast", what: "broadcasts a released fragment to the whole table", caught: /outside any delivery logged to them|never its recipient/ },
    { leak: "after-revoke", what: "delivers once more, logged, to recipients it just revoked", caught: /outside their release|after their release ended/ },
  ];
  for (const { leak, what, caught } of leaks) {
    it.skipIf(leakRequestedByEnvironment() !== null)(
      `fails against a server that ${what} (the check can fail)`,
      async () => {
        const leakStats = newStats();
        const restore = installLeak(server, leak);
        try {
          const result = await fc.check(property(leakStats, { revokeHeavy: leak === "after-revoke" }), { numRuns: 100, endOnFailure: true });
          expect(result.failed, "the leaking server went unnoticed").toBe(true);
          expect(result.errorInstance).toBeInstanceOf(InvariantViolation);
          expect(String(result.errorInstance)).toMatch(caught);
          console.log(`leak meta-test (${leak}): caught in history ${leakStats.histories + 1} after ${leakStats.steps} steps: ${String(result.errorInstance).slice(0, 160)}`);
        } finally {
          restore();
        }
      },
      90_000,
    );
  }
});
