// Encryption at rest: AES-256-GCM envelopes that only the keyring opens, tamper-evident,
// readable across a key rotation, and a keyring created outside the data directory.
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { defaultKeyFile, isSealed, openKeyring, sealerFrom } from "../../server/store/sealer.js";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const text = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));

describe("the sealer", () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);
  const one = sealerFrom("k1", new Map([["k1", k1]]));
  const HERE = "tables/t1/table.json";

  it("seals so that the plaintext is not in the stored bytes, and opens it again", () => {
    const sealed = one.seal(text("CANARY-sealed-body"), HERE);
    expect(isSealed(sealed)).toBe(true);
    expect(Buffer.from(sealed).toString("latin1")).not.toContain("CANARY");
    expect(Buffer.from(one.open(sealed, HERE)).toString("utf8")).toBe("CANARY-sealed-body");
    // A fresh IV each time: the same plaintext never seals the same way twice.
    expect(Buffer.from(one.seal(text("x"), HERE))).not.toEqual(Buffer.from(one.seal(text("x"), HERE)));
  });

  it("refuses a changed byte (authenticated encryption) and an unknown key", () => {
    const sealed = Buffer.from(one.seal(text("do not change me"), HERE));
    sealed[sealed.length - 1] = (sealed[sealed.length - 1] as number) ^ 1;
    expect(() => one.open(sealed, HERE)).toThrow();
    const other = sealerFrom("k9", new Map([["k9", k2]]));
    expect(() => other.open(one.seal(text("x"), HERE), HERE)).toThrow(/no key 'k1'/);
  });

  it("refuses sealed bytes moved to another place (another table or file)", () => {
    const sealed = one.seal(text("table one's content"), HERE);
    expect(() => one.open(sealed, "tables/t2/table.json")).toThrow();
    expect(() => one.open(sealed, "tables/t1/blobs/minutes-1")).toThrow();
  });

  it("reads what an older key sealed after a rotation, and seals with the new one", () => {
    const old = one.seal(text("before rotation"), HERE);
    const rotated = sealerFrom("k2", new Map([["k1", k1], ["k2", k2]]));
    expect(Buffer.from(rotated.open(old, HERE)).toString("utf8")).toBe("before rotation");
    const fresh = rotated.seal(text("after"), HERE);
    expect(() => one.open(fresh, HERE)).toThrow(/no key 'k2'/);
  });

  it("refuses unsealed bytes planted where sealed ones belong", () => {
    expect(() => one.open(text('{"fragments":[]}'), HERE)).toThrow(/not sealed/);
  });
});

describe("the keyring", () => {
  it("is created once beside the data directory, private, and reused", async () => {
    const parent = await mkdtemp(path.join(tmpdir(), "tafel-keyring-"));
    dirs.push(parent);
    const file = defaultKeyFile(path.join(parent, "data"));
    expect(file).toBe(path.join(parent, "data.key"));
    const a = await openKeyring(file);
    const first = await readFile(file, "utf8");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const b = await openKeyring(file);
    expect(await readFile(file, "utf8")).toBe(first);
    expect(Buffer.from(b.open(a.seal(text("same key"), "x"), "x")).toString("utf8")).toBe("same key");
  });
});
