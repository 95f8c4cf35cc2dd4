// Checks an exported table log without trusting the server that made it: every entry
// canonical and in order, the Merkle root over them, the signature on the tree head,
// and consistency with tree heads seen earlier. Portable: the CLI (`npm run
// verify-log`) and the browser use it unchanged.
import canonicalize from "canonicalize";
import type { LogExport, SignedTreeHead } from "../../shared/types.js";
import { consistencyProof, equalHashes, leafHash, rootHash, verifyConsistency, type Hash } from "./merkle.js";
import { fromBase64, verifyTreeHead } from "./treeHead.js";

export interface Check {
  ok: boolean;
  what: string;
}

export interface Verdict {
  ok: boolean;
  checks: Check[];
}

function isExport(value: unknown): value is LogExport {
  const v = value as Partial<LogExport> | null;
  return (
    typeof v === "object" &&
    v !== null &&
    v.format === "tafel-log-export/v1" &&
    typeof v.tableId === "string" &&
    typeof v.publicKey === "string" &&
    Array.isArray(v.entries) &&
    v.entries.every((e) => typeof e === "string") &&
    isTreeHead(v.treeHead)
  );
}

export function isTreeHead(value: unknown): value is SignedTreeHead {
  const h = value as Partial<SignedTreeHead> | null;
  return (
    typeof h === "object" &&
    h !== null &&
    Number.isSafeInteger(h.tree_size) &&
    Number.isSafeInteger(h.timestamp) &&
    typeof h.sha256_root_hash === "string" &&
    typeof h.tree_head_signature === "string"
  );
}

/** Verifies an export; `pinnedKey` (hex) overrides the key the file names; `earlier` are heads seen before. */
export function verifyExport(file: unknown, options: { pinnedKey?: string; earlier?: SignedTreeHead[] } = {}): Verdict {
  const checks: Check[] = [];
  const check = (ok: boolean, what: string) => {
    checks.push({ ok, what });
    return ok;
  };
  if (!check(isExport(file), "the file is a tafel-log-export/v1 document")) return { ok: false, checks };
  const log = file as LogExport;
  const key = options.pinnedKey ?? log.publicKey;
  if (options.pinnedKey) check(options.pinnedKey.toLowerCase() === log.publicKey.toLowerCase(), "the file names the pinned public key");

  const encoder = new TextEncoder();
  const leaves: Hash[] = [];
  let entriesOk = true;
  log.entries.forEach((line, i) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      entriesOk = check(false, `entry ${i} is JSON`) && entriesOk;
      return;
    }
    if (canonicalize(parsed) !== line) entriesOk = check(false, `entry ${i} is in canonical form (RFC 8785)`) && entriesOk;
    const seq = (parsed as { seq?: unknown }).seq;
    if (seq !== i) entriesOk = check(false, `entry ${i} carries seq ${i} (found ${String(seq)})`) && entriesOk;
    leaves.push(leafHash(encoder.encode(line)));
  });
  if (entriesOk) check(true, `all ${log.entries.length} entries are canonical JSON, numbered 0…${log.entries.length - 1} in order`);

  const head = log.treeHead;
  check(head.tree_size === log.entries.length, `the tree head covers all entries (size ${head.tree_size}, entries ${log.entries.length})`);
  check(verifyTreeHead(log.tableId, head, key), "the tree head is signed by the log's key");
  let headRoot: Hash | null = null;
  try {
    headRoot = fromBase64(head.sha256_root_hash);
  } catch {
    headRoot = null;
  }
  const root = rootHash(leaves);
  check(headRoot !== null && equalHashes(root, headRoot), "the Merkle root of the entries equals the signed root");

  for (const earlier of options.earlier ?? []) {
    const label = `earlier tree head of size ${earlier.tree_size}`;
    if (!check(verifyTreeHead(log.tableId, earlier, key), `${label} is signed by the log's key`)) continue;
    if (!check(earlier.tree_size <= leaves.length, `${label} is not larger than this log`)) continue;
    let earlierRoot: Hash;
    try {
      earlierRoot = fromBase64(earlier.sha256_root_hash);
    } catch {
      check(false, `${label} has a base64 root`);
      continue;
    }
    const consistent =
      earlier.tree_size === 0 ||
      verifyConsistency(earlier.tree_size, leaves.length, earlierRoot, root,
        earlier.tree_size === leaves.length ? [] : consistencyProof(leaves, earlier.tree_size));
    check(consistent, `this log extends the ${label} (history unchanged)`);
  }
  return { ok: checks.every((c) => c.ok), checks };
}
