// A test-only broken server, to prove the crash harness can fail (the meta-test in
// tests/integration/crash-harness.test.ts). Installed only by tests/support/
// childServerMain.ts when TAFEL_TEST_ACK_BEFORE_WRITE_MS is set; production code has no
// switch for it.
//
// It makes every document write (tafel.json, a table's snapshot or journal: sessions, participations,
// drafts, fragments, declines, meetings) resolve at once — so the server answers "done"
// — and reach the disk only `lagMs` later, like a write-back cache. A `kill -9` inside
// that window loses writes the server acknowledged: exactly what invariant 5 forbids.
//
// Why not simply "skip the fsync"? A SIGKILL ends the process, not the machine: data
// written without fsync is in the kernel's page cache and survives, so no kill -9 test
// can tell fsync from no fsync (that takes a power cut, e.g. a VM or a fault-injecting
// file system). What kill -9 can catch is an acknowledgement given before the write was
// issued, which is what this switch does.
import { DurableJSONFile } from "../../../server/store/durableFile.js";
import { JournaledJSONFile } from "../../../server/store/journaledFile.js";

export const ACK_BEFORE_WRITE_ENV = "TAFEL_TEST_ACK_BEFORE_WRITE_MS";

export function installAckBeforeWrite(lagMs: number): void {
  // Writes still happen in the order they were acknowledged (one chain for all files).
  let chain: Promise<void> = Promise.resolve();
  const delay = <D>(write: (this: unknown, data: D) => Promise<void>) =>
    function delayedWrite(this: unknown, data: D): Promise<void> {
      // Committed states are frozen (durableDoc.ts): the one written later is this one.
      setTimeout(() => {
        chain = chain.then(() => write.call(this, data)).catch(() => undefined);
      }, lagMs);
      return Promise.resolve();
    };
  DurableJSONFile.prototype.write = delay(DurableJSONFile.prototype.write);
  // Table documents: snapshot and journal.
  JournaledJSONFile.prototype.write = delay(JournaledJSONFile.prototype.write);
}

/** Reads the switch; null when it is off. */
export function ackBeforeWriteRequested(env: NodeJS.ProcessEnv = process.env): number | null {
  const value = env[ACK_BEFORE_WRITE_ENV];
  if (value === undefined || value === "") return null;
  const ms = Number(value);
  if (!Number.isSafeInteger(ms) || ms < 1) throw new Error(`${ACK_BEFORE_WRITE_ENV} must be a positive number of milliseconds`);
  return ms;
}
