// The checks the browser runs on a table's log, and how each can fail. Plain data (no
// sentences): stored as evidence in localStorage and put into words by the UI.
export type Failure =
  /** The server now names another public key than the one this browser pinned. */
  | { check: "key-changed"; pinned: string; served: string }
  /** The tree head's Ed25519 signature does not verify with the pinned key. */
  | { check: "signature"; size: number }
  /** The head covers another number of entries than the log view shows. */
  | { check: "size"; treeSize: number; entries: number }
  /** The entries are not numbered 0…n-1 in order. */
  | { check: "sequence"; index: number; seq: number }
  /** The leaf hashes shown do not add up to the signed root. */
  | { check: "root" }
  /** No valid inclusion proof for a receipt row. */
  | { check: "inclusion"; seq: number }
  /** A row says something other than the logged entry it names. */
  | { check: "entry"; seq: number }
  /** The log is shorter than when this browser last saw it. */
  | { check: "shrunk"; earlierSize: number; size: number }
  /** Same size as before, another root: the history was rewritten. */
  | { check: "forked"; size: number }
  /** The consistency proof from the earlier head to this one does not verify. */
  | { check: "inconsistent"; earlierSize: number; size: number };

export type CheckName = Failure["check"];

const CHECKS: ReadonlySet<string> = new Set<CheckName>([
  "key-changed",
  "signature",
  "size",
  "sequence",
  "root",
  "inclusion",
  "entry",
  "shrunk",
  "forked",
  "inconsistent",
]);

/** For failures read back from storage: a known check with an object shape. */
export function isFailure(value: unknown): value is Failure {
  return typeof value === "object" && value !== null && CHECKS.has(String((value as { check?: unknown }).check));
}
