// collab/documents.ts with fake peers: updates are written before they are broadcast,
// compaction at the threshold and on unload, the last release unloads, and a failed
// write closes the document (1011) instead of serving what is not on disk.
import { readFile, rm, stat, symlink } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DocumentRegistry, type DocumentPeer } from "../../server/collab/documents.js";
import { DocumentFiles } from "../../server/collab/persistence.js";
import { memoryLogger, parseLogLine } from "../../server/logger.js";
import type { CollabCloseCode, CollabDocName } from "../../shared/collab.js";
import { tempDir } from "./fixtures.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir("collab-docs")));
afterAll(() => cleanup());

const TABLE = "33333333-3333-4333-8333-333333333333";
const board: CollabDocName = { kind: "board", tableId: TABLE };

function peer(accountId: string): DocumentPeer & { frames: Uint8Array[]; closedWith: CollabCloseCode[] } {
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

function updates(n: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => out.push(u));
  for (let i = 0; i < n; i += 1) doc.getText("minutes").insert(0, `${i};`);
  return out;
}

describe("DocumentRegistry", () => {
  it("writes before it broadcasts, compacts at the threshold and on the last release", async () => {
    const lines: string[] = [];
    const registry = new DocumentRegistry(dir, memoryLogger(lines), 3);
    const a = peer("a");
    const b = peer("b");
    const la = await registry.acquire(board);
    const lb = await registry.acquire(board);
    expect(lb.doc).toBe(la.doc);
    await la.doc.attach(a);
    await lb.doc.attach(b);
    const files = DocumentFiles.for(dir, board);
    const [u0, u1, u2, u3] = updates(4) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];

    const before = b.frames.length;
    await la.doc.applyUpdate(a, u0);
    expect(b.frames.length).toBe(before + 1); // broadcast to the other peer…
    expect(a.frames.length).toBe(1); // …not back to the sender (it has only the SyncStep1)
    expect((await readFile(files.updatesFile, "utf8")).trim().split("\n")).toHaveLength(1);

    await la.doc.applyUpdate(a, u1);
    await la.doc.applyUpdate(a, u1); // nothing new: nothing written
    await la.doc.applyUpdate(a, u2); // third line: compaction
    expect(await readFile(files.updatesFile, "utf8")).toBe("");
    expect((await stat(files.snapshotFile)).size).toBeGreaterThan(0);

    await la.doc.applyUpdate(a, u3);
    expect((await readFile(files.updatesFile, "utf8")).trim().split("\n")).toHaveLength(1);
    la.doc.detach(a);
    la.release();
    expect(registry.loadedCount).toBe(1);
    lb.doc.detach(b);
    lb.release();
    await eventuallyTrue(() => registry.loadedCount === 0);
    expect(await readFile(files.updatesFile, "utf8")).toBe(""); // compacted on unload

    const again = await registry.acquire(board);
    expect(again.doc.ydoc.getText("minutes").toString()).toBe("3;2;1;0;");
    again.release();
    await registry.close();
    expect(lines.filter((l) => parseLogLine(l)?.level !== "info" && parseLogLine(l)?.level !== "warn")).toEqual([]);
  });

  it("a failed write closes every peer with 1011, relays nothing and drops the document from memory", async () => {
    const lines: string[] = [];
    const registry = new DocumentRegistry(dir, memoryLogger(lines));
    const ref: CollabDocName = { kind: "notebook", tableId: TABLE, ownerId: "44444444-4444-4444-8444-444444444444" };
    const files = DocumentFiles.for(dir, ref);
    const [u0, u1, u2] = updates(3) as [Uint8Array, Uint8Array, Uint8Array];
    // A first visit writes "0;" (compacted into the snapshot when it is unloaded).
    const first = await registry.acquire(ref);
    await first.doc.applyUpdate(peer("a"), u0);
    first.release();
    await eventuallyTrue(() => registry.loadedCount === 0);

    const a = peer("a");
    const b = peer("b");
    const lease = await registry.acquire(ref);
    await lease.doc.attach(a);
    await lease.doc.attach(b);
    const framesBefore = [a.frames.length, b.frames.length];
    // The updates file is opened on the first append: make it a disk that is full
    // (writes fail with ENOSPC), a real failure of a real file.
    await rm(files.updatesFile, { force: true });
    await symlink("/dev/full", files.updatesFile);
    // Both updates are queued in one turn: one group, which fails as a whole.
    await Promise.all([lease.doc.applyUpdate(a, u1), lease.doc.applyUpdate(b, u2)]);
    expect(a.closedWith).toEqual([1011]);
    expect(b.closedWith).toEqual([1011]);
    expect([a.frames.length, b.frames.length]).toEqual(framesBefore); // nothing relayed
    await rm(files.updatesFile);
    expect(registry.loadedCount).toBe(0);
    expect(lines.some((l) => parseLogLine(l)?.level === "error" && parseLogLine(l)?.msg?.startsWith("collab: an update could not be written") === true)).toBe(true);
    const again = await registry.acquire(ref);
    expect(again.doc.ydoc.getText("minutes").toString()).toBe("0;"); // what was on disk, not what failed
    again.release();
    await registry.close();
  });
});

async function eventuallyTrue(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ok(); i += 1) await new Promise((r) => setTimeout(r, 10));
  expect(ok()).toBe(true);
}
