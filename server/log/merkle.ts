// RFC 6962 §2.1 Merkle Tree Hash. Leaves: SHA-256(0x00 || entry); nodes:
// SHA-256(0x01 || left || right); the tree splits at the largest power of two
// smaller than its size. Proofs and signed tree heads build on this (issue 6).
import { createHash } from "node:crypto";

export function leafHash(entry: Uint8Array): Buffer {
  return createHash("sha256").update(Buffer.from([0x00])).update(entry).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash("sha256").update(Buffer.from([0x01])).update(left).update(right).digest();
}

const EMPTY_ROOT = createHash("sha256").digest();

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) over already-hashed leaves. */
export function rootHash(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0] as Buffer;
  const k = largestPowerOfTwoBelow(leaves.length);
  return nodeHash(rootHash(leaves.slice(0, k)), rootHash(leaves.slice(k)));
}
