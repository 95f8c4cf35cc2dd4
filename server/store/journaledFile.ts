// A lowdb adapter that keeps a document as a snapshot plus a journal of changes.
//
// Why: a table document grows with every fragment, draft and meeting, and rewriting all
// of it (sealed, to a temp file, two fsyncs and a rename) on every release was the
// largest fixed cost of a release under its table lock (bench/RESULTS.md). Now an
// update appends one line — the operations that changed it (journalOps.ts), sealed — and
// one fsync. Once the journal outgrows the snapshot it is folded in: the whole state is
// written as the new snapshot, then the journal is replaced by an empty one.
//
// Files: `<name>.json` (the snapshot, written as DurableJSONFile writes it) and
// `<name>.journal`: a header line naming the snapshot it continues (SHA-256 of the
// snapshot's bytes), then one line per update. Crash cases:
//  - a last line without its newline was never acknowledged: it is cut on read;
//  - a crash while folding, after the new snapshot and before the new journal, leaves a
//    journal whose header names the old snapshot: it is ignored (the new snapshot holds
//    all of it) and replaced before anything is appended;
//  - a write that failed is cut from the file (never replayed as if it had succeeded).
// Sealed lines are bound to their journal and their position (GCM additional data): a
// line moved to another table, another journal or another place does not open.
import { createHash } from "node:crypto";
import { truncate } from "node:fs/promises";
import { AppendFile, wholePart } from "../log/appendFile.js";
import { decodeDocument, encodeDocument, readBytesIfExists, writeFileDurable, type Sealing } from "./durableFile.js";
import { applyOps, diffStates, JournalOps } from "./journalOps.js";
import type { Sealer } from "./sealer.js";
import type { DocAdapter } from "./durableDoc.js";

/** Fold the journal into the snapshot once it holds more than this, or than the snapshot. */
const MIN_FOLD_BYTES = 256 * 1024;

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Where a sealed journal line belongs (its GCM additional data): snapshot, journal, position. */
export function journalLinePlace(snapshotPlace: string, base: string, index: number): string {
  return `${snapshotPlace}#journal#${base}#${index}`;
}

/**
 * Opens every whole line of a sealed journal (its text as stored) with the place each is
 * bound to; throws on any that does not open. For restore's check and for tests that
 * read what is on disk: the running server reads journals only through the adapter.
 */
export function openSealedJournal(sealer: Sealer, snapshotPlace: string, text: string): string[] {
  let parts: JournalParts | null = null;
  try {
    parts = journalParts(text);
  } catch {
    // A header that is not JSON names no snapshot either.
  }
  const base = parts?.base;
  if (parts === null || typeof base !== "string") throw new Error(`the journal of ${snapshotPlace} has no header naming its snapshot`);
  return parts.lines.map((line, i) => Buffer.from(sealer.open(Buffer.from(line, "base64"), journalLinePlace(snapshotPlace, base, i))).toString("utf8"));
}

interface JournalParts {
  /** The header's `base` (undefined without a whole header line). */
  base: unknown;
  /** The whole lines after the header. */
  lines: string[];
  /** Where the last whole line ends: anything after it was never acknowledged. */
  wholeBytes: number;
}

/** A journal's text as stored, split at its newlines; throws if the header is not JSON. */
function journalParts(text: string): JournalParts {
  const whole = wholePart(text);
  const [header, ...lines] = whole.split("\n").slice(0, -1);
  const base = header === undefined ? undefined : (JSON.parse(header) as { base?: unknown }).base;
  return { base, lines: lines.filter((l) => l.length > 0), wholeBytes: Buffer.byteLength(whole) };
}

export interface JournaledFileOptions {
  /** Seals snapshot and lines; `place` names the snapshot (e.g. "tables/<id>/table.json"). */
  sealing?: Sealing;
}

export class JournaledJSONFile<T extends object> implements DocAdapter<T> {
  private readonly journalFile: string;
  private journal: AppendFile;
  /** The state last read or written: what the next update is a change of. */
  private last: T | null = null;
  /** Hash of the snapshot on disk (null before the first write): what the journal continues. */
  private base: string | null = null;
  private snapshotBytes = 0;
  /** Durable bytes of the journal (where a failed append is cut back to), and its lines. */
  private journalBytes = 0;
  private lines = 0;
  /**
   * "fresh": the journal on disk does not continue this snapshot (none yet, or one left by
   * a fold cut short); an empty one replaces it before the next append. "fold": a failed
   * append could not be cut back; the next write folds (the snapshot then holds it all).
   */
  private journalNeeds: "nothing" | "fresh" | "fold" = "nothing";

  constructor(
    private readonly snapshotFile: string,
    private readonly options: JournaledFileOptions = {},
  ) {
    this.journalFile = snapshotFile.replace(/\.json$/, "") + ".journal";
    this.journal = new AppendFile(this.journalFile);
  }

  private lineAad(index: number): string {
    return journalLinePlace(this.options.sealing?.place ?? "", this.base ?? "", index);
  }

  private encodeLine(ops: unknown, index: number): string {
    const json = JSON.stringify(ops);
    const s = this.options.sealing;
    return s ? Buffer.from(s.sealer.seal(Buffer.from(json, "utf8"), this.lineAad(index))).toString("base64") : json;
  }

