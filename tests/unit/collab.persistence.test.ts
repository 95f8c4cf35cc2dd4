// collab/persistence.ts: appends survive, a torn last line is cut, and compaction is
// crash-safe in both orders a crash can leave (snapshot written, updates not yet cut).
import { appendFile, readFile, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DocumentFiles } from "../../server/collab/persistence.js";
import { tempDir } from "./fixtures.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir("collab")));
afterAll(() => cleanup());

/** A document and the updates that made it. */
function edits(n: number): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < n; i += 1) doc.getText("t").insert(0, `${i};`);
  doc.getText("t").delete(0, 2);
  return { doc, updates };
}

/** What a server starting now would load: a fresh DocumentFiles on the same files. */
async function reload(base: string): Promise<{ text: string; repaired: boolean; lines: number }> {
  const fresh = new DocumentFiles(dir, base);
  const loaded = await fresh.load();
  const doc = new Y.Doc();
  if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
  for (const u of loaded.updates) Y.applyUpdate(doc, u);
  return { text: doc.getText("t").toString(), repaired: loaded.repaired, lines: fresh.pendingUpdates };
}

describe("DocumentFiles", () => {
  it("replays appended updates in order", async () => {
    const { doc, updates } = edits(5);
    const files = new DocumentFiles(dir, "append");
    await files.load();
    for (const u of updates) await files.append(u);
    expect(await reload("append")).toEqual({ text: doc.getText("t").toString(), repaired: false, lines: 6 });
  });

  it("cuts a torn last line (an append that was never acknowledged)", async () => {
    const { doc, updates } = edits(3);
    const files = new DocumentFiles(dir, "torn");
    await files.load();
    for (const u of updates) await files.append(u);
    await appendFile(files.updatesFile, Buffer.from(updates[0] as Uint8Array).toString("base64").slice(0, 7));
    const first = await reload("torn");
    expect(first).toEqual({ text: doc.getText("t").toString(), repaired: true, lines: 4 });
    expect((await readFile(files.updatesFile, "utf8")).endsWith("\n")).toBe(true);
  });

  it("compacts into a snapshot and an empty updates file", async () => {
    const { doc, updates } = edits(10);
    const files = new DocumentFiles(dir, "compact");
    await files.load();
    for (const u of updates) await files.append(u);
    await files.compact(Y.encodeStateAsUpdate(doc));
    expect(files.pendingUpdates).toBe(0);
    expect(await readFile(files.updatesFile, "utf8")).toBe("");
    expect(await reload("compact")).toEqual({ text: doc.getText("t").toString(), repaired: false, lines: 0 });
    // Appends after a compaction go on top of the snapshot.
    const after: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => after.push(u));
    doc.getText("t").insert(0, "after;");
    for (const u of after) await files.append(u);
    expect(await reload("compact")).toEqual({ text: doc.getText("t").toString(), repaired: false, lines: 1 });
  });

  it("a crash between writing the snapshot and cutting the updates loses and duplicates nothing", async () => {
    const { doc, updates } = edits(8);
    const files = new DocumentFiles(dir, "crash");
    await files.load();
    for (const u of updates) await files.append(u);
    const lines = await readFile(files.updatesFile, "utf8");
    await files.compact(Y.encodeStateAsUpdate(doc));
    await writeFile(files.updatesFile, lines); // as if the process died before the truncate
    expect(await reload("crash")).toEqual({ text: doc.getText("t").toString(), repaired: false, lines: 9 });
  });

  it("refuses a corrupt line instead of serving a partial document", async () => {
    const files = new DocumentFiles(dir, "corrupt");
    await writeFile(files.updatesFile, "not base64!\n");
    await expect(files.load()).rejects.toThrow(/not base64/);
  });
});
