// The Yjs collaboration protocol (WebSocket on /collab/<docName>), written once for
// both sides, after Outline's CloseEvents: the document names, the limits and the close
// codes the server ends a connection with.
//
// Only single-audience documents exist (design: "Yjs carries only single-audience
// documents"): a table's board (every active participant) and one notebook per
// participant (that person only, on all their devices). Fragment bodies never enter a
// Y.Doc; the board may hold fragment ids.
//
// Frames are y-protocols messages, as y-websocket sends them: a varUint message type
// (COLLAB_MESSAGE) followed by its body. Close codes are in 4400–4499, which
// y-websocket (≥ 3.1) treats as final: it stops reconnecting and emits `closed`.

export const COLLAB_PATH = "/collab";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const DOC_NAME = new RegExp(`^table/(${UUID})/(?:(board)|notebook/(${UUID}))$`);

export type CollabDocName =
  | { kind: "board"; tableId: string }
  | { kind: "notebook"; tableId: string; ownerId: string };

export function boardDocName(tableId: string): string {
  return `table/${tableId}/board`;
}

export function notebookDocName(tableId: string, ownerId: string): string {
  return `table/${tableId}/notebook/${ownerId}`;
}

export function formatDocName(doc: CollabDocName): string {
  return doc.kind === "board" ? boardDocName(doc.tableId) : notebookDocName(doc.tableId, doc.ownerId);
}

/** Strict: lower-case uuids, exactly these two shapes; anything else is no document. */
export function parseDocName(name: string): CollabDocName | null {
  const m = DOC_NAME.exec(name);
  if (!m) return null;
  const tableId = m[1] as string;
  if (m[2] === "board") return { kind: "board", tableId };
  return { kind: "notebook", tableId, ownerId: m[3] as string };
}

/** The document named by an upgrade request's path (`/collab/<docName>`, query ignored). */
export function docNameFromPath(url: string | undefined): CollabDocName | null {
  if (!url) return null;
  const pathOnly = url.split("?", 1)[0] ?? "";
  const prefix = `${COLLAB_PATH}/`;
  return pathOnly.startsWith(prefix) ? parseDocName(pathOnly.slice(prefix.length)) : null;
}

/**
 * Why the server closed a connection. 4400–4499 mirror HTTP 4xx: reconnecting cannot
 * help. 1011 (internal error) and 1001 (server going away) are transient: reconnect.
 * A frame over the transport cap (COLLAB_LIMITS.transportBytes) is cut by the WebSocket
 * layer itself with 1009; treat it like 4413.
 */
export const COLLAB_CLOSE = {
  /** A frame that is not a well-formed y-protocols message of a type we accept. */
  badMessage: 4400,
  /** No valid session cookie on the upgrade, or the session ended or expired. */
  notSignedIn: 4401,
  /** Not allowed to open this document, or access ended (removed from the table). */
  forbidden: 4403,
  /** No such document: a malformed name, or a table the person was never at. */
  unknownDocument: 4404,
  /** The upgrade's Origin is not one of Tafel's own (cross-site WebSocket hijacking). */
  badOrigin: 4408,
  /** A message over COLLAB_LIMITS.messageBytes. */
  messageTooLarge: 4413,
  /** A change sent on a read-only connection (e.g. a board frozen as final minutes). */
  readOnly: 4423,
  /** More messages than the rate limit allows. */
  tooManyMessages: 4429,
  /** Something failed on the server (e.g. a write); the document was not changed by it. */
  serverError: 1011,
  /** The server is shutting down. */
  goingAway: 1001,
} as const;
export type CollabCloseCode = (typeof COLLAB_CLOSE)[keyof typeof COLLAB_CLOSE];

/** The close reason sent with each code: a short key the client maps to a sentence. */
export const COLLAB_CLOSE_REASON: Record<CollabCloseCode, string> = {
  4400: "bad-message",
  4401: "not-signed-in",
  4403: "forbidden",
  4404: "unknown-document",
  4408: "bad-origin",
  4413: "message-too-large",
  4423: "read-only",
  4429: "too-many-messages",
  1011: "server-error",
  1001: "going-away",
};

export const COLLAB_LIMITS = {
  /** Largest message the server accepts (an update, an awareness state, …). */
  messageBytes: 256 * 1024,
  /** Frames above this are cut by the WebSocket layer (close 1009) before being buffered. */
  transportBytes: 1024 * 1024,
  /** Token bucket per connection: sustained messages per second, and burst. */
  messagesPerSecond: 50,
  messageBurst: 200,
} as const;

/** y-websocket's message types (the first varUint of every frame). */
export const COLLAB_MESSAGE = {
  sync: 0,
  awareness: 1,
  /** y-protocols auth; the server never accepts it from a client (close codes instead). */
  auth: 2,
  queryAwareness: 3,
} as const;

/**
 * The identity the server writes into every awareness state (`state.user`), from the
 * signed-in account; whatever a client put there is replaced. `color` is the only field
 * a client chooses (a #rrggbb colour for its cursor).
 */
export interface CollabUser {
  id: string;
  name: string;
  organisation: string;
  color?: string;
}