  private decodeLine(line: string, index: number): unknown {
    const s = this.options.sealing;
    const json = s ? Buffer.from(s.sealer.open(Buffer.from(line, "base64"), this.lineAad(index))).toString("utf8") : line;
    return JSON.parse(json);
  }

  async read(): Promise<T | null> {
    const stored = await readBytesIfExists(this.snapshotFile);
    if (stored === null) return null;
    const state = decodeDocument<T>(stored, this.options.sealing);
    this.base = sha256(stored);
    this.snapshotBytes = stored.length;
    await this.replay(state);
    this.last = state;
    return state;
  }

  /** Applies the journal that continues this snapshot; forgets one that does not. */
  private async replay(state: T): Promise<void> {
    const bytes = await readBytesIfExists(this.journalFile);
    let parts: JournalParts;
    try {
      parts = journalParts(bytes?.toString("utf8") ?? "");
    } catch {
      // Ignoring it would drop acknowledged updates without a word.
      throw new Error(`${this.journalFile} has a damaged header; restore the table from a backup.`);
    }
    if (parts.base === undefined || parts.base !== this.base) {
      // No journal, or one written for an earlier snapshot (a fold cut short): the
      // snapshot is everything. A fresh journal is written before the next append.
      this.journalNeeds = "fresh";
      return;
    }
    if (bytes !== null && parts.wholeBytes < bytes.length) {
      // The last line was being written when the process stopped: never acknowledged.
      await truncate(this.journalFile, parts.wholeBytes);
    }
    const body = parts.lines;
    body.forEach((line, i) => {
      let ops;
      try {
        ops = JournalOps.parse(this.decodeLine(line, i));
      } catch {
        throw new Error(`${this.journalFile} is damaged at line ${i + 1}; restore the table from a backup.`);
      }
      applyOps(state, ops);
    });
    this.lines = body.length;
    this.journalBytes = parts.wholeBytes;
  }

  async write(next: T): Promise<void> {
    const last = this.last;
    if (last === null || this.journalNeeds === "fold" || this.journalBytes > Math.max(MIN_FOLD_BYTES, this.snapshotBytes)) {
      await this.fold(next);
      return;
    }
    const ops = diffStates(last, next);
    if (ops.length === 0) {
      this.last = next;
      return;
    }
    if (this.journalNeeds === "fresh") await this.freshJournal();
    const line = Buffer.from(`${this.encodeLine(ops, this.lines)}\n`, "utf8");
    try {
      await this.journal.appendDurable(line);
    } catch (err) {
      // Whatever reached the file must not be replayed as if it had been written: cut it,
      // or, if even that fails, fold the state as it was before this update now (the
      // new journal replaces the one holding the line). If that fails too, the next
      // write folds; until then a crash would replay the refused line.
      await this.journal.truncate(this.journalBytes).catch(() => this.fold(last).catch(() => undefined));
      throw err;
    }
    this.journalBytes += line.length;
    this.lines += 1;
    this.last = next;
  }

  /** Erasure: the whole state as the snapshot, and no journal line of earlier states left. */
  async writeWhole(next: T): Promise<void> {
    await this.fold(next);
    // Not durable until the old journal is gone (a fold may leave it, to be ignored).
    if (this.journalNeeds === "fresh") await this.freshJournal();
  }

  /** The whole state as the new snapshot, then an empty journal that continues it. */
  private async fold(next: T): Promise<void> {
    const snapshot = encodeDocument(next, this.options.sealing);
    // Until the fold is through, the next write folds again: a failure after the rename
    // (the directory's fsync) leaves a snapshot on disk that `last` and `base` do not
    // describe, and appending to the old journal would be lost on the next load.
    this.journalNeeds = "fold";
    await this.writeSnapshot(snapshot);
    // The new snapshot holds everything: from here a failure only leaves a journal that
    // no longer continues it, which is ignored on read and replaced before an append.
    this.last = next;
    this.base = sha256(snapshot);
    this.snapshotBytes = snapshot.length;
    this.journalNeeds = "fresh";
    // Not thrown: the update is durable in the snapshot, and the caller must not be told
    // otherwise. The next append tries the fresh journal again.
    await this.freshJournal().catch(() => undefined);
  }

  /** The durable rewrite of the snapshot (its own method: tests make it fail). */
  private async writeSnapshot(bytes: Uint8Array): Promise<void> {
    await writeFileDurable(this.snapshotFile, bytes);
  }

  /** Replaces the journal by an empty one that continues the snapshot on disk. */
  private async freshJournal(): Promise<void> {
    const header = `${JSON.stringify({ journal: 1, base: this.base })}\n`;
    await this.journal.close();
    await writeFileDurable(this.journalFile, header);
    // A new file under the name: the old handle would write to the replaced one.
    this.journal = new AppendFile(this.journalFile);
    this.journalBytes = Buffer.byteLength(header);
    this.lines = 0;
    this.journalNeeds = "nothing";
  }

  /** Closes the journal's file handle (it reopens on the next append). */
  async close(): Promise<void> {
    await this.journal.close();
  }
}
