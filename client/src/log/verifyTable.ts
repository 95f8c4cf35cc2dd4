// Checks a table's log view without trusting the server that sent it, with the
// portable code of server/log (imported unchanged):
//
//   1. the signed tree head verifies with the pinned key;
//   2. it covers exactly the entries shown, numbered 0…n-1, whose leaf hashes add up to
//      its root (and the root shown is that root);
//   3. it extends the head this browser saw before (RFC 9162 consistency proof);
//   4. every receipt row (released, sent, delivered, opened, revoked) has an inclusion
//      proof at its own index, and says what the logged entry says (get-entries, whose
//      bytes hash to the row's leaf hash).
//
// Nothing here touches storage: the caller passes the pinned key and the earlier head
// and decides what to remember.
import { MAX_ENTRIES_PER_CALL } from "../../../shared/schemas";
import type { LogEntryView, LogView, SignedTreeHead } from "../../../shared/types";
import {
  equalHashes,
  fromHex,
  leafHash,
  rootHash,
  toHex,
  verifyConsistency,
  verifyInclusion,
  type Hash,
} from "../../../server/log/merkle.js";
import { fromBase64, toBase64, verifyTreeHead } from "../../../server/log/treeHead.js";
import { ApiRequestError } from "../api/http";
import { api } from "../api/tafel";
import type { Failure } from "./failures";
import { mapLimit } from "./pool";

export const RECEIPT_TYPES: ReadonlySet<string> = new Set([
  "fragment-released",
  "fragment-sent",
  "fragment-delivered",
  "fragment-opened",
  "fragment-revoked",
]);

export const isReceipt = (entry: LogEntryView): boolean => RECEIPT_TYPES.has(entry.type);

export type RowState = "checking" | "verified" | "failed";

export interface RecordedCommitment {
  seq: number;
  commitment: string;
}

export interface TableCheck {
  failures: Failure[];
  /** Receipt rows by seq. */
  rows: Map<number, RowState>;
  /** The commitment each verified `fragment-released` entry records, by fragment id. */
  commitments: Map<string, RecordedCommitment>;
  /** The view is older than the earlier head, and proven a prefix of it: fine, but not newer. */
  stale: boolean;
}

/** A check could not be run (network, server error, refused session): nothing is proven either way. */
export class VerificationUnavailable extends Error {
  override name = "VerificationUnavailable";
}

const PROOF_CONCURRENCY = 4;

/**
 * Leaves proven to be included in a verified head, per table, for this page load. A head
 * proven to extend that head (consistency) contains them at the same index, so they are
 * not asked for again; any other head starts over.
 */
const proven = new Map<string, { size: number; root: string; leaves: Map<string, number> }>();

/** Raw log entries by the leaf hash their bytes were hashed to here. */
const entriesByLeaf = new Map<string, Record<string, unknown>>();

export function forgetProofs(tableId: string): void {
  proven.delete(tableId);
}

/** The server's answer, or null when it says it cannot prove it (400, 404). */
async function ask<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (err) {
    if (err instanceof ApiRequestError && (err.status === 400 || err.status === 404)) return null;
    throw new VerificationUnavailable(err instanceof Error ? err.message : String(err));
  }
}

