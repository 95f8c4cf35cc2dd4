// The socket.io connection on /realtime, one per signed-in member and page load.
// The client never names a room: it asks to open a table and the server decides.
// Received fragments are handed to the caller and kept in memory only.
import { io, type Socket } from "socket.io-client";
import {
  PROTOCOL_VERSION,
  REALTIME_PATH,
  type ChangeTopic,
  type ClientToServerEvents,
  type FragmentDeliverPayload,
  type Refusal,
  type ServerToClientEvents,
} from "../../../shared/protocol";
import { localiseRefusal } from "../format/apiError";

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type ConnectionStatus =
  | { kind: "connecting" }
  | { kind: "live" }
  | { kind: "offline" }
  | { kind: "refused"; message: string };

export interface TableHandlers {
  /** The table is (re)opened; the server re-delivers everything still released to me. */
  onOpen(): void;
  onDeliver(payload: FragmentDeliverPayload): void;
  onRevoked(fragmentId: string): void;
  onChanged(topics: ChangeTopic[]): void;
  onAccessEnded(refusal: Refusal): void;
  onStatus(status: ConnectionStatus): void;
}

let socket: RealtimeSocket | null = null;

/** The shared connection, created on first use (administrators never use it). */
export function realtime(): RealtimeSocket {
  socket ??= io({ path: REALTIME_PATH, transports: ["websocket"], withCredentials: true });
  return socket;
}

/** Ends the connection (sign out, session ended); the next `realtime()` opens a fresh one. */
export function closeRealtime(): void {
  if (!socket) return;
  socket.removeAllListeners();
  socket.disconnect();
  socket = null;
}

/** The server ended the session: by `session:ended`, or by refusing the handshake. */
export function onSessionEnded(handler: () => void): () => void {
  const s = realtime();
  const listener = () => handler();
  const refused = (err: Error) => {
    if (err.message === "not-signed-in") handler();
  };
  s.on("session:ended", listener);
  s.on("connect_error", refused);
  return () => {
    s.off("session:ended", listener);
    s.off("connect_error", refused);
  };
}

/** The server closed the connection for sending too many events (`socket:rate-limited`). */
export function onRateLimited(handler: () => void): () => void {
  const s = realtime();
  const listener = () => handler();
  s.on("socket:rate-limited", listener);
  return () => {
    s.off("socket:rate-limited", listener);
  };
}

/**
 * Opens a table on the connection (again after every reconnect) and routes the events
 * for that table to `handlers`. Returns a function that closes the table.
 */
export function openTable(tableId: string, handlers: TableHandlers): () => void {
  const s = realtime();
  let closed = false;

  const open = () => {
    handlers.onStatus({ kind: "connecting" });
    handlers.onOpen();
    s.emit("table:open", { v: PROTOCOL_VERSION, tableId }, (reply) => {
      if (closed) return;
      handlers.onStatus(reply.ok ? { kind: "live" } : { kind: "refused", message: localiseRefusal(reply.refusal, reply.message) });
    });
  };
  const onDisconnect = () => handlers.onStatus({ kind: "offline" });
  const onConnectError = () => handlers.onStatus({ kind: "offline" });
  const onDeliver: ServerToClientEvents["fragment:deliver"] = (payload, ack) => {
    // The receipt first: "delivered to device" means this handler ran, nothing more.
    ack({ deliveryId: payload.deliveryId });
    if (payload.v !== PROTOCOL_VERSION || payload.fragment.tableId !== tableId) return;
    handlers.onDeliver(payload);
  };
  const onRevoked: ServerToClientEvents["fragment:revoked"] = (payload) => {
    if (payload.tableId === tableId) handlers.onRevoked(payload.fragmentId);
  };
  const onChanged: ServerToClientEvents["table:changed"] = (payload) => {
    if (payload.tableId === tableId) handlers.onChanged(payload.topics);
  };
  const onAccessEnded: ServerToClientEvents["table:access-ended"] = (payload) => {
    if (payload.tableId === tableId) handlers.onAccessEnded(payload.refusal);
  };

  s.on("connect", open);
  s.on("disconnect", onDisconnect);
  s.on("connect_error", onConnectError);
  s.on("fragment:deliver", onDeliver);
  s.on("fragment:revoked", onRevoked);
  s.on("table:changed", onChanged);
  s.on("table:access-ended", onAccessEnded);
  if (s.connected) open();
  else handlers.onStatus({ kind: "connecting" });

  return () => {
    closed = true;
    s.off("connect", open);
    s.off("disconnect", onDisconnect);
    s.off("connect_error", onConnectError);
    s.off("fragment:deliver", onDeliver);
    s.off("fragment:revoked", onRevoked);
    s.off("table:changed", onChanged);
    s.off("table:access-ended", onAccessEnded);
    if (s.connected) s.emit("table:close", { v: PROTOCOL_VERSION, tableId }, () => {});
  };
}

/** Fragments reported as opened during this page load: "opened" is sent once per fragment. */
const reportedOpened = new Set<string>();

export function reportOpened(tableId: string, fragmentId: string, deliveryId: string): void {
  const key = `${tableId}/${fragmentId}`;
  if (reportedOpened.has(key)) return;
  const s = realtime();
  if (!s.connected) return; // tried again the next time the fragment is shown
  reportedOpened.add(key);
  s.emit("fragment:opened", { v: PROTOCOL_VERSION, tableId, fragmentId, deliveryId }, (reply) => {
    // An unknown delivery (e.g. superseded by a re-delivery) may be reported again.
    if (!reply.ok) reportedOpened.delete(key);
  });
}
