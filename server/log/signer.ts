// The server's log signing key: Ed25519, generated on first start, kept in the data
// directory (log-signing-key.pem, mode 0600). Its public key is printed at start and
// shown in the UI, so participants can pin it.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import path from "node:path";
import type { SignedTreeHead } from "../../shared/types.js";
import { readTextIfExists, writeFileDurable } from "../store/durableFile.js";
import { toHex, type Hash } from "./merkle.js";
import { toBase64, treeHeadMessage } from "./treeHead.js";

export interface LogSigner {
  /** Raw 32-byte Ed25519 public key, hex. */
  readonly publicKey: string;
  signTreeHead(tableId: string, size: number, root: Hash, timestamp?: number): SignedTreeHead;
}

function rawPublicKey(key: KeyObject): string {
  const jwk = createPublicKey(key).export({ format: "jwk" });
  return toHex(Buffer.from(jwk.x as string, "base64url"));
}

export async function openSigner(dataDir: string): Promise<LogSigner> {
  const file = path.join(dataDir, "log-signing-key.pem");
  let pem = await readTextIfExists(file);
  if (pem === null) {
    const { privateKey } = generateKeyPairSync("ed25519");
    pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    await writeFileDurable(file, pem);
  }
  const privateKey = createPrivateKey(pem);
  const publicKey = rawPublicKey(privateKey);
  return {
    publicKey,
    signTreeHead(tableId, size, root, timestamp = Date.now()) {
      const rootBase64 = toBase64(root);
      const signature = sign(null, treeHeadMessage(tableId, size, rootBase64, timestamp), privateKey);
      return { tree_size: size, timestamp, sha256_root_hash: rootBase64, tree_head_signature: toBase64(signature) };
    },
  };
}
