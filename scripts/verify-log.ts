// npm run verify-log -- <export.json> [--key <hex>] [--earlier <tree-head.json>]...
// Verifies an exported table log offline and prints a verdict. Exit 0: verified;
// 1: verification failed; 2: could not run (usage, unreadable file).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { SignedTreeHead } from "../shared/types.js";
import { isTreeHead, verifyExport } from "../server/log/verifyExport.js";

const USAGE = "usage: npm run verify-log -- <export.json> [--key <ed25519-public-key-hex>] [--earlier <tree-head.json>]...";

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function readJson(pathOrJson: string, what: string): unknown {
  try {
    const text = pathOrJson.trim().startsWith("{") ? pathOrJson : readFileSync(pathOrJson, "utf8");
    return JSON.parse(text);
  } catch (err) {
    return fail(`cannot read ${what} ${pathOrJson}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { key: { type: "string" }, earlier: { type: "string", multiple: true } },
  });
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
const { values, positionals } = parsed;
if (positionals.length !== 1) fail("give exactly one export file");
if (values.key !== undefined && !/^[0-9a-f]{64}$/i.test(values.key)) fail("--key must be 64 hex characters (a raw Ed25519 public key)");

const file = readJson(positionals[0] as string, "export");
const earlier: SignedTreeHead[] = (values.earlier ?? []).map((e) => {
  const head = readJson(e, "tree head");
  return isTreeHead(head) ? head : fail(`${e} is not a signed tree head (tree_size, timestamp, sha256_root_hash, tree_head_signature)`);
});

const verdict = verifyExport(file, { ...(values.key ? { pinnedKey: values.key } : {}), earlier });
for (const c of verdict.checks) process.stdout.write(`${c.ok ? "✓" : "✗"} ${c.what}\n`);
process.stdout.write(verdict.ok ? "VERIFIED: this log is intact and signed.\n" : "FAILED: this log does not verify; do not trust it.\n");
process.exit(verdict.ok ? 0 : 1);
