// Durable storage of one Yjs document, beside its table's files:
//
//   data/tables/<tableId>/collab/<board | notebook-<userId>>.snapshot   Y.encodeStateAsUpdate, binary
//   data/tables/<tableId>/collab/<board | notebook-<userId>>.updates    one base64 update per line
//
// The document is the snapshot (if any) followed by every line of the updates file.
// - append: one line per update, fsync'd before the caller broadcasts or answers
//   (invariant 5). A line without its newline was never acknowledged: on load it is cut.
// - compact: (1) the merged state is written as the new snapshot with writeFileDurable
//   (temp, fsync, rename, fsync dir), then (2) the updates file is truncated and fsync'd.
//   A crash between (1) and (2) leaves the snapshot *and* the old lines; replaying lines
//   that are already in the snapshot is harmless, because applying a Yjs update twice
//   changes nothing. The other order could lose updates; this one cannot.
import { mkdir, open, readFile, truncate } from "node:fs/promises";
import path from "node:path";
import type { CollabDocName } from "../../shared/collab.js";
import type { Sealer } from "../store/sealer.js";
import { appendLinesDurable, fsyncDir, readTextIfExists, writeFileDurable } from "../store/durableFile.js";

/** Compact once this many updates have been appended since the last snapshot. */
export const COMPACT_AFTER_UPDATES = 500;

const BASE64_LINE = /^[A-Za-z0-9+/]*={0,2}$/;

export function collabDir(dataDir: string, tableId: string): string {
  return path.join(dataDir, "tables", tableId, "collab");
}

export function fileBase(doc: CollabDocName): string {
  return doc.kind === "board" ? "board" : `notebook-${doc.ownerId}`;
}

async function readIfExists(file: string): Promise<Uint8Array | null> {
  try {
    return await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

export interface LoadedDocument {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** The updates file ended in a partial line (never acknowledged); it was cut. */
  repaired: boolean;
}

export class DocumentFiles {
  readonly snapshotFile: string;
  readonly updatesFile: string;
  /** Lines in the updates file: what a compaction would fold into the snapshot. */
  private lines = 0;
  private dirReady = false;

  constructor(
    private readonly dir: string,
    private readonly base: string,
    private readonly sealer?: Sealer,
  ) {
    this.snapshotFile = path.join(dir, `${base}.snapshot`);
    this.updatesFile = path.join(dir, `${base}.updates`);
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
    const stored = await readIfExists(this.snapshotFile);
    const snapshot = stored ? this.open(stored, "snapshot") : null;
    let text = (await readTextIfExists(this.updatesFile)) ?? "";
    let repaired = false;
    if (text.length > 0 && !text.endsWith("\n")) {
      text = text.slice(0, text.lastIndexOf("\n") + 1);
      await truncate(this.updatesFile, Buffer.byteLength(text));
      repaired = true;
    }
    const lines = text.split("\n").filter((l) => l.length > 0);
    const updates = lines.map((line, i) => {
      if (!BASE64_LINE.test(line)) throw new Error(`${this.updatesFile}: line ${i + 1} is not base64`);
      return this.open(new Uint8Array(Buffer.from(line, "base64")), "updates");
    });
    this.lines = updates.length;
    return { snapshot, updates, repaired };
  }

  /** Appends one update durably; resolves once it is on disk. Callers serialise. */
  async append(update: Uint8Array): Promise<void> {
    await this.ensureDir();
    await appendLinesDurable(this.updatesFile, [Buffer.from(this.seal(update, "updates")).toString("base64")]);
    this.lines += 1;
  }

  /** Replaces snapshot + updates by one snapshot of `state`, in the crash-safe order above. */
  async compact(state: Uint8Array): Promise<void> {
    await this.ensureDir();
    await writeFileDurable(this.snapshotFile, this.seal(state, "snapshot"));
    if (this.lines === 0) return;
    const handle = await open(this.updatesFile, "r+");
    try {
      await handle.truncate(0);
      await handle.sync();
    } finally {
      await handle.close();
    }
    this.lines = 0;
  }

  /** The collab directory is new for a table's first document: make its entry durable too. */
  private async ensureDir(): Promise<void> {
    if (this.dirReady) return;
    const created = await mkdir(this.dir, { recursive: true });
    if (created !== undefined) await fsyncDir(path.dirname(created));
    this.dirReady = true;
  }
}
