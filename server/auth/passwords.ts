// Passwords: scrypt from node:crypto (OWASP: N=2^17, r=8, p=1), compared in constant time.
// Each stored hash carries its own parameters, so verification never depends on the
// current setting. Only the test servers lower N (config.passwordWorkFactor): at 2^17 a
// hash costs most of a second of CPU here, and the suite creates hundreds of accounts.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import type { PasswordHash } from "../store/records.js";

/** log2 of scrypt's N in production. */
export const PASSWORD_WORK_FACTOR = 17;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must cover 128 * N * r bytes, above Node's 32 MiB default at N=2^17.
    scrypt(password.normalize("NFC"), salt, KEY_LENGTH, { ...opts, maxmem: 256 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, workFactor = PASSWORD_WORK_FACTOR): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const params = { N: 2 ** workFactor, r: R, p: P };
  const key = await derive(password, salt, params);
  return { algorithm: "scrypt", ...params, salt: salt.toString("base64"), hash: key.toString("base64") };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, "base64");
  const key = await derive(password, Buffer.from(stored.salt, "base64"), { N: stored.N, r: stored.r, p: stored.p });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Spends the same time as a real check, so unknown usernames are not revealed by timing. */
const dummies = new Map<number, Promise<PasswordHash>>();
export async function verifyAgainstNothing(password: string, workFactor = PASSWORD_WORK_FACTOR): Promise<false> {
  let dummy = dummies.get(workFactor);
  if (!dummy) {
    dummy = hashPassword("not-a-password-of-anyone", workFactor);
    dummies.set(workFactor, dummy);
  }
  await verifyPassword(password, await dummy);
  return false;
}
