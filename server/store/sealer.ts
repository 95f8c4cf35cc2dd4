// Encryption at rest: fragment bodies, drafts, notebooks, the board and frozen minutes
// are stored sealed with AES-256-GCM (node:crypto), so a copy of the data directory
// alone reveals no content. The key lives outside the data directory.
//
// Envelope: "TFL1" | key-id length (1 byte) | key id | IV (12) | tag (16) | ciphertext.
// Keyring file (JSON, mode 0600): {"current": "<kid>", "keys": {"<kid>": "<base64 32 bytes>"}}.
// Rotation: add a key and make it current; everything written from then on is sealed
// with it, older envelopes stay readable by their key id (see docs/OPERATIONS.md).
// The table logs are not sealed: they hold metadata only and must stay verifiable.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { open, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

/**
 * `place` names what the bytes are (e.g. "tables/<id>/table.json") and is bound into
 * the envelope as GCM additional data: sealed bytes moved to another place do not open.
 */
export interface Sealer {
  seal(plain: Uint8Array, place: string): Uint8Array;
  /** Opens an envelope sealed for this place; anything else (unsealed, moved, changed) throws. */
  open(stored: Uint8Array, place: string): Uint8Array;
}

const MAGIC = Buffer.from("TFL1", "ascii");
const Keyring = z.strictObject({ current: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/), keys: z.record(z.string(), z.string()) });

export function isSealed(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && Buffer.from(bytes.subarray(0, MAGIC.length)).equals(MAGIC);
}

export function sealerFrom(current: string, keys: ReadonlyMap<string, Buffer>): Sealer {
  const key = keys.get(current);
  if (!key || key.length !== 32) throw new Error(`the keyring's current key '${current}' is missing or not 32 bytes`);
  return {
    seal(plain, place) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(Buffer.from(place, "utf8"));
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      const kid = Buffer.from(current, "ascii");
      return Buffer.concat([MAGIC, Buffer.from([kid.length]), kid, iv, cipher.getAuthTag(), body]);
    },
    open(stored, place) {
      // Everything is sealed from the first write on; unsealed bytes in a sealed place
      // were planted there, not written by Tafel.
      if (!isSealed(stored)) throw new Error(`${place} is not sealed`);
      const buf = Buffer.from(stored);
      const kidLength = buf[MAGIC.length] as number;
      const at = MAGIC.length + 1;
      const kid = buf.subarray(at, at + kidLength).toString("ascii");
      const k = keys.get(kid);
      if (!k) throw new Error(`no key '${kid}' in the keyring to open stored data`);
      const iv = buf.subarray(at + kidLength, at + kidLength + 12);
      const tag = buf.subarray(at + kidLength + 12, at + kidLength + 28);
      const decipher = createDecipheriv("aes-256-gcm", k, iv);
      decipher.setAuthTag(tag);
      decipher.setAAD(Buffer.from(place, "utf8"));
      return Buffer.concat([decipher.update(buf.subarray(at + kidLength + 28)), decipher.final()]);
    },
  };
}

/** The default key file sits beside the data directory: ./data → ./data.key. */
export function defaultKeyFile(dataDir: string): string {
  return path.join(path.dirname(dataDir), `${path.basename(dataDir)}.key`);
}

/** Reads the keyring, creating one with a fresh key if the file does not exist. */
export async function openKeyring(file: string): Promise<Sealer> {
  try {
    const handle = await open(file, "wx", 0o600);
    try {
      const ring = { current: "k1", keys: { k1: randomBytes(32).toString("base64") } };
      await handle.writeFile(JSON.stringify(ring, null, 2));
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  const ring = Keyring.parse(JSON.parse(await readFile(file, "utf8")));
  return sealerFrom(ring.current, new Map(Object.entries(ring.keys).map(([kid, b64]) => [kid, Buffer.from(b64, "base64")])));
}
