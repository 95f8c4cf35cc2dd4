// The Merkle tree of RFC 9162 §2.1 (RFC 6962 §2.1), small and exact, portable: the
// browser imports this file unchanged to verify proofs (so: @noble/hashes, Uint8Array,
// no node: imports).
//
//   leaf hash   SHA-256(0x00 || entry)
//   node hash   SHA-256(0x01 || left || right)
//   MTH(D[n])   split at k, the largest power of two smaller than n
//
// Functions over a list of leaf hashes (`rootHash`, `inclusionProof`,
// `consistencyProof`) are the reference semantics; `MerkleTree` keeps every complete
// subtree's hash so that a proof costs O(log n) node look-ups, never a pass over the log.
import { sha256 } from "@noble/hashes/sha2.js";

export type Hash = Uint8Array;

export function leafHash(entry: Uint8Array): Hash {
  const input = new Uint8Array(entry.length + 1);
  input[0] = 0x00;
  input.set(entry, 1);
  return sha256(input);
}

export function nodeHash(left: Hash, right: Hash): Hash {
  const input = new Uint8Array(1 + left.length + right.length);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return sha256(input);
}

export const EMPTY_ROOT: Hash = sha256(new Uint8Array(0));

/** The largest power of two strictly smaller than n (n ≥ 2). */
export function splitPoint(n: number): number {
  // A shift for the sizes a log reaches (it runs at every level of every proof); the
  // loop beyond 2^31, where 32-bit operators no longer hold.
  if (n <= 2) return 1;
  if (n <= 2 ** 31) return 1 << (31 - Math.clz32(n - 1)); // shift ≤ 30: stays positive
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) over leaf hashes. */
export function rootHash(leaves: readonly Hash[]): Hash {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0] as Hash;
  const k = splitPoint(leaves.length);
  return nodeHash(rootHash(leaves.slice(0, k)), rootHash(leaves.slice(k)));
}

/** PATH(m, D[n]) of RFC 9162 §2.1.3.1 over leaf hashes. */
export function inclusionProof(leaves: readonly Hash[], index: number): Hash[] {
  if (!Number.isInteger(index) || index < 0 || index >= leaves.length) throw new RangeError("leaf index out of range");
  if (leaves.length === 1) return [];
  const k = splitPoint(leaves.length);
  return index < k
    ? [...inclusionProof(leaves.slice(0, k), index), rootHash(leaves.slice(k))]
    : [...inclusionProof(leaves.slice(k), index - k), rootHash(leaves.slice(0, k))];
}

/** PROOF(m, D[n]) of RFC 9162 §2.1.4.1 over leaf hashes; 0 < m ≤ n. */
export function consistencyProof(leaves: readonly Hash[], oldSize: number): Hash[] {
  if (!Number.isInteger(oldSize) || oldSize < 1 || oldSize > leaves.length) throw new RangeError("old size out of range");
  const subproof = (m: number, d: readonly Hash[], complete: boolean): Hash[] => {
    if (m === d.length) return complete ? [] : [rootHash(d)];
    const k = splitPoint(d.length);
    return m <= k
      ? [...subproof(m, d.slice(0, k), complete), rootHash(d.slice(k))]
      : [...subproof(m - k, d.slice(k), false), rootHash(d.slice(0, k))];
  };
  return subproof(oldSize, leaves, true);
}

export function equalHashes(a: Hash, b: Hash): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

const isSize = (n: number) => Number.isSafeInteger(n) && n >= 0;

/** RFC 9162 §2.1.3.2: verifies that `leaf` is at `index` of the tree of `size` with `root`. */
export function verifyInclusion(leaf: Hash, index: number, size: number, proof: readonly Hash[], root: Hash): boolean {
  if (!isSize(index) || !isSize(size) || index >= size) return false;
  if (leaf.length !== EMPTY_ROOT.length) return false; // a leaf hash is 32 bytes (cf. transparency-dev/merkle)
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalHashes(r, root);
}

/** RFC 9162 §2.1.4.2: verifies that the tree (newSize, newRoot) extends (oldSize, oldRoot). */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Hash,
  newRoot: Hash,
  proof: readonly Hash[],
): boolean {
  if (!isSize(oldSize) || !isSize(newSize) || oldSize > newSize) return false;
  if (oldSize === newSize) return proof.length === 0 && equalHashes(oldRoot, newRoot);
  // The empty tree (whose root is SHA-256 of nothing) is a prefix of every tree; no other root is.
  if (oldSize === 0) return proof.length === 0 && equalHashes(oldRoot, EMPTY_ROOT);
  if (proof.length === 0) return false;
  let path = [...proof];
  // If old size is a power of two, the old root is the first node of the path.
  // (Not `oldSize & (oldSize - 1)`: bitwise operators truncate to 32 bits, sizes may not.)
  if (splitPoint(oldSize + 1) === oldSize) path = [oldRoot, ...path];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0] as Hash;
  let sr = path[0] as Hash;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalHashes(fr, oldRoot) && equalHashes(sr, newRoot);
}

/** One level of the tree. */
interface Level {
  readonly length: number;
  push(h: Hash): void;
  get(i: number): Hash | undefined;
}

/**
 * A low level (most of the tree's nodes: levels 0–3 hold 15/16 of them): its hashes back
 * to back in one growing byte array, 32 bytes a node instead of an object each. A
 * look-up returns a view (a hash never changes once appended).
 */
class PackedLevel implements Level {
  private bytes = new Uint8Array(32 * 64);
  length = 0;

