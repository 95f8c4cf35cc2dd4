// A map keyed by a pair of ids (fragment × recipient), as two levels of Map.
//
// The log's indexes (deliveryIndex.ts, receiptTimes.ts) are fed every entry appended, a
// dozen per release. Keying them by a concatenated string made a new 73-character
// string per entry and hashed it, which showed in the log append's CPU and garbage
// collection (bench/RESULTS.md); ids are hashed once per string and looked up as they are.
export class PairMap<V> {
  private readonly outer = new Map<string, Map<string, V>>();

  get(a: string, b: string): V | undefined {
    return this.outer.get(a)?.get(b);
  }

  has(a: string, b: string): boolean {
    return this.outer.get(a)?.has(b) ?? false;
  }

  set(a: string, b: string, value: V): void {
    let inner = this.outer.get(a);
    if (!inner) {
      inner = new Map();
      this.outer.set(a, inner);
    }
    inner.set(b, value);
  }

  /** Sets the value only if the pair has none yet (the first one is kept). */
  setFirst(a: string, b: string, value: V): void {
    if (!this.has(a, b)) this.set(a, b, value);
  }
}
