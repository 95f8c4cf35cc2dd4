// The daily retention job: one run when the server starts (catching up on what fell due
// while it was down, and repairing a run a crash interrupted), then one a day. Runs
// never overlap. The clock is the context's (`ctx.now`), so tests move time instead of
// sleeping and call `run()` themselves.
import { Mutex } from "async-mutex";
import type { Context } from "./context.js";
import { runRetention, type ExpiryHooks, type RetentionRun } from "./retention.js";
import { runCaseDataRetention, type CaseDataRun } from "./caseDataRetention.js";

export const RETENTION_INTERVAL_MS = 24 * 60 * 60 * 1000;

export class RetentionJob {
  private timer: NodeJS.Timeout | undefined;
  private readonly mutex = new Mutex();

  constructor(
    private readonly ctx: Context,
    private readonly intervalMs = RETENTION_INTERVAL_MS,
  ) {}

  start(): void {
    const tick = () => {
      this.run().catch((err: unknown) => this.ctx.logger.error(`retention: run failed: ${err instanceof Error ? err.name : "error"}`));
    };
    tick();
    this.timer = setInterval(tick, this.intervalMs);
    // The job never keeps the process alive on its own.
    this.timer.unref();
  }

  run(hooks?: ExpiryHooks): Promise<RetentionRun & CaseDataRun> {
    // Fragments, then the case data beyond fragments (referrals, closed cases' identities).
    return this.mutex.runExclusive(async () => ({ ...(await runRetention(this.ctx, hooks)), ...(await runCaseDataRetention(this.ctx)) }));
  }

  /** Stops the timer and waits for a run in progress to finish its writes. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.mutex.waitForUnlock();
  }
}
