// The log's public key, asked for once per page load (a failed request is asked again).
import { sha256 } from "@noble/hashes/sha2.js";
import { api } from "../api/tafel";
import type { LogKeyView } from "../../../shared/types";
import { fromHex, toHex } from "../../../server/log/merkle.js";

let pending: Promise<LogKeyView> | null = null;

export function logKey(): Promise<LogKeyView> {
  pending ??= api.logKey().catch((err: unknown) => {
    pending = null;
    throw err;
  });
  return pending;
}

/** A short, readable fingerprint: the first 8 bytes of SHA-256(key), in groups of four hex digits. */
export function fingerprint(publicKeyHex: string): string {
  try {
    const digest = toHex(sha256(fromHex(publicKeyHex))).slice(0, 16);
    return digest.match(/.{4}/g)?.join(" ") ?? digest;
  } catch {
    return publicKeyHex.slice(0, 16);
  }
}