function decodeHash(text: string, decode: (s: string) => Uint8Array): Hash | null {
  try {
    const bytes = decode(text);
    return bytes.length === 32 ? bytes : null;
  } catch {
    return null;
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Does the row say what the logged entry says? (Names are resolved by the server; ids must match.) */
function matches(e: LogEntryView, raw: Record<string, unknown>): boolean {
  if (raw.seq !== e.seq || raw.at !== e.at || raw.type !== e.type) return false;
  if (!same(raw.actor, e.actor?.id) || !same(raw.fragment, e.fragmentId)) return false;
  switch (e.type) {
    case "fragment-released":
      return (
        same(raw.category, e.category) &&
        same(raw.purpose, e.purpose) &&
        same(raw.personsConcerned, e.personsConcerned) &&
        same(raw.recipients, e.recipients?.map((r) => r.id))
      );
    case "fragment-sent":
      return same(raw.recipient, e.subject?.id) && same(raw.channel, e.channel);
    case "fragment-revoked":
      return same(raw.recipient, e.subject?.id) && same(raw.alreadyDelivered, e.alreadyDelivered) && same(raw.because, e.because);
    default:
      return same(raw.recipient, e.subject?.id);
  }
}

/** Fetches (get-entries) and hashes the raw entries of the given rows not seen before. */
async function loadEntries(tableId: string, rows: readonly LogEntryView[], size: number): Promise<void> {
  const missing = rows
    .filter((e) => !entriesByLeaf.has(e.leafHash))
    .map((e) => e.seq)
    .sort((a, b) => a - b);
  const decoder = new TextDecoder();
  let covered = -1;
  for (const seq of missing) {
    if (seq <= covered || seq >= size) continue;
    const end = Math.min(seq + MAX_ENTRIES_PER_CALL - 1, size - 1);
    const answer = await ask(api.logEntries(tableId, seq, end));
    covered = end;
    if (!answer) continue;
    for (const { leaf_input } of answer.entries) {
      try {
        const bytes = fromBase64(leaf_input);
        const parsed: unknown = JSON.parse(decoder.decode(bytes));
        // Cached under the hash computed here: bytes that are not the row's entry never match it.
        if (typeof parsed === "object" && parsed !== null) {
          entriesByLeaf.set(toHex(leafHash(bytes)), parsed as Record<string, unknown>);
        }
      } catch {
        // Not base64 or not JSON: the row it belongs to stays unmatched.
      }
    }
  }
}

interface Input {
  tableId: string;
  view: LogView;
  /** Hex; the pinned key, not necessarily the one the server names now. */
  publicKey: string;
  /** The last head this browser verified for this table, if any. */
  earlier: SignedTreeHead | null;
}

export async function verifyTable({ tableId, view, publicKey, earlier }: Input): Promise<TableCheck> {
  const failures: Failure[] = [];
  const head = view.treeHead;
  const size = head.tree_size;
  const receipts = view.entries.filter(isReceipt);
  const rows = new Map<number, RowState>(receipts.map((e) => [e.seq, "failed"]));
  const commitments = new Map<string, RecordedCommitment>();
  const result = () => ({ failures, rows, commitments, stale });
  let stale = false;

  // 1. The signature.
  const root = decodeHash(head.sha256_root_hash, fromBase64);
  if (!root || !verifyTreeHead(tableId, head, publicKey)) {
    failures.push({ check: "signature", size });
    return result(); // nothing below means anything without a signed root
  }

  // 2. The head covers exactly the entries shown.
  if (size !== view.entries.length || view.size !== view.entries.length) {
    failures.push({ check: "size", treeSize: size, entries: view.entries.length });
  }
  const ordered = [...view.entries].sort((a, b) => a.seq - b.seq);
  const outOfOrder = ordered.findIndex((e, i) => e.seq !== i);
  if (outOfOrder >= 0) failures.push({ check: "sequence", index: outOfOrder, seq: (ordered[outOfOrder] as LogEntryView).seq });
  const leaves = ordered.map((e) => decodeHash(e.leafHash, fromHex));
  const allLeaves = leaves.every((l): l is Hash => l !== null);
  if (!allLeaves || !equalHashes(rootHash(leaves as Hash[]), root) || view.rootHash.toLowerCase() !== toHex(root)) {
    failures.push({ check: "root" });
  }

  // 3. Consistency with what this browser saw before.
  let extendsEarlier = false;
  if (earlier) {
    const earlierRoot = decodeHash(earlier.sha256_root_hash, fromBase64);
    const proofOf = (answer: { consistency: string[] } | null): Hash[] | null => {
      if (!answer) return null;
      const hashes = answer.consistency.map((h) => decodeHash(h, fromBase64));
      return hashes.every((h): h is Hash => h !== null) ? hashes : null;
    };
    if (!earlierRoot) {
      failures.push({ check: "inconsistent", earlierSize: earlier.tree_size, size });
    } else if (earlier.tree_size < size) {
      const proof = proofOf(await ask(api.logConsistency(tableId, earlier.tree_size, size)));
      extendsEarlier = proof !== null && verifyConsistency(earlier.tree_size, size, earlierRoot, root, proof);
      if (!extendsEarlier) failures.push({ check: "inconsistent", earlierSize: earlier.tree_size, size });
    } else if (earlier.tree_size === size) {
      extendsEarlier = equalHashes(earlierRoot, root);
      if (!extendsEarlier) failures.push({ check: "forked", size });
    } else {
      // Smaller than before. Only harmless if this is an older view (another tab moved on,
      // a slow answer) that the server can prove to be a prefix of the later head.
      const proof = proofOf(await ask(api.logConsistency(tableId, size, earlier.tree_size)));
      stale = proof !== null && verifyConsistency(size, earlier.tree_size, root, earlierRoot, proof);
      if (!stale) failures.push({ check: "shrunk", earlierSize: earlier.tree_size, size });
    }
  }

  // 4. Every receipt row: included at its index, and saying what the entry says.
  const prior = proven.get(tableId);
  const carried =
    prior &&
    ((prior.size === size && prior.root === head.sha256_root_hash) ||
      (extendsEarlier && earlier && prior.size === earlier.tree_size && prior.root === earlier.sha256_root_hash))
      ? prior.leaves
      : new Map<string, number>();
  const included = new Map<string, number>(carried);
  const todo = receipts.filter((e) => carried.get(e.leafHash) !== e.seq);
  const outcomes = await mapLimit(todo, PROOF_CONCURRENCY, async (e) => {
    const leaf = decodeHash(e.leafHash, fromHex);
    if (!leaf) return false;
    const answer = await ask(api.logProof(tableId, toBase64(leaf), size));
    if (!answer || answer.leaf_index !== e.seq) return false;
    const path = answer.audit_path.map((h) => decodeHash(h, fromBase64));
    return path.every((h): h is Hash => h !== null) && verifyInclusion(leaf, answer.leaf_index, size, path, root);
  });
  todo.forEach((e, i) => {
    if (outcomes[i]) included.set(e.leafHash, e.seq);
  });

  await loadEntries(tableId, receipts, size);
  for (const e of receipts) {
    const raw = entriesByLeaf.get(e.leafHash);
    const isIncluded = included.get(e.leafHash) === e.seq;
    const isBound = raw !== undefined && matches(e, raw);
    if (!isIncluded) failures.push({ check: "inclusion", seq: e.seq });
    else if (!isBound) failures.push({ check: "entry", seq: e.seq });
    rows.set(e.seq, isIncluded && isBound ? "verified" : "failed");
    if (isIncluded && isBound && e.type === "fragment-released" && typeof raw.commitment === "string" && e.fragmentId) {
      commitments.set(e.fragmentId, { seq: e.seq, commitment: raw.commitment });
    }
  }

  if (failures.length === 0 && !stale) proven.set(tableId, { size, root: head.sha256_root_hash, leaves: included });
  return result();
}
