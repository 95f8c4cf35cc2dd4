// One crash trial: the workload runs against a Tafel in a child process, which is
// SIGKILLed at a seeded random moment; the files are inspected as the kill left them;
// a new Tafel starts on the same data directory and keyring; everything acknowledged
// before the kill is looked for. The restarted server is returned: it serves the next
// trial, so each trial also checks everything the earlier ones acknowledged.
import { spawnServer, type ChildServer } from "../childServer.js";
import { checkAfterRestart, type CheckResult } from "./checks.js";
import { inspectDataDir, type FileReport } from "./files.js";
import type { FragmentRecord } from "./model.js";
import type { Random } from "./random.js";
import { pointAt, type Workload } from "./workload.js";

export interface TrialResult {
  killAfterMs: number;
  /** Acknowledged writes recorded by the end of this trial (all trials so far). */
  check: CheckResult;
  /** As the kill left the files. */
  afterKill: FileReport;
  /** Once the restarted server has loaded every table. */
  afterRestart: FileReport;
  /** The restarted server. */
  server: ChildServer;
}

export const KILL_WINDOW_MS = { min: 300, max: 2500 } as const;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function runTrial(options: {
  workload: Workload;
  /** Running; killed by the trial. */
  server: ChildServer;
  dataDir: string;
  rng: Random;
  /** The log's public key as the clients pinned it before the kill. */
  pinnedKey: string;
  /** A canary released earlier, to revoke in this trial (else a new one is released and revoked). */
  canary?: FragmentRecord;
  /** A fixed kill moment instead of a random one. */
  killAfterMs?: number;
}): Promise<TrialResult> {
  const { workload, dataDir, rng, pinnedKey } = options;
  pointAt(workload.world, options.server);

  await workload.connect();
  await workload.plantRevokedCanary(options.canary);
  const drawn = rng.int(KILL_WINDOW_MS.min, KILL_WINDOW_MS.max);
  const killAfterMs = options.killAfterMs ?? drawn;
  workload.start();
  await sleep(killAfterMs);
  workload.markKilled();
  await options.server.kill9();
  await workload.stopped();
  workload.learnRelayed();
  await workload.disconnect();

  const keyFile = `${dataDir}.key`;
  const afterKill = await inspectDataDir(dataDir, keyFile, { allowPartialTail: () => true });

  const server = await spawnServer(dataDir);
  pointAt(workload.world, server);
  const check = await checkAfterRestart(workload.world, workload.model, dataDir, pinnedKey);
  // The log of every table the clients know of has been loaded by the check (and cut if
  // torn). A table whose opening was in flight at the kill, and Yjs documents (loaded
  // only when opened), may still end in a partial line.
  const known = new Set([workload.world.tableId, ...workload.model.tables.map((t) => t.id)]);
  const afterRestart = await inspectDataDir(dataDir, keyFile, {
    allowPartialTail: (rel) => rel.endsWith(".updates") || !known.has(rel.split("/")[1] ?? ""),
  });
  return { killAfterMs, check, afterKill, afterRestart, server };
}
