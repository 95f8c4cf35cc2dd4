// One lowdb document with all-or-nothing updates: a mutation runs on a copy, the copy
// is written durably, and only then becomes the document. A mutation that throws (bad
// input found late, a refused policy) or a write that fails leaves no trace.
import { Low } from "lowdb";
import { Mutex } from "async-mutex";
import { DurableJSONFile } from "./durableFile.js";
import type { Sealer } from "./sealer.js";

export class DurableDoc<T> {
  private readonly low: Low<T>;
  private readonly mutex = new Mutex();

  private constructor(file: string, defaults: T, sealing?: { sealer: Sealer; place: string }) {
    this.low = new Low<T>(new DurableJSONFile<T>(file, sealing), defaults);
  }

  static async open<T>(file: string, defaults: T, sealing?: { sealer: Sealer; place: string }): Promise<DurableDoc<T>> {
    const doc = new DurableDoc<T>(file, defaults, sealing);
    await doc.low.read();
    return doc;
  }

  /** Current state. Treat as read-only: change it only through `update`. */
  get data(): Readonly<T> {
    return this.low.data;
  }

  async update<R>(mutate: (draft: T) => R): Promise<R> {
    return this.mutex.runExclusive(async () => {
      const draft = structuredClone(this.low.data);
      const result = mutate(draft);
      // Readers keep seeing the committed state until the write is on disk.
      await this.low.adapter.write(draft);
      this.low.data = draft;
      return result;
    });
  }
}
