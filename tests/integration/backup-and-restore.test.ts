// npm run backup while people work, npm run restore into a new directory, a server on
// it: everything acknowledged before the backup started is there (the crash harness's
// check, tests/support/crash/checks.ts), every log verifies and extends the tree heads
// seen before, a fragment revoked before the backup stays revoked, and the backup's
// files carry no content without the keyring (which is not in it). Restore refuses a
// backup changed by one byte, a log rewritten with a matching manifest hash, a
// non-empty directory, and a directory a running server uses.
import { spawn } from "node:child_process";
import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LogKeyView } from "../../shared/types.js";
import { sha256, type Manifest } from "../../scripts/backupFormat.js";
import { spawnServer, type ChildServer } from "../support/childServer.js";
import { checkAfterRestart } from "../support/crash/checks.js";
import { inspectDataDir } from "../support/crash/files.js";
import { CrashModel } from "../support/crash/model.js";
import { crashSeed, Random } from "../support/crash/random.js";
import { buildCrashWorld, pointAt, Workload, type CrashWorld } from "../support/crash/workload.js";
import { removeDir, tempDir } from "../support/server.js";

const SEED = crashSeed();
const tsx = createRequire(import.meta.url).resolve("tsx/cli");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a script as a person would (`npm run backup -- …` is `tsx scripts/backup.ts …`). */
function run(script: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    // Only the flags decide where: not a TAFEL_DATA_DIR this shell may have.
    const env = { ...process.env };
    delete env.TAFEL_DATA_DIR;
    delete env.TAFEL_KEY_FILE;
    const child = spawn(process.execPath, [tsx, script, ...args], { stdio: ["ignore", "pipe", "pipe"], env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) if (e.isFile()) out.push(path.join(e.parentPath, e.name));
  return out;
}

let root: string;
let dataDir: string;
let world: CrashWorld;
let model: CrashModel;
const running: ChildServer[] = [];
const backupDir = () => path.join(root, "backup");
const restoredDir = () => path.join(root, "restored");

beforeAll(async () => {
  root = await tempDir("tafel-backup-");
  dataDir = path.join(root, "data");
  world = await buildCrashWorld(dataDir, 2, 1);
}, 120_000);

afterAll(async () => {
  await Promise.all(running.map((s) => s.kill9()));
  await removeDir(root);
});

describe("npm run backup / npm run restore", () => {
  it("a backup taken while people write restores everything acknowledged before it started", async () => {
    process.stdout.write(`backup-and-restore: seed ${SEED} (replay with TAFEL_CRASH_SEED=${SEED})\n`);
    const server = await spawnServer(dataDir, 30_000);
    running.push(server);
    pointAt(world, server);
    const pinnedKey = (await world.chair.client.ok<LogKeyView>("GET", "/api/log/key")).publicKey;
    model = new CrashModel();
    const workload = new Workload(world, model, new Random(SEED));
    await workload.learnAfterRestart();
    await workload.connect();
    await workload.plantRevokedCanary();
    workload.start();
    await new Promise((r) => setTimeout(r, 1500));

    // The backup starts now, while the workload goes on.
    const before = model.freeze();
    const keyCopy = path.join(root, "keys", "restored.key");
    const backup = run("scripts/backup.ts", [backupDir(), "--data", dataDir, "--include-key", keyCopy]);
    const result = await backup;
    // The workload goes on a little after the copy: those writes are not in the backup.
    await new Promise((r) => setTimeout(r, 1000));
    workload.markKilled();
    await server.kill9();
    await workload.stopped();
    await workload.disconnect();
    before.allowLater(model);
    expect(model.workloadErrors).toEqual([]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("copied while Tafel was running");
    expect(result.stdout).toContain("THE KEYRING IS NOT IN THIS BACKUP");
    process.stdout.write(`backup: ${result.stdout.split("\n").slice(0, 2).join(" ")}\n`);

    // Without the keyring the backup reveals no content: no canary in clear or in base64 lines, no key.
    const keyring = await readFile(`${dataDir}.key`, "utf8");
    const secrets = [...model.drafts.map((d) => d.canary), ...(Object.values((JSON.parse(keyring) as { keys: Record<string, string> }).keys))];
    expect(secrets.length).toBeGreaterThan(2);
    for (const file of await filesUnder(backupDir())) {
      const raw = (await readFile(file)).toString("latin1");
      const decoded = raw.split("\n").map((l) => Buffer.from(l, "base64").toString("latin1")).join("\n");
      for (const secret of secrets) {
        expect(raw.includes(secret), `${file} carries a secret`).toBe(false);
        expect(decoded.includes(secret), `${file} carries a secret in base64`).toBe(false);
      }
    }

    // Restore into a new directory (its keyring beside it, from --include-key) and serve it.
    await cp(keyCopy, `${restoredDir()}.key`);
    const restore = await run("scripts/restore.ts", [backupDir(), "--data", restoredDir()]);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain("every sealed file opens with the keyring");
    const files = await inspectDataDir(restoredDir(), `${restoredDir()}.key`, { allowPartialTail: () => false });
    expect(files.problems).toEqual([]);

    const restored = await spawnServer(restoredDir(), 30_000);
    running.push(restored);
    pointAt(world, restored);
    const check = await checkAfterRestart(world, before, restoredDir(), pinnedKey);
    process.stdout.write(`backup-and-restore: ${check.checked} writes acknowledged before the backup checked in the restored copy, ${check.logEntries} log entries verified\n`);
    expect(check.problems).toEqual([]);
    expect(check.checked).toBeGreaterThan(10);

    // The same check fails when asked for writes acknowledged after the backup was taken.
    const later = await checkAfterRestart(world, model, restoredDir(), pinnedKey);
    process.stdout.write(`backup-and-restore: writes acknowledged after the backup are missing, as they must be: ${later.problems.length} (e.g. ${later.problems[0] ?? "none"})\n`);
    expect(later.problems.length).toBeGreaterThan(0);
  }, 180_000);

  it("restore refuses a changed backup, a non-empty directory and one a server is using", async () => {
    const target = path.join(root, "elsewhere");

    // One byte of a sealed table document changed.
    const tampered = path.join(root, "tampered");
    await cp(backupDir(), tampered, { recursive: true });
    const manifest = JSON.parse(await readFile(path.join(tampered, "manifest.json"), "utf8")) as Manifest;
    const tableFile = manifest.files.find((f) => f.path.endsWith("/table.json"));
    if (!tableFile) throw new Error("no table document in the backup");
    const bytes = await readFile(path.join(tampered, tableFile.path));
    bytes[bytes.length - 5] = (bytes[bytes.length - 5] as number) ^ 0x01;
    await writeFile(path.join(tampered, tableFile.path), bytes);
    const one = await run("scripts/restore.ts", [tampered, "--data", target]);
    expect(one.code).toBe(1);
    expect(one.stderr).toContain(`${tableFile.path} does not match the manifest`);
    expect(await readdir(root)).not.toContain("elsewhere");

    // A log line rewritten and the manifest's file hash updated to match: the log check still refuses it.
    const rewritten = path.join(root, "rewritten");
    await cp(backupDir(), rewritten, { recursive: true });
    const m2 = JSON.parse(await readFile(path.join(rewritten, "manifest.json"), "utf8")) as Manifest;
    const logFile = m2.files.find((f) => f.path.endsWith("/log.jsonl"));
    if (!logFile) throw new Error("no log in the backup");
    const logText = await readFile(path.join(rewritten, logFile.path), "utf8");
    const forged = Buffer.from(logText.replace('"type":"table-opened"', '"type":"table-closed"'), "utf8");
    expect(forged.toString("utf8")).not.toBe(logText);
    await writeFile(path.join(rewritten, logFile.path), forged);
    logFile.sha256 = sha256(forged);
    logFile.bytes = forged.length;
    await writeFile(path.join(rewritten, "manifest.json"), JSON.stringify(m2));
    const two = await run("scripts/restore.ts", [rewritten, "--data", target]);
    expect(two.code).toBe(1);
    expect(two.stderr).toMatch(/log of table .* (is not the one the backup recorded|does not verify)/);
    expect(await readdir(root)).not.toContain("elsewhere");

    // A non-empty data directory (the original, its server stopped).
    const three = await run("scripts/restore.ts", [backupDir(), "--data", dataDir]);
    expect(three.code).toBe(1);
    expect(three.stderr).toContain("is not empty");

    // The restored directory, which a server is using: not even with --force.
    const four = await run("scripts/restore.ts", [backupDir(), "--data", restoredDir(), "--force"]);
    expect(four.code).toBe(1);
    expect(four.stderr).toMatch(/a Tafel server \(process \d+, started .*\) is using/);

    // With --force and no server, the old directory is set aside, not deleted.
    const five = await run("scripts/restore.ts", [backupDir(), "--data", dataDir, "--force", "--key-file", `${restoredDir()}.key`]);
    expect(five.stderr).toBe("");
    expect(five.code).toBe(0);
    expect((await readdir(root)).some((n) => n.startsWith("data.before-restore-"))).toBe(true);
  }, 120_000);
});
