// Group commit: callers queue items at once, in call order, and one writer turns
// everything queued into one durable write (one fsync); each item is settled only after
// the write that covers it. One turn of the event loop gathers the items of that turn
// (the receipts of many sockets read in one poll, the Yjs frames of many connections);
// items queued while a group is being written make the next group.
//
// Used by a table's log (log/tableLog.ts) and by a Yjs document's updates file
// (collab/persistence.ts). What a durable group means, and what a failed one leaves
// behind, is theirs: `GroupWriter`.

export interface GroupWriter<T> {
  /** Writes the group durably; rejects if any of it may not be on disk. */
  write(group: readonly T[]): Promise<void>;
  /** The group is durable: settle its items. Runs before the next group is taken. */
  written(group: readonly T[]): void;
  /**
   * The group's write failed. `dropped` is the group and everything queued behind it:
   * none of it is written, and every one must be settled here. Items queued while this
   * runs make the next group, written once this has finished. Must not throw: an error
   * here is a bug, and surfaces as an unhandled rejection.
   */
  failed(dropped: readonly T[], err: unknown): Promise<void>;
}

export class GroupCommit<T> {
  private queue: T[] = [];
  private writing = false;
  private scheduled = false;

  constructor(private readonly writer: GroupWriter<T>) {}

  /** Nothing queued, waiting for its turn or being written. */
  get idle(): boolean {
    return !this.writing && !this.scheduled && this.queue.length === 0;
  }

  add(item: T): void {
    this.queue.push(item);
    this.schedule();
  }

  /** Resolves once nothing is queued or being written (what was may have failed). */
  async settled(): Promise<void> {
    while (!this.idle) await new Promise((r) => setImmediate(r));
  }

  private schedule(): void {
    if (this.writing || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const group = this.queue;
    this.queue = [];
    if (group.length === 0) return;
    this.writing = true;
    try {
      await this.writer.write(group);
    } catch (err) {
      const dropped = [...group, ...this.queue];
      this.queue = [];
      // Still "writing" while the failure is handled (a file being cut back): what is
      // added meanwhile waits for it, or the cut could remove it after it was answered.
      try {
        await this.writer.failed(dropped, err);
      } finally {
        this.writing = false;
      }
      if (this.queue.length > 0) this.schedule();
      return;
    }
    this.writing = false;
    this.writer.written(group);
    if (this.queue.length > 0) this.schedule();
  }
}
