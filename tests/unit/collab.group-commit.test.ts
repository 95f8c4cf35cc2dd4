// Group commit of Yjs updates (collab/persistence.ts, collab/documents.ts): the updates
// of many connections share one write and one fsync on a kept-open file, and nothing
// reaches another peer — neither a relayed update nor a SyncStep2 — before the fsync
// that covers it. A failed fsync rejects its whole group: nothing of it is relayed, every
// peer is closed with 1011, and what a reload finds is what was durable.
import { appendFile, readFile, stat } from "node:fs/promises";
import path from "node:path";
import * as decoding from "lib0/decoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CollabDocument, type DocumentPeer } from "../../server/collab/documents.js";
import { updateFrame } from "../../server/collab/messages.js";
import { DocumentFiles } from "../../server/collab/persistence.js";
import { AppendFile, type LogFile } from "../../server/log/appendFile.js";
import { memoryLogger } from "../../server/logger.js";
import { COLLAB_MESSAGE, type CollabCloseCode, type CollabDocName } from "../../shared/collab.js";
import { tempDir } from "./fixtures.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir("collab-group")));
afterAll(() => cleanup());

const TABLE = "55555555-5555-4555-8555-555555555555";
const board: CollabDocName = { kind: "board", tableId: TABLE };

/** The real updates file, counting durable appends, with a hook before each fsync. */
class WatchedFile implements LogFile {
  private readonly real: AppendFile;
  appends = 0;
  /** Bytes covered by a completed fsync: what survives a power cut. */
  syncedBytes = 0;
  /** Called with the 1-based number of the append, after its bytes reached the file and before the fsync. */
  beforeSync: (n: number) => Promise<void> | void = () => undefined;

  constructor(private readonly file: string) {
    this.real = new AppendFile(file);
  }

  async appendDurable(bytes: Buffer): Promise<void> {
    this.appends += 1;
    const n = this.appends;
    // Written without fsync first (what a failed fsync may leave), then the hook, then
    // the real file's write (of nothing more) and fsync.
    await appendFile(this.file, bytes);
    await this.beforeSync(n);
    const covered = (await stat(this.file)).size;
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

let base = 0;
/** A DocumentFiles of its own, on a watched file. */
function watchedFiles(): { files: DocumentFiles; watched: WatchedFile; base: string } {
  base += 1;
  const name = `doc-${base}`;
  const watched = new WatchedFile(path.join(dir, `${name}.updates`));
  return { files: new DocumentFiles(dir, name, undefined, watched), watched, base: name };
}

/** n single-character edits by n different clients (so their order matters to nobody but the file). */
function edits(n: number, text = "minutes"): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < n; i += 1) doc.getText(text).insert(0, `${i};`);
  return { doc, updates };
}

async function reload(name: string): Promise<{ text: string; lines: number }> {
  const fresh = new DocumentFiles(dir, name);
  const loaded = await fresh.load();
  const doc = new Y.Doc();
  if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
  for (const u of loaded.updates) Y.applyUpdate(doc, u);
  return { text: doc.getText("minutes").toString(), lines: fresh.pendingUpdates };
}

type FakePeer = DocumentPeer & { frames: Uint8Array[]; closedWith: CollabCloseCode[] };
function peer(accountId: string): FakePeer {
  const frames: Uint8Array[] = [];
  const closedWith: CollabCloseCode[] = [];
  return {
    accountId,
    user: { id: accountId, name: accountId, organisation: "Org" },
    isOpen: true,
    frames,
    closedWith,
    send: (f) => frames.push(f),
    close: (c) => closedWith.push(c),
  };
}

/** The sync sub-type of a frame (0 step1, 1 step2, 2 update), or null for other messages. */
function syncType(frame: Uint8Array): number | null {
  const d = decoding.createDecoder(frame);
  return decoding.readVarUint(d) === COLLAB_MESSAGE.sync ? decoding.readVarUint(d) : null;
}
const updatesIn = (p: FakePeer) => p.frames.filter((f) => syncType(f) === 2);
const step2sIn = (p: FakePeer) => p.frames.filter((f) => syncType(f) === 1);

/** Resolves when the hook has been reached; `open()` lets the fsync proceed. */
function gate(): { reached: Promise<void>; wait: () => Promise<void>; open: () => void } {
  let reach = () => undefined as void;
  let open = () => undefined as void;
  const reached = new Promise<void>((r) => (reach = r));
  const opened = new Promise<void>((r) => (open = r));
  return {
    reached,
    wait: () => {
      reach();
      return opened;
    },
    open,
  };
}

async function loadDoc(files: DocumentFiles, onBroken: () => void = () => undefined): Promise<CollabDocument> {
  return CollabDocument.load(board, files, memoryLogger([]), onBroken);
}

