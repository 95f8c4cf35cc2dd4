// When the log first recorded each step of a fragment's way to a recipient: sent,
// delivered, opened. The author sees these per recipient on every release answer and
// on their list of fragments, and the DPO's disclosure report lists them; reading them
// from a scan of the whole log made every release cost more as the table's history grew.
// Kept by TableLog from durable entries only, so a step shows once it is in the log.
import type { LogEntry } from "./entries.js";

export type ReceiptStep = "fragment-sent" | "fragment-delivered" | "fragment-opened";

const key = (step: ReceiptStep, fragment: string, recipient: string) => `${step}\u0000${fragment}\u0000${recipient}`;

export class ReceiptTimes {
  private readonly first = new Map<string, string>();

  static of(entries: readonly LogEntry[]): ReceiptTimes {
    const times = new ReceiptTimes();
    for (const e of entries) times.add(e);
    return times;
  }

  add(e: LogEntry): void {
    if (e.type !== "fragment-sent" && e.type !== "fragment-delivered" && e.type !== "fragment-opened") return;
    const k = key(e.type, e.fragment, e.recipient);
    if (!this.first.has(k)) this.first.set(k, e.at);
  }

  /** The time of the first entry of this step for this fragment and recipient, if any. */
  firstAt(step: ReceiptStep, fragment: string, recipient: string): string | undefined {
    return this.first.get(key(step, fragment, recipient));
  }
}
