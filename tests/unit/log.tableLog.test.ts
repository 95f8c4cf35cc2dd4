// log/tableLog.ts: the per-table append-only JSONL log — canonical lines, consecutive
// seq, RFC 6962 leaf hashes, and the repair of a trailing partial line on open.
import { createHash } from "node:crypto";
import { appendFile, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { NewLogEntry } from "../../server/log/entries.js";
import { leafHash, rootHash, toHex } from "../../server/log/merkle.js";
import { TableLog } from "../../server/log/tableLog.js";
import { AppendFile, type LogFile } from "../../server/log/appendFile.js";
import { tempDir } from "./fixtures.js";

let dir: string;
let file: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir("tablelog"));
  file = path.join(dir, "log.jsonl");
});
afterEach(async () => {
  vi.useRealTimers();
  await cleanup();
});

const EMPTY_ROOT = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const sha = (prefix: number, ...parts: Buffer[]) => {
  const h = createHash("sha256").update(Buffer.from([prefix]));
  for (const p of parts) h.update(p);
  return h.digest();
};

const sent = (recipient: string, delivery: string): NewLogEntry => ({
  // Deliberately not in key order: the log must sort them (RFC 8785).
  type: "fragment-sent",
  recipient,
  fragment: "frag-1",
  channel: "socket",
  delivery,
  actor: null,
});

const fileLines = async () => (await readFile(file, "utf8")).split("\n");

describe("TableLog.open", () => {
  it("opens a missing file as an empty log without creating it", async () => {
    const { log, repaired } = await TableLog.open(file);
    expect(repaired).toBe(false);
    expect(log.size).toBe(0);
    expect(log.entries).toEqual([]);
    expect(log.rootHash()).toBe(EMPTY_ROOT);
    await expect(stat(file)).rejects.toMatchObject({ code: "ENOENT" });
  });
});