  push(h: Hash): void {
    if (h.length !== 32) throw new RangeError("a tree hash is 32 bytes");
    if ((this.length + 1) * 32 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes.set(h, this.length * 32);
    this.length += 1;
  }

  get(i: number): Hash | undefined {
    return Number.isInteger(i) && i >= 0 && i < this.length ? this.bytes.subarray(i * 32, i * 32 + 32) : undefined;
  }
}

/** A higher, sparse level: one hash object per node, so a look-up allocates nothing. */
class ObjectLevel implements Level {
  private readonly hashes: Hash[] = [];

  get length(): number {
    return this.hashes.length;
  }

  push(h: Hash): void {
    if (h.length !== 32) throw new RangeError("a tree hash is 32 bytes");
    this.hashes.push(h);
  }

  get(i: number): Hash | undefined {
    return this.hashes[i];
  }
}

const PACKED_LEVELS = 4;
const newLevel = (h: number): Level => (h < PACKED_LEVELS ? new PackedLevel() : new ObjectLevel());

/**
 * An append-only tree that keeps the hash of every complete, aligned subtree:
 * `levels[h].get(i)` is MTH of leaves [i·2^h, (i+1)·2^h). Appending is O(log n) amortised.
 *
 * A proof needs, besides complete subtrees (one look-up each), the hashes of the
 * incomplete subtrees along the right edge of the tree it is about: [start, size) for
 * the ≤ log n starts where the binary split puts them. Those are computed once per tree
 * size and cached (for the few sizes asked most recently; a subtree's hash never changes
 * in an append-only tree), so a proof against the current tree costs O(log n) look-ups
 * and no hashing at all.
 */
export class MerkleTree {
  private readonly levels: Level[] = [newLevel(0)];
  /** Right-edge subtree hashes: tree size → start → MTH of leaves [start, size). */
  private readonly edges = new Map<number, Map<number, Hash>>();

  /** `hashNode` is nodeHash; a server may pass a faster implementation of the same function. */
  constructor(private readonly hashNode: (left: Hash, right: Hash) => Hash = nodeHash) {}

  get size(): number {
    return (this.levels[0] as Level).length;
  }

  append(leaf: Hash): void {
    (this.levels[0] as Level).push(leaf);
    let h = 0;
    let count = (this.levels[0] as Level).length;
    while (count % 2 === 0) {
      const level = this.levels[h] as Level;
      const parent = (this.levels[h + 1] ??= newLevel(h + 1));
      parent.push(this.hashNode(level.get(count - 2) as Hash, level.get(count - 1) as Hash));
      h += 1;
      count = parent.length;
    }
  }

  leaf(index: number): Hash {
    const l = (this.levels[0] as Level).get(index);
    if (!l) throw new RangeError("leaf index out of range");
    return l;
  }

  /** MTH of leaves [start, start + size). */
  private subtree(start: number, size: number): Hash {
    if (size === 1) return this.leaf(start);
    if ((size & (size - 1)) === 0 && start % size === 0) {
      const h = size <= 2 ** 31 ? 31 - Math.clz32(size) : Math.log2(size);
      const node = this.levels[h]?.get(start / size);
      if (node !== undefined) return node;
    }
    const end = start + size;
    const cached = this.edges.get(end)?.get(start);
    if (cached !== undefined) return cached;
    const k = splitPoint(size);
    const hash = this.hashNode(this.subtree(start, k), this.subtree(start + k, size - k));
    this.edgeOf(end).set(start, hash);
    return hash;
  }

  private edgeOf(end: number): Map<number, Hash> {
    let edge = this.edges.get(end);
    if (!edge) {
      // A few sizes are enough: proofs are asked against the current head and the heads
      // clients hold; others cost O(log n) hashes once more.
      if (this.edges.size >= 8) this.edges.delete(this.edges.keys().next().value as number);
      edge = new Map();
      this.edges.set(end, edge);
    }
    return edge;
  }

  private checkSize(size: number): void {
    if (!Number.isInteger(size) || size < 0 || size > this.size) throw new RangeError("tree size out of range");
  }

  root(size = this.size): Hash {
    this.checkSize(size);
    // A copy: a root is often kept, and a view would keep a whole level's bytes alive.
    return size === 0 ? EMPTY_ROOT : this.subtree(0, size).slice();
  }

  /** PATH(index, D[size]), built top-down and returned bottom-up (no copying per level). */
  inclusionProof(index: number, size = this.size): Hash[] {
    this.checkSize(size);
    if (!Number.isInteger(index) || index < 0 || index >= size) throw new RangeError("leaf index out of range");
    const path: Hash[] = [];
    let m = index;
    let start = 0;
    let n = size;
    while (n > 1) {
      const k = splitPoint(n);
      if (m < k) {
        path.push(this.subtree(start + k, n - k));
        n = k;
      } else {
        path.push(this.subtree(start, k));
        m -= k;
        start += k;
        n -= k;
      }
    }
    return path.reverse();
  }

  /** PROOF(oldSize, D[newSize]) of RFC 9162 §2.1.4.1, the same way. */
  consistencyProof(oldSize: number, newSize = this.size): Hash[] {
    this.checkSize(newSize);
    if (!Number.isInteger(oldSize) || oldSize < 1 || oldSize > newSize) throw new RangeError("old size out of range");
    const path: Hash[] = [];
    let m = oldSize;
    let start = 0;
    let n = newSize;
    let complete = true;
    while (m !== n) {
      const k = splitPoint(n);
      if (m <= k) {
        path.push(this.subtree(start + k, n - k));
        n = k;
      } else {
        path.push(this.subtree(start, k));
        m -= k;
        start += k;
        n -= k;
        complete = false;
      }
    }
    if (!complete) path.push(this.subtree(start, n));
    return path.reverse();
  }
}

export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

export function fromHex(hex: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/i.test(hex)) throw new Error("not a hex string");
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