describe("DocumentFiles group commit", () => {
  it("updates queued in one turn share one write and one fsync, in call order", async () => {
    const { files, watched, base: name } = watchedFiles();
    await files.load();
    const { doc, updates } = edits(40);
    const all = updates.map((u) => files.append(u));
    await Promise.all(all);
    expect(watched.appends).toBe(1);
    expect((await readFile(files.updatesFile, "utf8")).split("\n").filter(Boolean)).toHaveLength(40);
    // Lines in call order: each line is the update appended at that position.
    const loaded = await new DocumentFiles(dir, name).load();
    expect(loaded.updates.map((u) => Buffer.from(u).toString("hex"))).toEqual(updates.map((u) => Buffer.from(u).toString("hex")));
    expect(await reload(name)).toEqual({ text: doc.getText("minutes").toString(), lines: 40 });
    await files.close();
  });

  it("updates made while a group is being written form the next group, in order", async () => {
    const { files, watched, base: name } = watchedFiles();
    await files.load();
    const g = gate();
    watched.beforeSync = (n) => (n === 1 ? g.wait() : undefined);
    const { doc, updates } = edits(5);
    const [u0, ...rest] = updates as [Uint8Array, ...Uint8Array[]];
    const first = files.append(u0);
    await g.reached;
    const later = rest.map((u) => files.append(u));
    const flushed = files.flushed();
    let firstDone = false;
    void first.then(() => (firstDone = true));
    await new Promise((r) => setImmediate(r));
    expect(firstDone).toBe(false); // not acknowledged before its fsync
    g.open();
    await Promise.all([first, ...later, flushed]);
    expect(watched.appends).toBe(2);
    const loaded = await new DocumentFiles(dir, name).load();
    expect(loaded.updates.map((u) => Buffer.from(u).toString("hex"))).toEqual(updates.map((u) => Buffer.from(u).toString("hex")));
    expect((await reload(name)).text).toBe(doc.getText("minutes").toString());
    await files.close();
  });

  it("a failed fsync rejects its group and everything queued behind it, cuts the file back and takes no more appends", async () => {
    const { files, watched, base: name } = watchedFiles();
    await files.load();
    const { updates } = edits(6);
    const [u0, u1, u2, u3, u4] = updates as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
    await files.append(u0);
    const durableSize = (await stat(files.updatesFile)).size;
    let fail = (_: Error) => undefined as void;
    const failing = new Promise<void>((_, reject) => (fail = reject));
    failing.catch(() => undefined);
    let reached = () => undefined as void;
    const atSync = new Promise<void>((r) => (reached = r));
    watched.beforeSync = (n) => {
      if (n !== 2) return undefined;
      reached();
      return failing;
    };
    const outcome = (p: Promise<void>) => p.then(() => "ok", (e: Error) => e.message);
    const group = [files.append(u1), files.append(u2)].map(outcome);
    await atSync;
    const behind = outcome(files.append(u3)); // queued behind the failing group
    const flushed = outcome(files.flushed());
    fail(new Error("EIO: fsync failed"));
    expect(await Promise.all([...group, behind, flushed])).toEqual(Array.from({ length: 4 }, () => "EIO: fsync failed"));
    // The failed group's bytes were cut: the file is what was durable.
    expect((await stat(files.updatesFile)).size).toBe(durableSize);
    expect(await outcome(files.append(u4))).toBe("EIO: fsync failed");
    await expect(files.compact(new Uint8Array())).rejects.toThrow(/reloaded/);
    expect(watched.appends).toBe(2);
    const d = new Y.Doc();
    Y.applyUpdate(d, u0);
    expect(await reload(name)).toEqual({ text: d.getText("minutes").toString(), lines: 1 });
    await files.close();
  });

  it("compaction truncates the file under the kept-open handle; later appends land in the emptied file", async () => {
    const { files, watched, base: name } = watchedFiles();
    await files.load();
    const { doc, updates } = edits(12);
    const [last, ...first] = [updates[updates.length - 1] as Uint8Array, ...updates.slice(0, -1)];
    await Promise.all(first.map((u) => files.append(u)));
    const partial = new Y.Doc();
    for (const u of first) Y.applyUpdate(partial, u);
    await files.compact(Y.encodeStateAsUpdate(partial));
    expect(await readFile(files.updatesFile, "utf8")).toBe("");
    await files.append(last);
    expect((await readFile(files.updatesFile, "utf8")).split("\n").filter(Boolean)).toHaveLength(1);
    expect(await reload(name)).toEqual({ text: doc.getText("minutes").toString(), lines: 1 });
    expect(watched.appends).toBe(2);
    await files.close();
  });

  it("refuses to compact while updates are queued (the snapshot would miss them)", async () => {
    const { files } = watchedFiles();
    await files.load();
    const { updates } = edits(1);
    const queued = files.append(updates[0] as Uint8Array);
    await expect(files.compact(new Uint8Array())).rejects.toThrow(/being written/);
    await queued;
    await files.close();
  });
});