describe("TableLog.append", () => {
  it("writes RFC 8785 canonical JSON, keys sorted, one entry per line", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2025-03-01T10:00:00.000Z"));
    const { log } = await TableLog.open(file);
    await log.append([sent("acc-b", "d1")]);
    expect(await readFile(file, "utf8")).toBe(
      '{"actor":null,"at":"2025-03-01T10:00:00.000Z","channel":"socket","delivery":"d1","fragment":"frag-1","recipient":"acc-b","seq":0,"type":"fragment-sent"}\n',
    );
  });

  it("sorts nested keys, escapes per RFC 8785 and writes no whitespace", async () => {
    const { log } = await TableLog.open(file);
    await log.append([{ type: "table-opened", actor: "Zoë\u2028\"x\"", purpose: "integrity", personsConcerned: ["b", "a"] }]);
    const [line] = await fileLines();
    expect(line).toMatch(/^\{"actor":"Zoë\u2028\\"x\\"","at":"[^"]+","personsConcerned":\["b","a"\],"purpose":"integrity","seq":0,"type":"table-opened"\}$/);
  });

  it("assigns consecutive seq across calls and batches, one timestamp per batch", async () => {
    const { log } = await TableLog.open(file);
    const first = await log.append([sent("a", "1")]);
    const batch = await log.append([sent("b", "2"), sent("c", "3"), sent("d", "4")]);
    const last = await log.append([{ actor: "a", type: "declined", decline: "dec" }]);
    expect([...first, ...batch, ...last].map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(log.entries.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(batch.map((e) => e.at)).size).toBe(1);
    for (const e of log.entries) expect(new Date(e.at).toISOString()).toBe(e.at);
    const lines = await fileLines();
    expect(lines).toHaveLength(6); // five lines and the final newline
    expect(lines[5]).toBe("");
    lines.slice(0, 5).forEach((l, i) => {
      const parsed = JSON.parse(l) as Record<string, unknown>;
      expect(parsed.seq).toBe(i);
      expect(Object.keys(parsed)).toEqual(Object.keys(parsed).sort());
    });
    expect(log.size).toBe(5);
  });

  it("hashes each stored line as an RFC 6962 leaf and the log as their Merkle root", async () => {
    const { log } = await TableLog.open(file);
    await log.append([sent("a", "1"), sent("b", "2"), sent("c", "3")]);
    const lines = (await fileLines()).slice(0, 3).map((l) => Buffer.from(l, "utf8"));
    const leaves = lines.map((l) => sha(0x00, l));
    leaves.forEach((leaf, i) => expect(log.leafHashAt(i)).toBe(leaf.toString("hex")));
    // Size 3: MTH = H(0x01 || H(0x01 || l0 || l1) || l2)
    const [l0, l1, l2] = leaves as [Buffer, Buffer, Buffer];
    const expected = sha(0x01, sha(0x01, l0, l1), l2);
    expect(log.rootHash()).toBe(expected.toString("hex"));
    expect(log.rootHash()).toBe(toHex(rootHash(leaves)));
  });

  it("hashes non-ASCII lines as their UTF-8 bytes, as the browser's portable leafHash does", async () => {
    const { log } = await TableLog.open(file);
    await log.append([
      { actor: "x", type: "joined", statement: "Ik ga akkoord: één €, ü, \u2028, \u{1F600}." },
      { actor: "x", type: "joined", statement: 'quote " backslash \\ tab \t' },
    ]);
    const lines = (await fileLines()).slice(0, 2);
    lines.forEach((l, i) => expect(log.leafHashAt(i)).toBe(toHex(leafHash(new TextEncoder().encode(l)))));
  });

  it("writes nothing for an empty append (no blank line for backup's check to trip on)", async () => {
    const { log } = await TableLog.open(file);
    await log.append([sent("a", "1")]);
    expect(await log.append([])).toEqual([]);
    await log.append([sent("b", "2")]);
    expect(await fileLines()).toHaveLength(3);
    expect(log.entries.map((e) => e.seq)).toEqual([0, 1]);
  });

  it("reopening reads the same entries, leaf hashes and root", async () => {
    const { log } = await TableLog.open(file);
    await log.append([sent("a", "1"), { actor: "x", type: "joined", statement: "I agree." }]);
    const { log: again, repaired } = await TableLog.open(file);
    expect(repaired).toBe(false);
    expect(again.entries).toEqual(log.entries);
    expect(again.rootHash()).toBe(log.rootHash());
    expect(again.leafHashAt(1)).toBe(log.leafHashAt(1));
    const next = await again.append([sent("b", "2")]);
    expect(next[0]?.seq).toBe(2);
  });
});

describe("TableLog.open after a crash mid-append", () => {
  it("cuts a trailing partial line and keeps every whole entry", async () => {
    const { log } = await TableLog.open(file);
    await log.append([sent("a", "1"), sent("b", "2")]);
    const whole = await readFile(file);
    await appendFile(file, '{"actor":null,"at":"2025-03-01T1');

    const { log: reopened, repaired } = await TableLog.open(file);
    expect(repaired).toBe(true);
    expect(reopened.size).toBe(2);
    expect(reopened.entries).toEqual(log.entries);
    expect(reopened.rootHash()).toBe(log.rootHash());
    expect((await readFile(file)).equals(whole)).toBe(true);

    // Appends continue cleanly after the repair.
    const [e] = await reopened.append([sent("c", "3")]);
    expect(e?.seq).toBe(2);
    const lines = await fileLines();
    expect(lines).toHaveLength(4);
    expect(lines.slice(0, 3).map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([0, 1, 2]);
  });

  it("cuts by bytes, not characters, when whole lines hold multi-byte text", async () => {
    const { log } = await TableLog.open(file);
    await log.append([{ actor: "Zoë Çelik — 日本", type: "declined", decline: "dec-€" }]);
    const whole = await readFile(file);
    await appendFile(file, Buffer.from('{"actor":"Zoë ', "utf8"));
    // And a torn multi-byte character at the very end.
    await appendFile(file, Buffer.from("€", "utf8").subarray(0, 2));

    const { log: reopened, repaired } = await TableLog.open(file);
    expect(repaired).toBe(true);
    expect((await readFile(file)).equals(whole)).toBe(true);
    expect(reopened.entries).toEqual(log.entries);
  });

  it("a file holding only a partial line becomes empty", async () => {
    await writeFile(file, '{"seq":0,"ty');
    const { log, repaired } = await TableLog.open(file);
    expect(repaired).toBe(true);
    expect(log.size).toBe(0);
    expect(log.rootHash()).toBe(EMPTY_ROOT);
    expect((await stat(file)).size).toBe(0);
    const [e] = await log.append([sent("a", "1")]);
    expect(e?.seq).toBe(0);
  });

  it("an empty file is a valid empty log, not a repair", async () => {
    await writeFile(file, "");
    const { log, repaired } = await TableLog.open(file);
    expect(repaired).toBe(false);
    expect(log.size).toBe(0);
  });
});

describe("a damaged log", () => {
  it("is refused on load when entries are not numbered 0…n-1 (a line lost or moved)", async () => {
    const { writeFile: write, mkdtemp: mk } = await import("node:fs/promises");
    const { tmpdir: tmp } = await import("node:os");
    const path = await import("node:path");
    const dir = await mk(path.join(tmp(), "tafel-damaged-"));
    const damaged = path.join(dir, "log.jsonl");
    await write(damaged, ['{"actor":null,"at":"t","seq":0,"type":"log-exported"}', '{"actor":null,"at":"t","seq":2,"type":"log-exported"}', ""].join("\n"));
    await expect(TableLog.open(damaged)).rejects.toThrow(/damaged at entry 1/);
  });
});

// ---- Group commit ------------------------------------------------------------------
// Appends need no lock: each call is numbered at once, in call order, and everything
// queued meanwhile is written with one write and one fsync. A caller hears "done" only
// after the fsync that covers its entries; a failed group fails everyone in it and
// everyone queued behind it, and leaves the file without a gap.

/** The real file, counting durable appends, with a hook to make one fail or wait. */
class WatchedFile implements LogFile {
  readonly real: AppendFile;
  appends = 0;
  /** Bytes covered by a completed fsync: what survives a power cut. */
  syncedBytes = 0;
  /** Called with the 1-based number of the append, after its bytes reached the file and before the fsync. */
  beforeSync: (n: number) => Promise<void> | void = () => undefined;

  constructor(private readonly path: string) {
    this.real = new AppendFile(path);
  }

  async appendDurable(bytes: Buffer): Promise<void> {
    this.appends += 1;
    const n = this.appends;
    // Write without fsync first (as a crashed fsync would leave it), then the hook, then
    // the real durable append of nothing more: the real file's write + fsync.
    await appendFile(this.path, bytes);
    await this.beforeSync(n);
    // An fsync covers what was in the file when it began.
    const covered = (await stat(this.path)).size;
    await this.real.appendDurable(Buffer.alloc(0));
    this.syncedBytes = Math.max(this.syncedBytes, covered);
  }

  truncate(length: number): Promise<void> {
    return this.real.truncate(length);
  }

  close(): Promise<void> {
    return this.real.close();
  }
}

const seqsInFile = async () =>
  (await fileLines())
    .filter((l) => l.length > 0)
    .map((l) => (JSON.parse(l) as { seq: number }).seq);

describe("TableLog group commit", () => {
  it("concurrent appends share one write and fsync, are numbered in call order and all durable", async () => {
    const watched = new WatchedFile(file);
    const { log } = await TableLog.open(file, { file: watched });
    const calls = Array.from({ length: 100 }, (_, i) => log.append([sent(`r${i}`, `d${i}`)]));
    // Nothing is visible to readers before it is durable.
    expect(log.size).toBe(0);
    const done = await Promise.all(calls);
    expect(done.map(([e]) => e?.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(done.map(([e]) => (e as { delivery: string }).delivery)).toEqual(Array.from({ length: 100 }, (_, i) => `d${i}`));
    expect(watched.appends).toBe(1);
    expect(await seqsInFile()).toEqual(Array.from({ length: 100 }, (_, i) => i));
    const { log: again } = await TableLog.open(file);
    expect(again.entries).toEqual(log.entries);
    expect(again.rootHash()).toBe(log.rootHash());
    await log.close();
  });

  it("appends made while a group is being written form the next group, in order", async () => {
    const watched = new WatchedFile(file);
    let release = () => undefined as void;
    const gate = new Promise<void>((r) => (release = r));
    watched.beforeSync = (n) => (n === 1 ? gate : undefined);
    const { log } = await TableLog.open(file, { file: watched });
    const first = log.append([sent("a", "1")]);
    await new Promise((r) => setImmediate(r));
    const later = [log.append([sent("b", "2")]), log.append([sent("c", "3"), sent("d", "4")])];
    release();
    const all = await Promise.all([first, ...later]);
    expect(all.flat().map((e) => e.seq)).toEqual([0, 1, 2, 3]);
    expect(watched.appends).toBe(2);
    expect(await seqsInFile()).toEqual([0, 1, 2, 3]);
    await log.close();
  });

  it("finds an entry by its leaf hash, for entries appended before and after the first look-up, and after reopening", async () => {
    const { log } = await TableLog.open(file);
    await log.append([sent("a", "h0"), sent("b", "h1")]);
    expect(log.indexOfLeaf(log.leafHashAt(1))).toBe(1);
    await log.append([sent("c", "h2")]);
    expect(log.indexOfLeaf(log.leafHashAt(2))).toBe(2);
    expect(log.indexOfLeaf(log.leafHashAt(0))).toBe(0);
    expect(log.indexOfLeaf("00".repeat(32))).toBeUndefined();
    await log.close();
    const { log: again } = await TableLog.open(file);
    expect(again.indexOfLeaf(log.leafHashAt(2))).toBe(2);
  });

  it("a failed fsync rejects every caller of the group and every one queued behind it, and leaves no gap", async () => {
    const watched = new WatchedFile(file);
    const { log } = await TableLog.open(file, { file: watched });
    await log.append([sent("a", "d0")]);
    let fail = (_: Error) => undefined as void;
    const failing = new Promise<void>((_, reject) => (fail = reject));
    failing.catch(() => undefined); // rejected before the writer reaches it
    watched.beforeSync = (n) => (n === 2 ? failing : undefined);

    const group = [log.append([sent("b", "d1")]), log.append([sent("c", "d2")])].map((p) => p.then(() => "ok", (e: Error) => e.message));
    await new Promise((r) => setImmediate(r));
    // Queued behind the failing group (numbered after it): must fail with it.
    const behind = log.append([sent("d", "d3")]).then(() => "ok", (e: Error) => e.message);
    // While the group is in flight, its receipts count as logged (no double logging)…
    expect(log.deliveries.sent("d1")).toBeDefined();
    fail(new Error("EIO: fsync failed"));
    expect(await Promise.all([...group, behind])).toEqual(["EIO: fsync failed", "EIO: fsync failed", "EIO: fsync failed"]);

    // …but the author's view of the steps (receipt times) shows only what is durable.
    expect(log.receipts.firstAt("fragment-sent", "frag-1", "a")).toBeDefined();
    expect(log.receipts.firstAt("fragment-sent", "frag-1", "b")).toBeUndefined();
    // …and once it failed, they do not.
    expect(log.deliveries.sent("d1")).toBeUndefined();
    expect(log.deliveries.sent("d3")).toBeUndefined();
    expect(log.deliveries.sent("d0")).toBeDefined();
    expect(log.size).toBe(1);
    // The failed bytes were cut from the file; the next append takes the next number.
    expect(await seqsInFile()).toEqual([0]);
    const [next] = await log.append([sent("e", "d4")]);
    expect(next?.seq).toBe(1);
    const { log: again } = await TableLog.open(file);
    expect(again.entries.map((e) => (e as { delivery: string }).delivery)).toEqual(["d0", "d4"]);
    // Rebuilt on open from the file: the failed group's steps are not there either.
    expect(again.receipts.firstAt("fragment-sent", "frag-1", "e")).toBe(next?.at);
    expect(again.receipts.firstAt("fragment-sent", "frag-1", "b")).toBeUndefined();
    expect(again.rootHash()).toBe(log.rootHash());
    await log.close();
  });

  it("refuses further appends when a failed group cannot be cut from the file", async () => {
    const watched = new WatchedFile(file);
    const { log } = await TableLog.open(file, { file: watched });
    await log.append([sent("a", "d0")]);
    watched.beforeSync = () => Promise.reject(new Error("EIO: fsync failed"));
    watched.truncate = () => Promise.reject(new Error("EIO: truncate failed"));
    await expect(log.append([sent("b", "d1")])).rejects.toThrow("EIO: fsync failed");
    await expect(log.append([sent("c", "d2")])).rejects.toThrow(/could not be written/);
    expect(log.size).toBe(1);
    await log.close();
  });

  /** A log whose second fsync fails; cutting the failed group back runs `cut`. */
  async function failingGroupWithCut(cut: (watched: WatchedFile, length: number) => Promise<void>) {
    const watched = new WatchedFile(file);
    const { log } = await TableLog.open(file, { file: watched });
    await log.append([sent("a", "d0")]);
    watched.beforeSync = (n) => (n === 2 ? Promise.reject(new Error("EIO: fsync failed")) : undefined);
    let started = () => undefined as void;
    const cutStarted = new Promise<void>((r) => (started = r));
    watched.truncate = (length) => {
      started();
      return cut(watched, length);
    };
    const failed = log.append([sent("b", "d1")]).then(() => "ok", (e: Error) => e.message);
    await cutStarted;
    return { log, failed };
  }

  it("appends made while a failed group is being cut from the file are numbered from the durable end and written next", async () => {
    let finishCut = () => undefined as void;
    const cutGate = new Promise<void>((r) => (finishCut = r));
    const { log, failed } = await failingGroupWithCut(async (watched, length) => {
      await cutGate;
      return watched.real.truncate(length);
    });
    const late = log.append([sent("c", "d2")]);
    // The cut takes a while: the late append must wait for it, or the cut would remove
    // it after it was acknowledged.
    for (let i = 0; i < 5; i += 1) await new Promise((r) => setImmediate(r));
    finishCut();
    expect(await failed).toBe("EIO: fsync failed");
    const [entry] = await late;
    expect(entry?.seq).toBe(1);
    expect(await seqsInFile()).toEqual([0, 1]);
    const { log: again } = await TableLog.open(file);
    expect(again.entries.map((e) => (e as { delivery: string }).delivery)).toEqual(["d0", "d2"]);
    await log.close();
  });

  it("appends made while a failed group is being cut are refused if it cannot be cut", async () => {
    const { log, failed } = await failingGroupWithCut(async () => {
      await new Promise((r) => setImmediate(r));
      throw new Error("EIO: truncate failed");
    });
    const late = log.append([sent("c", "d2")]).then(() => "ok", (e: Error) => e.message);
    expect(await failed).toBe("EIO: fsync failed");
    expect(await late).toMatch(/could not be written/);
    expect(log.size).toBe(1);
    await log.close();
  });

  it("a power cut after any acknowledgement loses no acknowledged entry (only fsync'd bytes survive)", async () => {
    const watched = new WatchedFile(file);
    // Let fsyncs take a moment so that writes pile up behind them.
    watched.beforeSync = () => new Promise((r) => setTimeout(r, 2));
    const { log } = await TableLog.open(file, { file: watched });
    const acked = new Map<number, string>();
    let cut: Buffer | null = null;
    const writers = Array.from({ length: 20 }, async (_, w) => {
      for (let i = 0; i < 15; i += 1) {
        const [e] = await log.append([sent(`w${w}`, `w${w}-${i}`)]);
        if (e) acked.set(e.seq, (e as { delivery: string }).delivery);
        // The power goes at the 150th acknowledgement: the file as the disk holds it is
        // what was fsync'd; whatever was written but not yet fsync'd is gone.
        if (acked.size === 150 && cut === null) {
          const durable = watched.syncedBytes; // at the moment of the acknowledgement
          cut = (await readFile(file)).subarray(0, durable);
        }
      }
    });
    await Promise.all(writers);
    expect(watched.appends).toBeLessThan(300);
    expect(cut).not.toBeNull();
    const survivor = path.join(dir, "after-power-cut.jsonl");
    await writeFile(survivor, cut as unknown as Buffer);
    const { log: after } = await TableLog.open(survivor);
    const survived = new Map(after.entries.map((e) => [e.seq, (e as { delivery: string }).delivery]));
    const ackedBeforeCut = [...acked.entries()].slice(0, 150);
    for (const [seq, delivery] of ackedBeforeCut) expect(survived.get(seq)).toBe(delivery);
    // And everything acknowledged in the end is in the file, numbered without a gap.
    expect(await seqsInFile()).toEqual(Array.from({ length: 300 }, (_, i) => i));
    await log.close();
  });
});
