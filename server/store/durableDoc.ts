// One lowdb document with all-or-nothing updates and group commit.
//
// A mutation runs on an immer draft of the committed state and yields a new state that
// shares every part it did not change (structuredClone of the whole document per update
// was, with a few hundred fragments at a table, a large share of a release's CPU). A
// mutation that throws (bad input found late, a refused policy) leaves no trace; the
// others of its group are unaffected.
//
// Group commit: updates asked for while a write is on its way are applied in order, each
// on the state the one before it produced, and written together once that write is done
// (tafel.json took one full rewrite per update, one after another: fifty tables' first
// releases in the same second queued for most of a second). Readers keep seeing the
// committed state until the write that covers their update is on disk; a failed write
// rejects every update it carried and changes nothing.
//
// The committed state is deeply frozen: a change outside `update` throws instead of
// silently skipping the disk (and the indexes built on a committed state, globalIndex.ts).
import { Low, type Adapter } from "lowdb";
import { current, freeze, Immer, isDraft } from "immer";
import { DurableJSONFile, type Sealing } from "./durableFile.js";

const immer = new Immer({ autoFreeze: true });

/** A lowdb adapter that may keep old states on disk (a journal) unless told to write whole. */
export interface DocAdapter<T> extends Adapter<T> {
  /** Writes the state so that nothing of earlier states remains in the files (erasure). */
  writeWhole?(data: T): Promise<void>;
}

export interface UpdateOptions {
  /**
   * The update erases content (retention, a deleted draft): no earlier state may remain
   * on disk once it is acknowledged, so a journaled document is rewritten whole.
   */
  erase?: boolean;
}

interface Pending<T> {
  mutate: (draft: T) => unknown;
  erase: boolean;
  resolve: (result: unknown) => void;
  reject: (err: unknown) => void;
}

/** A mutation's result, with any part of the draft in it copied out (drafts end with the update). */
function undraft(value: unknown): unknown {
  if (isDraft(value)) return current(value);
  if (Array.isArray(value)) return value.map(undraft);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, undraft(v)]));
  }
  return value;
}

export class DurableDoc<T> {
  private readonly low: Low<T>;
  private readonly adapter: DocAdapter<T>;
  private queue: Pending<T>[] = [];
  private writing = false;

  private constructor(adapter: DocAdapter<T>, defaults: T) {
    this.adapter = adapter;
    this.low = new Low<T>(adapter, defaults);
  }

  /** A document rewritten whole on every write (tafel.json). */
  static open<T>(file: string, defaults: T, sealing?: Sealing): Promise<DurableDoc<T>> {
    return DurableDoc.using(new DurableJSONFile<T>(file, sealing), defaults);
  }

  /** A document on any durable adapter (a table's snapshot and journal: journaledFile.ts). */
  static async using<T>(adapter: DocAdapter<T>, defaults: T): Promise<DurableDoc<T>> {
    const doc = new DurableDoc<T>(adapter, defaults);
    await doc.low.read();
    doc.low.data = freeze(doc.low.data, true);
    return doc;
  }

  /** Current state. Read-only (frozen): change it only through `update`. */
  get data(): Readonly<T> {
    return this.low.data;
  }

  update<R>(mutate: (draft: T) => R, options: UpdateOptions = {}): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ mutate, erase: options.erase === true, resolve: resolve as (r: unknown) => void, reject });
      if (!this.writing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) {
      const group = this.queue;
      this.queue = [];
      let state = this.low.data;
      const applied: { pending: Pending<T>; result: unknown }[] = [];
      for (const pending of group) {
        try {
          let result: unknown;
          // The recipe returns nothing: immer would take a returned value as the new state.
          state = immer.produce(state, (draft) => {
            result = undraft(pending.mutate(draft as T));
          });
          applied.push({ pending, result });
        } catch (err) {
          pending.reject(err);
        }
      }
      if (applied.length === 0) continue;
      try {
        const whole = applied.some((a) => a.pending.erase) && this.adapter.writeWhole;
        if (whole) await whole.call(this.adapter, state);
        else if (state !== this.low.data) await this.adapter.write(state);
      } catch (err) {
        for (const a of applied) a.pending.reject(err);
        continue;
      }
      this.low.data = state;
      for (const a of applied) a.pending.resolve(a.result);
    }
    this.writing = false;
  }
}
