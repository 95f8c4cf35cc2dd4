// npm run restore -- <backup-dir> --data <data-dir> [--force] [--key-file <keyring>]
//
// Checks a backup completely before writing anything: the manifest's shape, every file's
// size and SHA-256 (and no file it does not list), every table log (whole canonical
// lines numbered 0…n-1, the entry count and Merkle root the manifest recorded), and —
// when the keyring is at hand — that every sealed file opens with it (AES-GCM
// authenticates each, bound to its place). Then it refuses a data directory a running
// Tafel uses (data/tafel.pid names a live process), and a non-empty one unless --force.
// The copy is written beside the target and renamed into place; with --force the old
// directory is kept, renamed, never deleted.
// Exit 0: restored; 1: refused (the reason is printed, nothing was written); 2: usage.
import { access, readFile, rename, stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { fsyncDir } from "../server/store/durableFile.js";
import { serverUsing } from "../server/store/pidFile.js";
import { defaultKeyFile, openKeyring, type Sealer } from "../server/store/sealer.js";
import { openSealedJournal } from "../server/store/journaledFile.js";
import { checkLog, listFiles, logTableOf, Manifest, MANIFEST, sha256, writeTree } from "./backupFormat.js";

const USAGE = "usage: npm run restore -- <backup-dir> --data <data-dir> [--force] [--key-file <keyring>]";
const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function refuse(message: string): never {
  process.stderr.write(`RESTORE REFUSED: ${message}\nNothing was written.\n`);
  process.exit(1);
}

const exists = (p: string) => access(p).then(() => true, () => false);

/** Sealed files open with the keyring, each bound to its own place (its path in the data directory). */
function checkSealed(sealer: Sealer, rel: string, bytes: Uint8Array): void {
  if (/^tables\/[^/]+\/table\.json$/.test(rel) || /^tables\/[^/]+\/(collab\/[^/]+\.snapshot|blobs\/[^/]+)$/.test(rel)) {
    sealer.open(bytes, rel);
  } else if (/^tables\/[^/]+\/table\.journal$/.test(rel)) {
    openSealedJournal(sealer, rel.replace(/\.journal$/, ".json"), Buffer.from(bytes).toString("utf8"));
  } else if (/^tables\/[^/]+\/collab\/[^/]+\.updates$/.test(rel)) {
    for (const line of Buffer.from(bytes).toString("utf8").split("\n").filter((l) => l.length > 0)) sealer.open(Buffer.from(line, "base64"), rel);
  }
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { data: { type: "string" }, force: { type: "boolean" }, "key-file": { type: "string" } },
    });
  } catch (err) {
    usage(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) usage("give exactly one backup directory");
  if (!values.data) usage("name the data directory to restore into with --data");
  const backupDir = path.resolve(positionals[0] as string);
  const target = path.resolve(values.data);
  const keyFile = path.resolve(values["key-file"] ?? (process.env.TAFEL_KEY_FILE || defaultKeyFile(target)));

  // 1. The manifest.
  const manifestFile = path.join(backupDir, MANIFEST);
  if (!(await exists(manifestFile))) refuse(`${backupDir} has no ${MANIFEST}: not a backup, or an unfinished one`);
  if ((await stat(manifestFile)).size > MAX_MANIFEST_BYTES) refuse(`${MANIFEST} is implausibly large`);
  let manifest: Manifest;
  try {
    const result = Manifest.safeParse(JSON.parse(await readFile(manifestFile, "utf8")));
    if (!result.success) refuse(`${MANIFEST} is not a tafel-backup/v1 manifest: ${result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    manifest = result.data;
  } catch (err) {
    refuse(`${MANIFEST} is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }

  // 2. Every file as listed, and nothing else.
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  if (listed.size !== manifest.files.length) refuse(`${MANIFEST} lists a file twice`);
  const present = (await listFiles(backupDir)).filter((rel) => rel !== MANIFEST);
  const extra = present.filter((rel) => !listed.has(rel));
  if (extra.length > 0) refuse(`files not in the manifest: ${extra.slice(0, 5).join(", ")}`);
  if (!listed.has("tafel.json")) refuse("the backup has no tafel.json");
  const files = new Map<string, Uint8Array>();
  for (const f of manifest.files) {
    const bytes = await readFile(path.join(backupDir, ...f.path.split("/"))).catch(() => null);
    if (!bytes) refuse(`${f.path} is missing from the backup`);
    if (bytes.length !== f.bytes || sha256(bytes) !== f.sha256) refuse(`${f.path} does not match the manifest (changed or damaged)`);
    files.set(f.path, bytes);
  }

  // 3. Every table log, against what the backup recorded.
  const recorded = new Map(manifest.logs.map((l) => [l.table, l]));
  for (const [rel, bytes] of files) {
    const table = logTableOf(rel);
    if (!table) continue;
    const checked = checkLog(bytes);
    if ("problem" in checked) refuse(`the log of table ${table} does not verify: ${checked.problem}`);
    const expected = recorded.get(table);
    if (!expected || expected.entries !== checked.entries || expected.root !== checked.root) {
      refuse(`the log of table ${table} is not the one the backup recorded (entries or Merkle root differ)`);
    }
    recorded.delete(table);
  }
  if (recorded.size > 0) refuse(`the manifest records logs that are not in the backup: ${[...recorded.keys()].join(", ")}`);
  try {
    JSON.parse(Buffer.from(files.get("tafel.json") as Uint8Array).toString("utf8"));
  } catch {
    refuse("tafel.json is not JSON");
  }

  // 4. Sealed files open with the keyring, if it is here (never create one).
  let sealedChecked = false;
  if (await exists(keyFile)) {
    const sealer = await openKeyring(keyFile);
    for (const [rel, bytes] of files) {
      try {
        checkSealed(sealer, rel, bytes);
      } catch (err) {
        refuse(`${rel} does not open with the keyring ${keyFile}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    sealedChecked = true;
  }

  // 5. The target: never one a running Tafel uses; a non-empty one only with --force.
  const user = await serverUsing(target);
  if (user) refuse(`a Tafel server (process ${user.pid}, started ${user.startedAt}) is using ${target}; stop it first`);
  const targetFiles = (await exists(target)) ? await listFiles(target) : [];
  if (targetFiles.length > 0 && !values.force) refuse(`${target} is not empty (${targetFiles.length} files); restore into a new directory, or give --force to set it aside`);

  // 6. Written beside the target, then renamed into place.
  const staging = `${target}.restoring-${process.pid}`;
  if (await exists(staging)) refuse(`${staging} exists (an earlier restore?); remove it first`);
  await writeTree(staging, files);
  let setAside: string | null = null;
  if (await exists(target)) {
    setAside = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    await rename(target, setAside);
  }
  await rename(staging, target);
  await fsyncDir(path.dirname(target));

  const say = (line = "") => process.stdout.write(`${line}\n`);
  say(`Restored ${manifest.files.length} files (backup of ${manifest.createdAt}) into ${target}`);
  say(`  every file matched the manifest; ${manifest.logs.length} table logs verified (${manifest.logs.reduce((n, l) => n + l.entries, 0)} entries)`);
  if (setAside) say(`  the previous contents were moved to ${setAside}`);
  if (sealedChecked) say(`  every sealed file opens with the keyring ${keyFile}`);
  else say(`  WARNING: no keyring at ${keyFile}: sealed files were not checked, and Tafel will not read them until the keyring is put there (or named with --key-file / TAFEL_KEY_FILE)`);
  say("  Everything after the backup's moment is not in it: releases, revocations and removals made since must be made again.");
}

main().catch((err: unknown) => refuse(err instanceof Error ? err.message : String(err)));
