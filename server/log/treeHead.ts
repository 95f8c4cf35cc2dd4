// Signed tree heads: what the server signs and how anyone checks it. Portable (the
// browser and the offline verifier import it unchanged).
//
// The signed message is the UTF-8 of the RFC 8785 canonical JSON
//   {"log":"tafel:table:<tableId>","root":"<sha256_root_hash>","size":<tree_size>,"timestamp":<ms>,"v":1}
// signed with Ed25519. The table id is inside, so a head of one table cannot be
// replayed as another's.
import canonicalize from "canonicalize";
import { ed25519 } from "@noble/curves/ed25519.js";
import type { SignedTreeHead } from "../../shared/types.js";
import { fromHex } from "./merkle.js";

export function treeHeadMessage(tableId: string, size: number, rootBase64: string, timestamp: number): Uint8Array {
  const json = canonicalize({ log: `tafel:table:${tableId}`, root: rootBase64, size, timestamp, v: 1 }) as string;
  return new TextEncoder().encode(json);
}

export function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i += 1) out[i] = s.charCodeAt(i);
  return out;
}

/** True if the head is well-formed and signed by the key (raw Ed25519 public key, hex). */
export function verifyTreeHead(tableId: string, head: SignedTreeHead, publicKeyHex: string): boolean {
  try {
    const message = treeHeadMessage(tableId, head.tree_size, head.sha256_root_hash, head.timestamp);
    return ed25519.verify(fromBase64(head.tree_head_signature), message, fromHex(publicKeyHex));
  } catch {
    return false;
  }
}
