// npm run backup -- <backup-dir> [--data <dir>] [--include-key <file>] [--key-file <file>]
//
// Copies the data directory into <backup-dir> (new or empty) while Tafel runs, and
// writes manifest.json (every file's size and SHA-256, every table log's size and root).
// The keyring is NOT copied into the backup: a backup without it reveals no content.
// --include-key writes a copy of the keyring to a separate file, to be kept elsewhere.
//
// Why the copy is consistent without stopping the server (docs/OPERATIONS.md has the
// long form): Tafel changes documents (tafel.json, table.json, snapshots, blobs, the
// signing key, a table's journal when it is folded) only by writing a new file and
// renaming it over the old one, and changes logs, table journals and Yjs update files
// only by appending. So:
//  1. open tafel.json, then list the directory and open every other document: an open
//     descriptor keeps reading the version it opened, whatever is renamed over it —
//     all of them before any length is noted;
//  2. note each table journal's length, then each log's (content up to there never
//     changes; a journal line follows the log entries it depends on);
//  3. check that no document was replaced since it was opened (the path still names the
//     inode we hold). If one was, close everything and start again; if none was, every
//     document and every log length belong to one moment in which only appends
//     happened — a state a crash at that moment could have left, which the write
//     ordering rules (docs/ARCHITECTURE.md) make correct;
//  4. read each Yjs updates file, then its snapshot: a compaction in between puts
//     everything already read into the newer snapshot, so nothing is lost.
// Exit 0: backup written; 1: could not make one (the reason is printed); 2: usage.
import { access, copyFile, mkdir, open, readdir, stat, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { defaultKeyFile } from "../server/store/sealer.js";
import { PID_FILE, serverUsing } from "../server/store/pidFile.js";
import { fsyncDir } from "../server/store/durableFile.js";
import { BACKUP_FORMAT, checkLog, listFiles, logTableOf, Manifest, MANIFEST, sha256, writeTree } from "./backupFormat.js";

const USAGE = "usage: npm run backup -- <backup-dir> [--data <data-dir>] [--include-key <file outside the backup>] [--key-file <keyring>]";
const MAX_ATTEMPTS = 100;

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function fail(message: string): never {
  process.stderr.write(`BACKUP FAILED: ${message}\n`);
  process.exit(1);
}

const isInside = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
};

/** Files the copy leaves out: temp files of writes in progress, and the live server's pid. */
function skipped(rel: string): boolean {
  return rel === PID_FILE || /^\..+\.tmp$/.test(path.posix.basename(rel));
}

