// store/journaledFile.ts and journalOps.ts: a table document as a snapshot plus a journal
// of changes. What must hold: reopening gives exactly the acknowledged state, whatever
// the updates were; an update does not rewrite the snapshot; a torn last line, a journal
// left by a fold cut short and a failed append never change the state read back; sealed
// lines reveal nothing and cannot be moved.
import { randomBytes } from "node:crypto";
import { appendFile, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { produce } from "immer";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DurableDoc } from "../../server/store/durableDoc.js";
import { JournaledJSONFile, openSealedJournal } from "../../server/store/journaledFile.js";
import { applyOps, diffStates } from "../../server/store/journalOps.js";
import { sealerFrom } from "../../server/store/sealer.js";
import { tempDir } from "./fixtures.js";

interface Item {
  id: string;
  text: string;
}
interface Doc {
  name: string;
  items: Item[];
  other: Item[];
  note?: string;
}

let dir: string;
let file: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir("journaled"));
  file = path.join(dir, "table.json");
});
afterEach(() => cleanup());

const journalFile = () => path.join(dir, "table.journal");
const sealer = sealerFrom("k1", new Map([["k1", randomBytes(32)]]));
const place = "tables/t1/table.json";
const open = (sealed = false) =>
  DurableDoc.using<Doc>(new JournaledJSONFile<Doc>(file, sealed ? { sealing: { sealer, place } } : {}), { name: "", items: [], other: [] });
const item = (id: string, text = `text of ${id}`): Item => ({ id, text });

describe("diffStates / applyOps", () => {
  // A state and one change of it made as immer makes them (unchanged parts shared).
  const change = fc.oneof(
    fc.record({ kind: fc.constant("push" as const), text: fc.string() }),
    fc.record({ kind: fc.constant("remove" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("edit" as const), at: fc.nat(), text: fc.string() }),
    fc.record({ kind: fc.constant("filter" as const), keep: fc.array(fc.boolean(), { maxLength: 12 }) }),
    fc.record({ kind: fc.constant("name" as const), text: fc.string() }),
    fc.record({ kind: fc.constant("note" as const), text: fc.option(fc.string()) }),
  );

  it("replaying the operations on a parsed copy of the state before gives the state after", () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 10 }), fc.array(fc.array(change, { maxLength: 4 }), { maxLength: 6 }), (texts, steps) => {
        let state: Doc = { name: "n", items: texts.map((t, i) => item(`i${i}`, t)), other: [item("o")] };
        let n = 0;
        for (const step of steps) {
          const next = produce(state, (d) => {
            for (const c of step) {
              if (c.kind === "push") d.items.push(item(`new${(n += 1)}`, c.text));
              else if (c.kind === "remove" && d.items.length > 0) d.items.splice(c.at % d.items.length, 1);
              else if (c.kind === "edit" && d.items.length > 0) (d.items[c.at % d.items.length] as Item).text = c.text;
              else if (c.kind === "filter") d.items = d.items.filter((_, i) => c.keep[i] ?? true);
              else if (c.kind === "name") d.name = c.text;
              else if (c.kind === "note") {
                if (c.text === null) delete d.note;
                else d.note = c.text;
              }
            }
          });
          const replayed = JSON.parse(JSON.stringify(state)) as Doc;
          applyOps(replayed, JSON.parse(JSON.stringify(diffStates(state, next))));
          expect(replayed).toEqual(JSON.parse(JSON.stringify(next)));
          state = next;
        }
      }),
    );
  });

  it("writes only what changed: a release-like update is one added and one removed element", () => {
    const before: Doc = { name: "n", items: Array.from({ length: 200 }, (_, i) => item(`d${i}`)), other: [item("f0")] };
    const after = produce(before, (d) => {
      d.items = d.items.filter((x) => x.id !== "d57");
      d.other.push(item("f1"));
    });
    expect(diffStates(before, after)).toEqual([
      { key: "items", at: 57, remove: 1, insert: [] },
      { key: "other", at: 1, remove: 0, insert: [item("f1")] },
    ]);
  });
});

