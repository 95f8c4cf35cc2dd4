// The salted content commitment in a `fragment-released` entry:
//   SHA-256(salt || UTF-8(RFC 8785 canonical JSON {"body":…,"title":…}))
// The log carries only this; the author can later reveal salt and content to a chosen
// person, who recomputes it (in the browser, with this same file) to see they match.
import canonicalize from "canonicalize";
import { sha256 } from "@noble/hashes/sha2.js";
import { fromHex, toHex } from "./merkle.js";

export function commitTo(saltHex: string, title: string, body: string): string {
  const salt = fromHex(saltHex);
  const content = new TextEncoder().encode(canonicalize({ title, body }) as string);
  const input = new Uint8Array(salt.length + content.length);
  input.set(salt, 0);
  input.set(content, salt.length);
  return toHex(sha256(input));
}
