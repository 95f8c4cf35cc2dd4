// What npm run backup writes and npm run restore reads: a directory holding a copy of
// the data directory's files and manifest.json, which lists every file with its size
// and SHA-256 and every table log with its entry count and Merkle root. The manifest is
// written last: a backup without one is unfinished and is refused.
// See docs/OPERATIONS.md ("Backup and restore") for why the copy is consistent.
import { createHash } from "node:crypto";
import { mkdir, open, readdir } from "node:fs/promises";
import path from "node:path";
import canonicalize from "canonicalize";
import { z } from "zod";
import { leafHash, MerkleTree, toHex } from "../server/log/merkle.js";
import { fsyncDir } from "../server/store/durableFile.js";

export const MANIFEST = "manifest.json";
export const BACKUP_FORMAT = "tafel-backup/v1";

/** A path inside the backup: relative, forward slashes, no `..`, no hidden tricks. */
const RelativePath = z
  .string()
  .min(1)
  .max(512)
  .regex(/^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9._/-]+$/, { error: "must be a plain relative path" })
  .refine((p) => p !== MANIFEST, { error: "the manifest cannot list itself" });

export const Manifest = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  createdAt: z.iso.datetime(),
  /** The data directory copied (informational). */
  source: z.string().max(4096),
  /** Whether a server was using the data directory while it was copied. */
  serverWasRunning: z.boolean(),
  /** How many times the copy was retried because a document changed under it. */
  attempts: z.number().int().min(1),
  keyring: z.strictObject({ included: z.boolean(), note: z.string().max(1000) }),
  files: z
    .array(z.strictObject({ path: RelativePath, bytes: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) }))
    .max(1_000_000),
  logs: z.array(z.strictObject({ table: z.string().regex(/^[0-9a-f-]{36}$/), entries: z.number().int().min(0), root: z.string().regex(/^[0-9a-f]{64}$/) })),
});
export type Manifest = z.infer<typeof Manifest>;

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** `tables/<id>/log.jsonl` → the table id. */
export function logTableOf(rel: string): string | null {
  return /^tables\/([0-9a-f-]{36})\/log\.jsonl$/.exec(rel)?.[1] ?? null;
}

/**
 * Checks a table log's bytes as the server and the verifier would: whole lines, each
 * canonical JSON, numbered 0…n-1. Returns the entry count and Merkle root, or a reason.
 */
export function checkLog(bytes: Uint8Array): { entries: number; root: string } | { problem: string } {
  const text = Buffer.from(bytes).toString("utf8");
  if (text.length > 0 && !text.endsWith("\n")) return { problem: "ends in a partial line" };
  const lines = text.split("\n").slice(0, -1);
  const tree = new MerkleTree();
  const utf8 = new TextEncoder();
  for (const [i, line] of lines.entries()) {
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      return { problem: `entry ${i} is not JSON` };
    }
    if (canonicalize(entry) !== line) return { problem: `entry ${i} is not canonical JSON` };
    if ((entry as { seq?: unknown }).seq !== i) return { problem: `entry ${i} is not numbered ${i}` };
    tree.append(leafHash(utf8.encode(line)));
  }
  return { entries: lines.length, root: toHex(tree.root()) };
}

/** Every file under `dir`, as relative paths with forward slashes. */
export async function listFiles(dir: string, base = ""): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(path.join(dir, base), { withFileTypes: true })) {
    const rel = base ? `${base}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else if (e.isFile()) out.push(rel);
    else throw new Error(`${rel} is neither a file nor a directory`);
  }
  return out;
}

/** Writes files under `root` with fsync (file, then every directory touched). */
export async function writeTree(root: string, files: ReadonlyMap<string, Uint8Array>): Promise<void> {
  const dirs = new Set<string>([root]);
  for (const [rel, bytes] of files) {
    const file = path.join(root, ...rel.split("/"));
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    for (let d = path.dirname(file); d.startsWith(root); d = path.dirname(d)) {
      dirs.add(d);
      if (d === root) break;
    }
    const handle = await open(file, "wx", 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
  // Deepest first, so each directory's entries are durable before its parent's.
  for (const d of [...dirs].sort((a, b) => b.length - a.length)) await fsyncDir(d);
}