describe("JournaledJSONFile", () => {
  it("appends updates to the journal without rewriting the snapshot, and reopens to the same state", async () => {
    const doc = await open();
    await doc.update((d) => {
      d.name = "table";
      d.items.push(item("a"));
    });
    const snapshot = await stat(file);
    for (let i = 0; i < 20; i += 1) await doc.update((d) => void d.items.push(item(`x${i}`)));
    await doc.update((d) => void (d.items = d.items.filter((x) => x.id !== "x3")));
    expect((await stat(file)).ino).toBe(snapshot.ino);
    expect((await readFile(journalFile(), "utf8")).trim().split("\n")).toHaveLength(1 + 21);
    const again = await open();
    expect(again.data).toEqual(doc.data);
    expect(again.data.items.map((x) => x.id)).not.toContain("x3");
  });

  it("a last line without its newline (a write cut short) is cut, and the state before it is read", async () => {
    const doc = await open();
    await doc.update((d) => void d.items.push(item("kept")));
    await doc.update((d) => void d.items.push(item("also kept")));
    const whole = await readFile(journalFile(), "utf8");
    await appendFile(journalFile(), '[{"key":"name","set":"never acknowl');
    const again = await open();
    expect(again.data.items.map((x) => x.id)).toEqual(["kept", "also kept"]);
    expect(await readFile(journalFile(), "utf8")).toBe(whole);
    // And it goes on from there.
    await again.update((d) => void d.items.push(item("next")));
    expect((await open()).data.items.map((x) => x.id)).toEqual(["kept", "also kept", "next"]);
  });

  it("a journal that does not continue the snapshot on disk (a fold cut short) is ignored, then replaced", async () => {
    const doc = await open();
    await doc.update((d) => void d.items.push(item("a")));
    await doc.update((d) => void d.items.push(item("b")));
    // The fold wrote its snapshot (holding everything) and stopped before the new journal.
    await writeFile(file, JSON.stringify(doc.data));
    const again = await open();
    expect(again.data.items.map((x) => x.id)).toEqual(["a", "b"]);
    await again.update((d) => void d.items.push(item("c")));
    expect((await open()).data.items.map((x) => x.id)).toEqual(["a", "b", "c"]);
  });

  it("folds the journal into the snapshot once it outgrows it, and loses nothing", async () => {
    const doc = await open();
    const big = "x".repeat(4_000);
    for (let i = 0; i < 80; i += 1) await doc.update((d) => void d.items.push(item(`i${i}`, big)));
    for (let i = 0; i < 80; i += 2) await doc.update((d) => void (d.items = d.items.filter((x) => x.id !== `i${i}`)));
    // 120 updates of about 4 KB each went through the journal: it was folded at least once.
    expect((await stat(journalFile())).size).toBeLessThan(300 * 1024);
    const again = await open();
    expect(again.data).toEqual(doc.data);
    expect(again.data.items).toHaveLength(40);
  });

  it("an append that fails is cut from the file: the update is refused and never read back", async () => {
    const doc = await open();
    await doc.update((d) => void d.items.push(item("a")));
    await doc.update((d) => void d.items.push(item("b")));
    const adapter = (doc as unknown as { low: { adapter: { journal: { appendDurable: (b: Buffer) => Promise<void> } } } }).low.adapter;
    const real = adapter.journal.appendDurable.bind(adapter.journal);
    adapter.journal.appendDurable = async (bytes) => {
      await real(bytes); // the bytes reach the file, then the fsync "fails"
      throw new Error("EIO: fsync failed");
    };
    await expect(doc.update((d) => void d.items.push(item("refused")))).rejects.toThrow("EIO");
    adapter.journal.appendDurable = real;
    expect(doc.data.items.map((x) => x.id)).toEqual(["a", "b"]);
    expect((await open()).data.items.map((x) => x.id)).toEqual(["a", "b"]);
    await doc.update((d) => void d.items.push(item("c")));
    expect((await open()).data.items.map((x) => x.id)).toEqual(["a", "b", "c"]);
  });

  it("sealed: neither snapshot nor journal holds the content, and a line moved to another position does not open", async () => {
    const canary = `CANARY-${randomBytes(6).toString("hex")}`;
    const doc = await open(true);
    await doc.update((d) => void d.items.push(item("a", canary)));
    await doc.update((d) => void d.items.push(item("b", canary)));
    await doc.update((d) => void d.items.push(item("c", canary)));
    for (const f of [file, journalFile()]) expect((await readFile(f)).toString("utf8")).not.toContain(canary);
    expect((await open(true)).data.items.map((x) => x.text)).toEqual([canary, canary, canary]);
    const [header, first, second] = (await readFile(journalFile(), "utf8")).trim().split("\n");
    await writeFile(journalFile(), `${header}\n${second}\n${first}\n`);
    await expect(open(true)).rejects.toThrow(/damaged at line 1/);
  });

  it("an erasing update leaves nothing of earlier states on disk (retention, a deleted draft)", async () => {
    const canary = `ERASED-${randomBytes(6).toString("hex")}`;
    const doc = await open();
    await doc.update((d) => void d.items.push(item("keep")));
    await doc.update((d) => void d.items.push(item("gone", canary)));
    await doc.update((d) => void d.items.push(item("later")));
    const onDisk = async () => (await readFile(file, "utf8")) + (await readFile(journalFile(), "utf8"));
    // An ordinary update leaves the journal line that added it…
    await doc.update((d) => void (d.items = d.items.filter((x) => x.id !== "gone")));
    expect(await onDisk()).toContain(canary);
    // …an erasing one does not.
    await doc.update((d) => void (d.name = "erased"), { erase: true });
    expect(await onDisk()).not.toContain(canary);
    expect((await open()).data).toEqual(doc.data);
  });

  it("openSealedJournal (restore's check) opens every line in its place, and refuses a journal moved or reordered", async () => {
    const doc = await open(true);
    await doc.update((d) => void d.items.push(item("a")));
    await doc.update((d) => void d.items.push(item("b")));
    await doc.update((d) => void d.items.push(item("c")));
    const text = await readFile(journalFile(), "utf8");
    expect(openSealedJournal(sealer, place, text).map((l) => JSON.parse(l) as unknown)).toHaveLength(2);
    expect(() => openSealedJournal(sealer, "tables/t2/table.json", text)).toThrow();
    const [header, first, second] = text.trim().split("\n");
    expect(() => openSealedJournal(sealer, place, `${header}\n${second}\n${first}\n`)).toThrow();
    expect(() => openSealedJournal(sealer, place, `${first}\n`)).toThrow(/no header/);
  });

  it("a fold that fails after its snapshot reached the disk is done again by the next write: nothing acknowledged is lost", async () => {
    const doc = await open();
    await doc.update((d) => void d.items.push(item("a")));
    await doc.update((d) => void d.items.push(item("b")));
    const adapter = (doc as unknown as { low: { adapter: { writeSnapshot: (b: Uint8Array) => Promise<void> } } }).low.adapter;
    const real = adapter.writeSnapshot.bind(adapter);
    adapter.writeSnapshot = async (bytes) => {
      await real(bytes); // renamed into place, then the directory's fsync "fails"
      throw new Error("EIO: fsync of the directory failed");
    };
    await expect(doc.update((d) => void (d.name = "erased"), { erase: true })).rejects.toThrow("EIO");
    adapter.writeSnapshot = real;
    await doc.update((d) => void d.items.push(item("acknowledged")));
    const again = await open();
    expect(again.data).toEqual(doc.data);
    expect(again.data.items.map((x) => x.id)).toEqual(["a", "b", "acknowledged"]);
    expect(again.data.name).toBe("");
  });
});
