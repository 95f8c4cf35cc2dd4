// SHA-256 (hex) of a value's RFC 8785 canonical JSON: how signed agreement versions and
// approved feedback texts are referred to in the logs.
import canonicalize from "canonicalize";
import { sha256 } from "@noble/hashes/sha2.js";
import { toHex } from "./merkle.js";

export function canonicalHash(value: unknown): string {
  return toHex(sha256(new TextEncoder().encode(canonicalize(value) as string)));
}