describe("CollabDocument with group commit", () => {
  it("a change reaches the other peers, and a SyncStep1 is answered, only after the fsync that covers it", async () => {
    const { files, watched } = watchedFiles();
    const doc = await loadDoc(files);
    const [a, b, c] = [peer("a"), peer("b"), peer("c")];
    for (const p of [a, b, c]) await doc.attach(p);
    const g = gate();
    watched.beforeSync = (n) => (n === 1 ? g.wait() : undefined);
    const { updates } = edits(1);
    const u0 = updates[0] as Uint8Array;
    const applied = doc.applyUpdate(a, u0);
    await g.reached; // the bytes are in the file, not yet fsync'd
    const answered = doc.answerStep1(c, Y.encodeStateVector(new Y.Doc()));
    await new Promise((r) => setTimeout(r, 20));
    expect(updatesIn(b)).toEqual([]);
    expect(updatesIn(c)).toEqual([]);
    expect(step2sIn(c)).toEqual([]);
    g.open();
    await Promise.all([applied, answered]);
    expect(updatesIn(b)).toEqual([updateFrame(u0)]);
    expect(updatesIn(a)).toEqual([]); // not echoed to its sender
    // The answer holds the update: it acknowledged it.
    const step2 = step2sIn(c)[0] as Uint8Array;
    const dd = decoding.createDecoder(step2);
    decoding.readVarUint(dd);
    decoding.readVarUint(dd);
    const answer = new Y.Doc();
    Y.applyUpdate(answer, decoding.readVarUint8Array(dd));
    expect(answer.getText("minutes").toString()).toBe("0;");
    doc.destroy();
  });

  it("the updates of several peers share one fsync and are relayed in the order they were applied", async () => {
    const { files, watched } = watchedFiles();
    const doc = await loadDoc(files);
    const senders = Array.from({ length: 8 }, (_, i) => peer(`s${i}`));
    const watcher = peer("watcher");
    for (const p of [...senders, watcher]) await doc.attach(p);
    // One update per sender, each from its own Yjs client.
    const changes = senders.map((_, i) => {
      const d = new Y.Doc();
      let u: Uint8Array = new Uint8Array();
      d.on("update", (x: Uint8Array) => (u = x));
      d.getText("minutes").insert(0, `${i};`);
      return u;
    });
    await Promise.all(senders.map((s, i) => doc.applyUpdate(s, changes[i] as Uint8Array)));
    expect(watched.appends).toBe(1);
    expect(updatesIn(watcher)).toEqual(changes.map(updateFrame));
    // Each sender got everyone's but its own, in the same order.
    senders.forEach((s, i) => expect(updatesIn(s)).toEqual(changes.filter((_, j) => j !== i).map(updateFrame)));
    doc.destroy();
  });

  it("a failed fsync relays nothing of its group, closes every peer with 1011 and breaks the document", async () => {
    const { files, watched, base: name } = watchedFiles();
    let broken = 0;
    const doc = await loadDoc(files, () => (broken += 1));
    const [a, b, c] = [peer("a"), peer("b"), peer("c")];
    for (const p of [a, b, c]) await doc.attach(p);
    const { updates } = edits(3);
    const [u0, u1, u2] = updates as [Uint8Array, Uint8Array, Uint8Array];
    await doc.applyUpdate(a, u0);
    expect(updatesIn(b)).toHaveLength(1);
    watched.beforeSync = () => Promise.reject(new Error("EIO: fsync failed"));
    const framesBefore = [a, b, c].map((p) => p.frames.length);
    // Two updates in one group, then a SyncStep1 that would acknowledge them.
    await Promise.all([doc.applyUpdate(a, u1), doc.applyUpdate(b, u2), doc.answerStep1(c, Y.encodeStateVector(new Y.Doc()))]);
    expect([a, b, c].map((p) => p.frames.length)).toEqual(framesBefore); // no relay, no SyncStep2
    expect([a, b, c].map((p) => p.closedWith)).toEqual([[1011], [1011], [1011]]);
    expect(broken).toBe(1);
    expect((await reload(name)).text).toBe("0;");
    await expect(doc.applyUpdate(a, u1)).resolves.toBeUndefined(); // a broken document takes nothing
    expect(watched.appends).toBe(2);
  });

  it("the durable state for finalised minutes waits for queued updates", async () => {
    const { files, watched } = watchedFiles();
    const doc = await loadDoc(files);
    const a = peer("a");
    await doc.attach(a);
    const g = gate();
    watched.beforeSync = (n) => (n === 1 ? g.wait() : undefined);
    const { updates } = edits(1);
    const applied = doc.applyUpdate(a, updates[0] as Uint8Array);
    await g.reached;
    let state: Uint8Array | null = null;
    const reading = doc.durableState().then((s) => (state = s));
    await new Promise((r) => setTimeout(r, 20));
    expect(state).toBeNull();
    g.open();
    await Promise.all([applied, reading]);
    const d = new Y.Doc();
    Y.applyUpdate(d, state ?? new Uint8Array());
    expect(d.getText("minutes").toString()).toBe("0;");
    doc.destroy();
  });
});
