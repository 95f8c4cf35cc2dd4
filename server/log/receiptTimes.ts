// When the log first recorded each step of a fragment's way to a recipient: sent,
// delivered, opened. The author sees these per recipient on every release answer and
// on their list of fragments, and the DPO's disclosure report lists them; reading them
// from a scan of the whole log made every release cost more as the table's history grew.
// Kept by TableLog from durable entries only, so a step shows once it is in the log.
import type { LogEntry } from "./entries.js";
import { PairMap } from "./pairMap.js";

export type ReceiptStep = "fragment-sent" | "fragment-delivered" | "fragment-opened";

export class ReceiptTimes {
  /** Per step: fragment × recipient → the time of the first entry. */
  private readonly first: Record<ReceiptStep, PairMap<string>> = {
    "fragment-sent": new PairMap(),
    "fragment-delivered": new PairMap(),
    "fragment-opened": new PairMap(),
  };

  static of(entries: readonly LogEntry[]): ReceiptTimes {
    const times = new ReceiptTimes();
    for (const e of entries) times.add(e);
    return times;
  }

  add(e: LogEntry): void {
    if (e.type !== "fragment-sent" && e.type !== "fragment-delivered" && e.type !== "fragment-opened") return;
    this.first[e.type].setFirst(e.fragment, e.recipient, e.at);
  }

  /** The time of the first entry of this step for this fragment and recipient, if any. */
  firstAt(step: ReceiptStep, fragment: string, recipient: string): string | undefined {
    return this.first[step].get(fragment, recipient);
  }
}
