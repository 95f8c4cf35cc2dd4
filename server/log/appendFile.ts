// The file under a table log: appends that are durable (write, fsync; the directory too
// when the write created the file) on a handle kept open while the log is busy, so a
// group commit costs one write and one fsync, not an open, a stat and a close as well.
// The Yjs updates files (collab/persistence.ts) use it the same way.
import { mkdir, open, truncate, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { fsyncDir, readTextIfExists } from "../store/durableFile.js";

/** An append-only file's text up to its last newline: a last line without one was never acknowledged. */
export function wholePart(text: string): string {
  return text.slice(0, text.lastIndexOf("\n") + 1);
}

/**
 * The lines of an append-only file (a table log, a Yjs updates file), and its length in
 * bytes. A last line without its newline was being written when the process stopped,
 * so it was never acknowledged: it is cut from the file (`repaired`).
 */
export async function readWholeLines(file: string): Promise<{ lines: string[]; bytes: number; repaired: boolean }> {
  const text = (await readTextIfExists(file)) ?? "";
  const whole = wholePart(text);
  const bytes = Buffer.byteLength(whole);
  const repaired = whole.length < text.length;
  if (repaired) await truncate(file, bytes);
  return { lines: whole.split("\n").filter((l) => l.length > 0), bytes, repaired };
}

/** What TableLog needs of its file; tests give a faulty one to see how failures are handled. */
export interface LogFile {
  /** Appends the bytes and makes them durable before resolving. */
  appendDurable(bytes: Buffer): Promise<void>;
  /** Cuts the file back to `length` bytes, durably (after a failed append). */
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

/** A handle is closed after this long without appends (tables are many, descriptors few). */
const IDLE_CLOSE_MS = 5_000;

export class AppendFile implements LogFile {
  private handle: Promise<FileHandle> | null = null;
  private idle: NodeJS.Timeout | null = null;
  /** Whether the directory entry is known durable (the file existed, or its dir was synced). */
  private dirSynced = false;

  constructor(private readonly file: string) {}

  private opened(): Promise<FileHandle> {
    if (this.idle) {
      clearTimeout(this.idle);
      this.idle = null;
    }
    if (!this.handle) {
      const opening = (async () => {
        await mkdir(path.dirname(this.file), { recursive: true });
        const handle = await open(this.file, "a", 0o600);
        // A file that was empty on open may be new: its name is durable only once the
        // directory is synced (after the first fsync of its content).
        if (!this.dirSynced && (await handle.stat()).size > 0) this.dirSynced = true;
        return handle;
      })();
      this.handle = opening;
      // A failed open is not kept: the next append tries again.
      opening.catch(() => {
        if (this.handle === opening) this.handle = null;
      });
    }
    return this.handle;
  }

  private closeWhenIdle(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => void this.close(), IDLE_CLOSE_MS);
    this.idle.unref();
  }

  async appendDurable(bytes: Buffer): Promise<void> {
    const handle = await this.opened();
    try {
      await handle.write(bytes);
      await handle.sync();
      if (!this.dirSynced) {
        await fsyncDir(path.dirname(this.file));
        this.dirSynced = true;
      }
    } catch (err) {
      // After a failed fsync the kernel may have dropped the dirty pages and a later
      // fsync would report success: never reuse this handle.
      await this.close();
      throw err;
    }
    this.closeWhenIdle();
  }

  async truncate(length: number): Promise<void> {
    const handle = await open(this.file, "r+");
    try {
      await handle.truncate(length);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async close(): Promise<void> {
    if (this.idle) {
      clearTimeout(this.idle);
      this.idle = null;
    }
    const handle = this.handle;
    this.handle = null;
    if (handle) await handle.then((h) => h.close()).catch(() => undefined);
  }
}
