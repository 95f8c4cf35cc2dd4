// data/tafel.pid: which process serves this data directory, so that tools that must not
// run beside a server (npm run restore) can tell. Written when Tafel starts, removed when
// it stops cleanly; after a kill -9 it stays, naming a process that no longer exists.
// Informational only: the server does not lock the directory with it.
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { writeFileDurable } from "./durableFile.js";

export const PID_FILE = "tafel.pid";

export interface PidRecord {
  pid: number;
  startedAt: string;
}

/** Records this process as the data directory's server; returns the function that clears it. */
export async function claimDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, PID_FILE);
  const record: PidRecord = { pid: process.pid, startedAt: new Date().toISOString() };
  await writeFileDurable(file, JSON.stringify(record));
  return async () => {
    const current = await readPidFile(dataDir);
    // Another server (this same process, restarted) may have claimed it since.
    if (current?.pid === record.pid && current.startedAt === record.startedAt) await rm(file, { force: true });
  };
}

export async function readPidFile(dataDir: string): Promise<PidRecord | null> {
  try {
    const parsed = JSON.parse(await readFile(path.join(dataDir, PID_FILE), "utf8")) as Partial<PidRecord>;
    return typeof parsed.pid === "number" && Number.isSafeInteger(parsed.pid) && typeof parsed.startedAt === "string"
      ? { pid: parsed.pid, startedAt: parsed.startedAt }
      : null;
  } catch {
    return null;
  }
}

/** The process named by the pid file, if it is alive (a stale file after a kill -9 names none). */
export async function serverUsing(dataDir: string): Promise<PidRecord | null> {
  const record = await readPidFile(dataDir);
  if (!record || record.pid <= 0) return null;
  try {
    process.kill(record.pid, 0);
    return record;
  } catch (err) {
    // EPERM: it exists but belongs to someone else: still in use.
    return (err as NodeJS.ErrnoException).code === "EPERM" ? record : null;
  }
}
