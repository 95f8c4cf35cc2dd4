// Why the collaboration server closed a connection, as a key of `collab.close`.
import { COLLAB_CLOSE_REASON, type CollabCloseCode } from "../../../shared/collab";
import type { Resources } from "../i18n/en";

export type CloseReason = keyof Resources["collab"]["close"];

const KNOWN = new Set<string>(Object.values(COLLAB_CLOSE_REASON));

function isCloseCode(code: number): code is CollabCloseCode {
  return code in COLLAB_CLOSE_REASON;
}

export function closeReason(code: number): CloseReason {
  // The WebSocket layer cuts frames over the transport cap with 1009: same as 4413.
  if (code === 1009) return "message-too-large";
  if (!isCloseCode(code)) return "unknown";
  const reason = COLLAB_CLOSE_REASON[code];
  return KNOWN.has(reason) ? (reason as CloseReason) : "unknown";
}

/** 4400–4499 mirror HTTP 4xx: reconnecting by itself cannot help. */
export function isFinalClose(code: number): boolean {
  return code >= 4400 && code < 4500;
}
