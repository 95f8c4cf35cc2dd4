// Questions asked of a table's log entries by more than one command.
import type { LogEntry } from "./entries.js";

/** Whether content of this fragment was ever sent to this recipient (copies may exist). */
export function wasSent(entries: readonly LogEntry[], fragmentId: string, recipientId: string): boolean {
  return entries.some((e) => e.type === "fragment-sent" && e.fragment === fragmentId && e.recipient === recipientId);
}
