// A content proof: what an author hands to a chosen person to show what they released —
// the fragment's title and text, and the secret salt of its commitment. Whoever holds it
// recomputes SHA-256(salt || canonical {title, body}) here, in the browser, with the
// server's own code (imported unchanged), and compares it with the commitment in the
// verified `fragment-released` entry of the table's log. The proof never goes to the
// server.
import { commitTo } from "../../../server/log/commitment.js";
import type { AuthoredFragmentView } from "../../../shared/types";
import type { RecordedCommitment } from "./verifyTable";

export interface ContentProof {
  fragmentId: string;
  tableId: string;
  /** Hex. */
  salt: string;
  title: string;
  body: string;
  /** Hex: what the author's view said the log holds. */
  commitment: string;
  /** The index of the `fragment-released` entry in the table's log. */
  logSeq: number;
}

export function proofOf(fragment: AuthoredFragmentView, logSeq: number): ContentProof {
  return {
    fragmentId: fragment.id,
    tableId: fragment.tableId,
    salt: fragment.salt,
    title: fragment.title,
    body: fragment.body,
    commitment: fragment.commitment,
    logSeq,
  };
}

export function proofFileName(proof: ContentProof): string {
  return `tafel-proof-${proof.fragmentId.slice(0, 8)}.json`;
}

const HEX = /^(?:[0-9a-fA-F]{2})+$/;

/** The proof in a pasted or uploaded text, or the reason it is not one. */
export function parseProof(text: string): { proof: ContentProof } | { problem: "json" | "shape" } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: "json" };
  }
  if (typeof value !== "object" || value === null) return { problem: "shape" };
  const v = value as Record<string, unknown>;
  const str = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : null);
  const fragmentId = str("fragmentId");
  const tableId = str("tableId");
  const salt = str("salt");
  const title = str("title");
  const body = str("body");
  const commitment = str("commitment");
  const logSeq = v.logSeq;
  if (
    fragmentId === null ||
    tableId === null ||
    salt === null ||
    !HEX.test(salt) ||
    title === null ||
    body === null ||
    commitment === null ||
    !HEX.test(commitment) ||
    typeof logSeq !== "number" ||
    !Number.isInteger(logSeq) ||
    logSeq < 0
  ) {
    return { problem: "shape" };
  }
  return { proof: { fragmentId, tableId, salt, title, body, commitment, logSeq } };
}

export type ProofOutcome =
  /** `claimedSeq`: the proof names another entry than the one that holds the commitment (the content is proven all the same). */
  | { ok: true; seq: number; commitment: string; claimedSeq?: number }
  | { ok: false; reason: "other-table" }
  | { ok: false; reason: "not-in-log" }
  | { ok: false; reason: "content-mismatch"; computed: string; recorded: string; seq: number };

/**
 * Checks a proof against this table's verified log. `recorded` is the commitment the
 * verified `fragment-released` entry for the proof's fragment holds (undefined: no such
 * verified entry).
 */
export function checkProof(proof: ContentProof, tableId: string, recorded: RecordedCommitment | undefined): ProofOutcome {
  if (proof.tableId !== tableId) return { ok: false, reason: "other-table" };
  if (!recorded) return { ok: false, reason: "not-in-log" };
  const computed = commitTo(proof.salt, proof.title, proof.body);
  if (computed.toLowerCase() !== recorded.commitment.toLowerCase()) {
    return { ok: false, reason: "content-mismatch", computed, recorded: recorded.commitment, seq: recorded.seq };
  }
  return { ok: true, seq: recorded.seq, commitment: computed, ...(proof.logSeq !== recorded.seq ? { claimedSeq: proof.logSeq } : {}) };
}
