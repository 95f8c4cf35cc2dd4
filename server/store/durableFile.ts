// Durable writes for lowdb (invariant 5: acknowledged means durable).
// lowdb's own JSONFile writes a temp file and renames it but never fsyncs, so a power
// cut can leave an empty or old file behind an acknowledged write. This adapter does
// the full sequence: write temp, fsync temp, rename over, fsync the directory.
import { open, readFile, rename, mkdir } from "node:fs/promises";
import path from "node:path";
import type { Adapter } from "lowdb";
import type { Sealer } from "./sealer.js";

export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function writeFileDurable(file: string, content: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  const handle = await open(tmp, "w", 0o600);
  try {
    await handle.writeFile(content, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
  await fsyncDir(dir);
}

/** Appends lines and fsyncs before resolving; the directory is synced when the file is new. */
export async function appendLinesDurable(file: string, lines: string[]): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const handle = await open(file, "a", 0o600);
  let created = false;
  try {
    created = (await handle.stat()).size === 0;
    await handle.writeFile(lines.map((l) => `${l}\n`).join(""), "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (created) await fsyncDir(dir);
}

export async function readBytesIfExists(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

export async function readTextIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

export type Sealing = { sealer: Sealer; place: string };

/** A whole document as stored: JSON, sealed for its place when given a sealing. */
export function encodeDocument(data: unknown, sealing?: Sealing): Uint8Array {
  const json = Buffer.from(JSON.stringify(data), "utf8");
  return sealing ? sealing.sealer.seal(json, sealing.place) : json;
}

/** The document stored in these bytes (opened for its place when sealed). */
export function decodeDocument<T>(stored: Uint8Array, sealing?: Sealing): T {
  const plain = sealing ? sealing.sealer.open(stored, sealing.place) : stored;
  return JSON.parse(Buffer.from(plain).toString("utf8")) as T;
}

/** A lowdb adapter with fsync'd writes, sealed at rest when given a sealer. Callers serialise writes. */
export class DurableJSONFile<T> implements Adapter<T> {
  constructor(
    private readonly file: string,
    private readonly sealing?: Sealing,
  ) {}

  async read(): Promise<T | null> {
    const stored = await readBytesIfExists(this.file);
    return stored === null ? null : decodeDocument<T>(stored, this.sealing);
  }

  async write(data: T): Promise<void> {
    await writeFileDurable(this.file, encodeDocument(data, this.sealing));
  }
}
