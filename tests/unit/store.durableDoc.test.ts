// store/durableDoc.ts: all-or-nothing, serialised, durable updates of one JSON document,
// group-committed (updates asked for during a write share the next one).
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

describe("DurableDoc group commit", () => {
  /** Counts the writes that reach the disk (each is a new file renamed into place). */
  const countWrites = async (doc: DurableDoc<Doc>, run: () => Promise<unknown>) => {
    let writes = 0;
    const adapter = (doc as unknown as { low: { adapter: { write: (d: Doc) => Promise<void> } } }).low.adapter;
    const write = adapter.write.bind(adapter);
    adapter.write = async (d) => {
      writes += 1;
      await write(d);
    };
    await run();
    adapter.write = write;
    return writes;
  };

  it("updates asked for during a write share the next write, each applied on the one before", async () => {
    const doc = await DurableDoc.open<Doc>(file, defaults());
    const writes = await countWrites(doc, () =>
      Promise.all(Array.from({ length: 30 }, (_, i) => doc.update((d) => void d.items.push(`u${i}`)))),
    );
    expect(doc.data.items).toEqual(Array.from({ length: 30 }, (_, i) => `u${i}`));
    // The first goes alone; the 29 queued behind it go in one write.
    expect(writes).toBe(2);
    expect(await onDisk()).toEqual(doc.data);
  });

  it("a mutation that throws in a group leaves no trace, and the others of the group are written", async () => {
    const doc = await DurableDoc.open<Doc>(file, defaults());
    const boom = new Error("refused late");
    const outcomes = await Promise.allSettled([
      doc.update((d) => void d.items.push("first")),
      doc.update((d) => void d.items.push("second")),
      doc.update((d) => {
        d.items.push("half-done");
        d.n = 99;
        throw boom;
      }),
      doc.update((d) => {
        d.items.push("third");
        return d.items.length;
      }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect((outcomes[3] as PromiseFulfilledResult<number>).value).toBe(3);
    expect(doc.data).toEqual({ n: 0, items: ["first", "second", "third"], nested: { log: [] } });
    expect(await onDisk()).toEqual(doc.data);
  });

  it("a failed write rejects every update it carried; none is seen, then the next write works", async () => {
    const doc = await DurableDoc.open<Doc>(file, defaults());
    await doc.update((d) => void (d.n = 1));
    const adapter = (doc as unknown as { low: { adapter: { write: (d: Doc) => Promise<void> } } }).low.adapter;
    const write = adapter.write.bind(adapter);
    adapter.write = () => Promise.reject(new Error("EIO: write failed"));
    const group = await Promise.allSettled([doc.update((d) => void (d.n = 2)), doc.update((d) => void d.items.push("x"))]);
    expect(group.map((o) => o.status)).toEqual(["rejected", "rejected"]);
    expect(doc.data).toEqual({ n: 1, items: [], nested: { log: [] } });
    adapter.write = write;
    await doc.update((d) => void d.items.push("after"));
    expect(await onDisk()).toEqual({ n: 1, items: ["after"], nested: { log: [] } });
  });

  it("a mutation's result may hold parts of the draft: they are usable after the update", async () => {
    const doc = await DurableDoc.open<Doc>(file, defaults());
    const result = await doc.update((d) => {
      d.nested.log.push(7);
      return { nested: d.nested, list: [d.nested] };
    });
    expect(result.nested.log).toEqual([7]);
    expect(result.list[0]?.log).toEqual([7]);
  });

  it("the committed state is frozen: a change outside update throws instead of skipping the disk", async () => {
    await writeFile(file, JSON.stringify({ n: 1, items: ["on disk"], nested: { log: [] } }));
    const doc = await DurableDoc.open<Doc>(file, defaults());
    expect(() => (doc.data as Doc).items.push("sneaked")).toThrow(TypeError);
    await doc.update((d) => void (d.n = 2));
    expect(() => ((doc.data as Doc).nested.log as number[]).push(1)).toThrow(TypeError);
    expect(() => ((doc.data as Doc).n = 3)).toThrow(TypeError);
  });

  it("an update that changes nothing writes nothing", async () => {
    const doc = await DurableDoc.open<Doc>(file, defaults());
    await doc.update((d) => void (d.n = 1));
    const writes = await countWrites(doc, () => doc.update((d) => d.n));
    expect(writes).toBe(0);
  });
});
