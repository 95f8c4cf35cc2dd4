// The deliveries of one table's log, indexed by delivery id: receipts ("delivered",
// "opened") are looked up by id for every acknowledgement, and a scan of the whole log
// per receipt grows with the table's history. Kept in memory, rebuilt from the log on
// load, and fed every entry as it is staged for writing (so a receipt staged but not yet
// on disk is not logged twice).
import type { LogEntry } from "./entries.js";
import { PairMap } from "./pairMap.js";

export interface SentDelivery {
  fragment: string;
  recipient: string;
}

export class DeliveryIndex {
  private readonly sentById = new Map<string, SentDelivery>();
  private readonly deliveredIds = new Set<string>();
  /** fragment × recipient pairs that content was sent to / that were opened. */
  private readonly sentPairs = new PairMap<true>();
  private readonly openedPairs = new PairMap<true>();

  static of(entries: readonly LogEntry[]): DeliveryIndex {
    const index = new DeliveryIndex();
    for (const e of entries) index.add(e);
    return index;
  }

  add(e: LogEntry): void {
    if (e.type === "fragment-sent") {
      this.sentById.set(e.delivery, { fragment: e.fragment, recipient: e.recipient });
      this.sentPairs.set(e.fragment, e.recipient, true);
    } else if (e.type === "fragment-delivered") {
      this.deliveredIds.add(e.delivery);
    } else if (e.type === "fragment-opened") {
      this.openedPairs.set(e.fragment, e.recipient, true);
    }
  }

  /** The `fragment-sent` entry of this delivery, if the server made it. */
  sent(deliveryId: string): SentDelivery | undefined {
    return this.sentById.get(deliveryId);
  }

  isDelivered(deliveryId: string): boolean {
    return this.deliveredIds.has(deliveryId);
  }

  /** Whether content of this fragment was ever sent to this recipient (copies may exist). */
  wasSent(fragment: string, recipient: string): boolean {
    return this.sentPairs.has(fragment, recipient);
  }

  wasOpened(fragment: string, recipient: string): boolean {
    return this.openedPairs.has(fragment, recipient);
  }
}
