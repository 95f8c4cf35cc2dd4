// Durable storage of one Yjs document, beside its table's files:
//
//   data/tables/<tableId>/collab/<board | notebook-<userId>>.snapshot   Y.encodeStateAsUpdate, binary
//   data/tables/<tableId>/collab/<board | notebook-<userId>>.updates    one base64 update per line
//
// The document is the snapshot (if any) followed by every line of the updates file.
// - append, with group commit (as the table log, server/log/tableLog.ts): each update is
//   sealed and queued at once, in call order; one writer turns everything queued into
//   one write and one fsync on a handle kept open (server/log/appendFile.ts), and each
//   caller's promise resolves only after the fsync that covers its line (invariant 5).
//   A failed write or fsync rejects its whole group and everything queued behind it, the
//   file is cut back to its durable length, and this DocumentFiles takes no more appends
//   (the document is dropped and reloaded from disk). A line without its newline was
//   never acknowledged: on load it is cut.
// - compact: only while nothing is queued or being written (callers hold the document's
//   mutex and await `flushed` first). (1) the merged state is written as the new
//   snapshot with writeFileDurable (temp, fsync, rename, fsync dir), then (2) the updates
//   file is truncated and fsync'd. The updates file is never renamed, so the kept-open
//   handle stays valid: it appends (O_APPEND) at the new end. A crash between (1) and
//   (2) leaves the snapshot *and* the old lines; replaying lines that are already in the
//   snapshot is harmless, because applying a Yjs update twice changes nothing. The other
//   order could lose updates; this one cannot.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { CollabDocName } from "../../shared/collab.js";
import { AppendFile, readWholeLines, type LogFile } from "../log/appendFile.js";
import { GroupCommit } from "../log/groupCommit.js";
import type { Sealer } from "../store/sealer.js";
import { fsyncDir, readBytesIfExists, writeFileDurable } from "../store/durableFile.js";

/** Compact once this many updates have been appended since the last snapshot. */
export const COMPACT_AFTER_UPDATES = 500;

const BASE64_LINE = /^[A-Za-z0-9+/]*={0,2}$/;

export function collabDir(dataDir: string, tableId: string): string {
  return path.join(dataDir, "tables", tableId, "collab");
}

export function fileBase(doc: CollabDocName): string {
  return doc.kind === "board" ? "board" : `notebook-${doc.ownerId}`;
}


export interface LoadedDocument {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** The updates file ended in a partial line (never acknowledged); it was cut. */
  repaired: boolean;
}

