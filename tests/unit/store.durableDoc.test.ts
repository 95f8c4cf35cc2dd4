// store/durableDoc.ts: all-or-nothing, serialised, durable updates of one JSON document.
import { readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DurableDoc } from "../../server/store/durableDoc.js";
import { tempDir } from "./fixtures.js";

interface Doc {
  n: number;
  items: string[];
  nested: { log: number[] };
}
const defaults = (): Doc => ({ n: 0, items: [], nested: { log: [] } });

let dir: string;
let file: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir("durabledoc"));
  file = path.join(dir, "doc.json");
});
afterEach(() => cleanup());

const onDisk = async (): Promise<unknown> => JSON.parse(await readFile(file, "utf8"));

describe("DurableDoc.open", () => {
  it("starts from the defaults when there is no file, and creates none until the first update", async () => {
    const doc = await DurableDoc.open<Doc>(file, defaults());
    expect(doc.data).toEqual(defaults());
    await expect(stat(file)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("reads what is on disk instead of the defaults", async () => {
    await writeFile(file, JSON.stringify({ n: 7, items: ["a"], nested: { log: [1] } }));
    const doc = await DurableDoc.open<Doc>(file, defaults());
    expect(doc.data).toEqual({ n: 7, items: ["a"], nested: { log: [1] } });
  });
});

describe("DurableDoc.update", () => {
  it("applies the mutation, returns its result, and writes valid JSON equal to the data after every update", async () => {
    const doc = await DurableDoc.open<Doc>(file, defaults());
    for (let i = 1; i <= 5; i += 1) {
      const result = await doc.update((d) => {
        d.n += 1;
        d.items.push(`item-${i}`);
        return d.items.length;
      });
      expect(result).toBe(i);
      expect(await onDisk()).toEqual(doc.data);
    }
    expect(doc.data.n).toBe(5);
  });

  it("runs the mutation on a copy: a snapshot taken before stays as it was", async () => {
    const doc = await DurableDoc.open<Doc>(file, defaults());
    const before = doc.data;
    await doc.update((d) => {
      d.nested.log.push(1);
      d.n = 1;
    });
    expect(before).toEqual(defaults());
    expect(doc.data.nested.log).toEqual([1]);
  });

  it("a mutation that throws leaves the data and the file unchanged (even after partial changes)", async () => {
    const doc = await DurableDoc.open<Doc>(file, defaults());
    await doc.update((d) => {
      d.items.push("committed");
    });
    const fileBefore = await readFile(file, "utf8");
    const dataBefore = doc.data;
    const boom = new Error("refused late");

    await expect(
      doc.update((d) => {
        d.n = 99;
        d.items.push("half-done");
        d.nested.log.push(42);
        throw boom;
      }),
    ).rejects.toBe(boom);

    expect(doc.data).toBe(dataBefore);
    expect(doc.data).toEqual({ n: 0, items: ["committed"], nested: { log: [] } });
    expect(await readFile(file, "utf8")).toBe(fileBefore);
    // And the document still works afterwards (the lock was released).
    await doc.update((d) => {
      d.n = 1;
    });
    expect(await onDisk()).toEqual({ n: 1, items: ["committed"], nested: { log: [] } });
  });

  it("a write that fails leaves the in-memory data unchanged", async () => {
    const sub = path.join(dir, "sub");
    const subFile = path.join(sub, "doc.json");
    const doc = await DurableDoc.open<Doc>(subFile, defaults());
    await doc.update((d) => {
      d.n = 1;
    });
    // Make the directory unusable (works as root too): replace it with a plain file.
    await rm(sub, { recursive: true });
    await writeFile(sub, "not a directory");
    await expect(
      doc.update((d) => {
        d.n = 2;
      }),
    ).rejects.toThrow();
    expect(doc.data.n).toBe(1);
  });

  it("serialises concurrent updates: no lost update, in call order", async () => {
    const doc = await DurableDoc.open<Doc>(file, defaults());
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        doc.update((d) => {
          d.n += 1; // read-modify-write: lost updates would show as n < 40
          d.nested.log.push(i);
          return d.n;
        }),
      ),
    );
    expect(doc.data.n).toBe(40);
    expect(doc.data.nested.log).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(results).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await onDisk()).toEqual(doc.data);
  });

  it("readers keep seeing the committed state until the write has finished", async () => {
    const doc = await DurableDoc.open<Doc>(file, defaults());
    const pending = doc.update((d) => {
      d.n = 5;
    });
    expect(doc.data.n).toBe(0);
    await pending;
    expect(doc.data.n).toBe(5);
  });

  it("a new DurableDoc.open on the same file reads everything acknowledged", async () => {
    const doc = await DurableDoc.open<Doc>(file, defaults());
    await Promise.all(["a", "b", "c"].map((s) => doc.update((d) => void d.items.push(s))));
    const again = await DurableDoc.open<Doc>(file, defaults());
    expect(again.data).toEqual(doc.data);
    expect(again.data.items).toEqual(["a", "b", "c"]);
  });

  it("leaves no temporary files behind and keeps the file private (0600)", async () => {
    const doc = await DurableDoc.open<Doc>(file, defaults());
    await Promise.all(Array.from({ length: 5 }, () => doc.update((d) => void (d.n += 1))));
    expect(await readdir(dir)).toEqual(["doc.json"]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it("creates a missing parent directory on first write", async () => {
    const deep = path.join(dir, "a", "b", "doc.json");
    const doc = await DurableDoc.open<Doc>(deep, defaults());
    await doc.update((d) => void (d.n = 3));
    expect(JSON.parse(await readFile(deep, "utf8"))).toMatchObject({ n: 3 });
  });
});
