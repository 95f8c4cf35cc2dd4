// Several notifiers as one: a command's side effects reach every channel (socket.io
// and the Yjs collaboration server). Each is called even if another throws, so that an
// ended access is never left open on one channel because another failed.
import type { Logger } from "../logger.js";
import type { Notifier } from "./context.js";

export function fanOutNotifier(notifiers: readonly Notifier[], logger: Logger): Notifier {
  const each = (what: keyof Notifier, call: (n: Notifier) => void) => {
    for (const n of notifiers) {
      try {
        call(n);
      } catch (err) {
        logger.error(`notifier: ${what} failed (${err instanceof Error ? err.name : "error"})`);
      }
    }
  };
  return {
    fragmentReleased: (tableId, fragmentId, recipientIds) =>
      each("fragmentReleased", (n) => n.fragmentReleased(tableId, fragmentId, recipientIds)),
    fragmentRevoked: (tableId, fragmentId, recipientIds) =>
      each("fragmentRevoked", (n) => n.fragmentRevoked(tableId, fragmentId, recipientIds)),
    tableChanged: (tableId, topics) => each("tableChanged", (n) => n.tableChanged(tableId, topics)),
    accessEnded: (tableId, accountId) => each("accessEnded", (n) => n.accessEnded(tableId, accountId)),
    sessionEnded: (sessionId) => each("sessionEnded", (n) => n.sessionEnded(sessionId)),
  };
}
