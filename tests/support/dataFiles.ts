// A fingerprint of every file under a data directory (and its keyring beside it), so a
// test can show that refused requests wrote nothing: not a byte, not a new file.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** Relative path → SHA-256 of the content, for every file under `dir`. */
export async function fingerprint(dir: string): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    result.set(path.relative(dir, full), createHash("sha256").update(await readFile(full)).digest("hex"));
  }
  return result;
}

/** The files that differ between two fingerprints (added, removed or changed), sorted. */
export function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n)).sort();
}