/** An update waiting for the fsync that makes it durable. */
interface Queued {
  line: string;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class DocumentFiles {
  readonly snapshotFile: string;
  readonly updatesFile: string;
  /** The updates file's durable operations: kept open while busy (a test may inject faults). */
  private readonly out: LogFile;
  /** Lines in the updates file, queued ones included: what a compaction would fold into the snapshot. */
  private lines = 0;
  /** Bytes of the updates file known durable: where a failed group is cut back to. */
  private durableBytes = 0;
  private dirReady = false;
  private readonly commits = new GroupCommit<Queued>({
    write: (group) => this.writeGroup(group),
    written: (group) => {
      for (const q of group) q.resolve();
    },
    failed: (dropped, err) => this.dropAfterFailure(dropped, err),
  });
  /** The promise of the last update appended: it settles after every earlier one. */
  private tail: Promise<void> = Promise.resolve();
  /** Set once a group failed: nothing more is appended through this instance. */
  private failed: { err: unknown } | null = null;

  constructor(
    private readonly dir: string,
    private readonly base: string,
    private readonly sealer?: Sealer,
    updatesFile?: LogFile,
  ) {
    this.snapshotFile = path.join(dir, `${base}.snapshot`);
    this.updatesFile = path.join(dir, `${base}.updates`);
    this.out = updatesFile ?? new AppendFile(this.updatesFile);
  }

  static for(dataDir: string, doc: CollabDocName, sealer?: Sealer): DocumentFiles {
    return new DocumentFiles(collabDir(dataDir, doc.tableId), fileBase(doc), sealer);
  }

  /** What sealed bytes of this document are bound to: its table, document and file kind. */
  private place(kind: "snapshot" | "updates"): string {
    return `tables/${path.basename(path.dirname(this.dir))}/collab/${this.base}.${kind}`;
  }

  private open(stored: Uint8Array, kind: "snapshot" | "updates"): Uint8Array {
    return this.sealer ? new Uint8Array(this.sealer.open(stored, this.place(kind))) : stored;
  }

  private seal(plain: Uint8Array, kind: "snapshot" | "updates"): Uint8Array {
    return this.sealer ? this.sealer.seal(plain, this.place(kind)) : plain;
  }

  get pendingUpdates(): number {
    return this.lines;
  }

  async load(): Promise<LoadedDocument> {
    const stored = await readBytesIfExists(this.snapshotFile);
    const snapshot = stored ? this.open(stored, "snapshot") : null;
    const { lines, bytes, repaired } = await readWholeLines(this.updatesFile);
    const updates = lines.map((line, i) => {
      if (!BASE64_LINE.test(line)) throw new Error(`${this.updatesFile}: line ${i + 1} is not base64`);
      return this.open(new Uint8Array(Buffer.from(line, "base64")), "updates");
    });
    this.lines = updates.length;
    this.durableBytes = bytes;
    return { snapshot, updates, repaired };
  }

  /**
   * Seals and queues one update now (so the order of calls is the order of lines) and
   * resolves once it is on disk. Calls need not wait for each other: those made in the
   * same turn of the event loop, or while a group is being written, share one write and
   * one fsync.
   */
  append(update: Uint8Array): Promise<void> {
    if (this.failed) return Promise.reject(this.failed.err);
    const line = Buffer.from(this.seal(update, "updates")).toString("base64");
    this.lines += 1;
    const durable = new Promise<void>((resolve, reject) => this.commits.add({ line, resolve, reject }));
    this.tail = durable;
    return durable;
  }

  /**
   * Resolves once every update appended so far is durable; rejects if one of them failed.
   * Under the document's mutex (no appends meanwhile) it means: memory = disk.
   */
  flushed(): Promise<void> {
    return this.tail;
  }

  /** Replaces snapshot + updates by one snapshot of `state`, in the crash-safe order above. */
  async compact(state: Uint8Array): Promise<void> {
    if (this.failed) throw new Error("the updates file failed; the document must be reloaded");
    // The snapshot must hold every line it replaces: nothing may be in flight.
    if (!this.commits.idle) throw new Error("compaction while updates are being written");
    await this.ensureDir();
    await writeFileDurable(this.snapshotFile, this.seal(state, "snapshot"));
    if (this.lines === 0) return;
    // Not renamed but truncated: the kept-open append handle (O_APPEND) stays valid.
    await this.out.truncate(0);
    this.lines = 0;
    this.durableBytes = 0;
  }

  /** Waits for a group being written (it may fail) and closes the updates file. */
  async close(): Promise<void> {
    await this.tail.catch(() => undefined);
    await this.out.close();
  }

  private async writeGroup(group: readonly Queued[]): Promise<void> {
    // Appends are refused once a group failed; this is for any queued meanwhile.
    if (this.failed) throw this.failed.err;
    const bytes = Buffer.from(group.map((q) => `${q.line}\n`).join(""), "utf8");
    await this.ensureDir();
    await this.out.appendDurable(bytes);
    this.durableBytes += bytes.length;
  }

  /**
   * The group failed: it and everything queued behind it is rejected (none of it may be
   * relayed or answered from), and the file is cut back to its durable length (a failed
   * fsync may have left some of the bytes). If the cut fails too, a torn last line is
   * cut on the next load, and whole lines left are updates that were never
   * acknowledged: harmless, as after a crash between write and fsync.
   */
  private async dropAfterFailure(dropped: readonly Queued[], err: unknown): Promise<void> {
    this.failed ??= { err };
    await this.out.truncate(this.durableBytes).catch(() => undefined);
    await this.out.close().catch(() => undefined);
    for (const q of dropped) q.reject(err);
  }

  /** The collab directory is new for a table's first document: make its entry durable too. */
  private async ensureDir(): Promise<void> {
    if (this.dirReady) return;
    const created = await mkdir(this.dir, { recursive: true });
    if (created !== undefined) await fsyncDir(path.dirname(created));
    this.dirReady = true;
  }
}