async function readPrefix(handle: FileHandle, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const { bytesRead } = await handle.read(buf, read, length - read, read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  return buf.subarray(0, read);
}

/** Whole lines only: a partial last line is an append in progress, never acknowledged. */
function wholeLines(bytes: Buffer): Buffer {
  const end = bytes.lastIndexOf(0x0a);
  return bytes.subarray(0, end + 1);
}

async function openIfExists(file: string): Promise<FileHandle | null> {
  try {
    return await open(file, "r");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

/** One attempt at a consistent copy; null when a document was replaced meanwhile. */
async function copyOnce(dataDir: string): Promise<Map<string, Uint8Array> | null> {
  const held: { rel: string; handle: FileHandle; ino: bigint; dev: bigint }[] = [];
  const logs: { rel: string; handle: FileHandle; length: number }[] = [];
  const journals: { rel: string; handle: FileHandle; length: number; ino: bigint; dev: bigint }[] = [];
  const updates: string[] = [];
  const snapshots: string[] = [];
  const hold = async (rel: string): Promise<boolean> => {
    const handle = await openIfExists(path.join(dataDir, rel));
    if (!handle) return false;
    const st = await handle.stat({ bigint: true });
    held.push({ rel, handle, ino: st.ino, dev: st.dev });
    return true;
  };
  try {
    // 1. tafel.json first: a table created after this lists the table only in a newer
    //    tafel.json, which step 3 notices.
    if (!(await hold("tafel.json"))) throw new Error("the data directory has no tafel.json");
    const all = (await listFiles(dataDir)).filter((rel) => rel !== "tafel.json" && !skipped(rel));
    // Journals and logs are read by noted length (step 2), Yjs files in pairs (step 4).
    const notHeld = (rel: string) => rel.endsWith(".journal") || rel.endsWith(".jsonl") || rel.endsWith(".updates") || rel.endsWith(".snapshot");
    // 1b. Every other document, before any length is noted: step 3 then shows that none
    //     changed from the last of these opens to the check, and every length below is
    //     noted inside that interval.
    for (const rel of all) {
      if (notHeld(rel)) continue;
      if (!(await hold(rel))) return null;
    }
    // 2a. Table journals before any log: a journal's line is appended only after the log
    //     entries it follows are durable, so a journal length noted first is covered by
    //     the log lengths noted after it. A fold replaces the journal (and the snapshot):
    //     step 3 checks the journals' inodes too.
    for (const rel of all.filter((r) => r.endsWith(".journal"))) {
      const handle = await openIfExists(path.join(dataDir, rel));
      if (!handle) return null;
      const st = await handle.stat({ bigint: true });
      journals.push({ rel, handle, length: Number(st.size), ino: st.ino, dev: st.dev });
    }
    for (const rel of all) {
      if (rel.endsWith(".jsonl")) {
        const handle = await openIfExists(path.join(dataDir, rel));
        if (!handle) return null;
        // 2b. The length now: the bytes before it are never rewritten.
        logs.push({ rel, handle, length: Number((await handle.stat()).size) });
      } else if (rel.endsWith(".updates")) updates.push(rel);
      else if (rel.endsWith(".snapshot")) snapshots.push(rel);
    }
    // 3. Nothing replaced since it was opened (an inode we hold cannot be reused).
    for (const h of [...held, ...journals]) {
      const now = await stat(path.join(dataDir, h.rel), { bigint: true }).catch(() => null);
      if (!now || now.ino !== h.ino || now.dev !== h.dev) return null;
    }
    const files = new Map<string, Uint8Array>();
    for (const h of held) files.set(h.rel, await h.handle.readFile());
    for (const l of [...journals, ...logs]) files.set(l.rel, wholeLines(await readPrefix(l.handle, l.length)));
    // 4. Each Yjs document: updates, then snapshot.
    const bases = new Set([...updates, ...snapshots].map((rel) => rel.replace(/\.(updates|snapshot)$/, "")));
    for (const base of bases) {
      const u = await openIfExists(path.join(dataDir, `${base}.updates`));
      if (u) {
        try {
          files.set(`${base}.updates`, wholeLines(await readPrefix(u, Number((await u.stat()).size))));
        } finally {
          await u.close();
        }
      }
      const s = await openIfExists(path.join(dataDir, `${base}.snapshot`));
      if (s) {
        try {
          files.set(`${base}.snapshot`, await s.readFile());
        } finally {
          await s.close();
        }
      }
    }
    return files;
  } finally {
    await Promise.all([...held, ...journals, ...logs].map((h) => h.handle.close().catch(() => undefined)));
  }
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { data: { type: "string" }, "include-key": { type: "string" }, "key-file": { type: "string" } },
    });
  } catch (err) {
    usage(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) usage("give exactly one backup directory");
  const backupDir = path.resolve(positionals[0] as string);
  const dataDir = path.resolve(values.data ?? (process.env.TAFEL_DATA_DIR || "data"));
  const keyFile = path.resolve(values["key-file"] ?? (process.env.TAFEL_KEY_FILE || defaultKeyFile(dataDir)));
  const keyCopy = values["include-key"] === undefined ? null : path.resolve(values["include-key"]);

  await access(path.join(dataDir, "tafel.json")).catch(() => usage(`${dataDir} is not a Tafel data directory (no tafel.json)`));
  if (isInside(backupDir, dataDir) || isInside(dataDir, backupDir)) usage("the backup directory and the data directory must not contain each other");
  if (keyCopy && (isInside(keyCopy, backupDir) || isInside(keyCopy, dataDir))) {
    usage("--include-key must name a file outside the backup and the data directory: the keyring is what makes a stolen backup unreadable");
  }
  const existing = await readdir(backupDir).catch(() => null);
  if (existing && existing.length > 0) usage(`${backupDir} is not empty; give a new or empty directory`);

  const running = (await serverUsing(dataDir)) !== null;
  let files: Map<string, Uint8Array> | null = null;
  let attempts = 0;
  while (!files) {
    attempts += 1;
    if (attempts > MAX_ATTEMPTS) fail(`the data directory kept changing during ${MAX_ATTEMPTS} attempts; try again when Tafel is less busy, or stop it`);
    files = await copyOnce(dataDir);
    if (!files) await new Promise((r) => setTimeout(r, Math.min(500, 5 * attempts) + Math.random() * 20));
  }

  // Every log must verify before it is called a backup.
  const logs: Manifest["logs"] = [];
  for (const [rel, bytes] of files) {
    const table = logTableOf(rel);
    if (!table) continue;
    const checked = checkLog(bytes);
    if ("problem" in checked) fail(`the log of table ${table} in the data directory is damaged (${checked.problem}); nothing was written`);
    logs.push({ table, entries: checked.entries, root: checked.root });
  }

  const note = keyCopy
    ? `The keyring was copied to a separate file (${keyCopy}). Keep it apart from this backup.`
    : "The keyring is not in this backup. Without it the sealed content (fragments, drafts, board, notebooks, minutes) cannot be read: back it up separately.";
  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    createdAt: new Date().toISOString(),
    source: dataDir,
    serverWasRunning: running,
    attempts,
    keyring: { included: keyCopy !== null, note },
    files: [...files].map(([p, bytes]) => ({ path: p, bytes: bytes.length, sha256: sha256(bytes) })).sort((a, b) => a.path.localeCompare(b.path)),
    logs: logs.sort((a, b) => a.table.localeCompare(b.table)),
  };
  // What restore will accept (file names included), checked before anything is written.
  const valid = Manifest.safeParse(manifest);
  if (!valid.success) fail(`this data directory cannot be described by a backup manifest: ${valid.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  await mkdir(backupDir, { recursive: true, mode: 0o700 });
  await writeTree(backupDir, files);
  // The manifest last: a backup without one is unfinished.
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  await writeTree(backupDir, new Map([[MANIFEST, manifestBytes]]));

  if (keyCopy) {
    await mkdir(path.dirname(keyCopy), { recursive: true, mode: 0o700 });
    await copyFile(keyFile, keyCopy, 1 /* COPYFILE_EXCL: never overwrite */).catch((err: unknown) =>
      fail(`the backup is written, but the keyring could not be copied to ${keyCopy}: ${err instanceof Error ? err.message : String(err)}`),
    );
    await fsyncDir(path.dirname(keyCopy));
  }

  const total = manifest.files.reduce((n, f) => n + f.bytes, 0);
  const say = (line = "") => process.stdout.write(`${line}\n`);
  say(`Backup written to ${backupDir}`);
  say(`  ${manifest.files.length} files, ${total} bytes, ${logs.length} table logs (${logs.reduce((n, l) => n + l.entries, 0)} entries), ${running ? "copied while Tafel was running" : "Tafel was not running"}, ${attempts} attempt(s)`);
  // Noted elsewhere (a ticket, a log book), it tells a later reader the manifest is this one.
  say(`  manifest SHA-256: ${sha256(manifestBytes)}`);
  say();
  say("!!! THE KEYRING IS NOT IN THIS BACKUP !!!");
  if (keyCopy) say(`    A copy of it was written to ${keyCopy}. Store it on different media from the backup.`);
  else say(`    Back up ${keyFile} separately (or run again with --include-key <file>): without it the backup's content cannot be read.`);
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
