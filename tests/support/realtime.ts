// A socket.io client as a browser would open it, recording every raw frame it receives.
// By default it acknowledges deliveries like the real client; tests can turn that off.
import { io, type Socket } from "socket.io-client";
import {
  PROTOCOL_VERSION,
  REALTIME_PATH,
  type ClientToServerEvents,
  type FragmentDeliverPayload,
  type Reply,
  type ServerToClientEvents,
} from "../../shared/protocol.js";
import type { ApiClient } from "./api.js";

export type TafelClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface RecordingSocket {
  socket: TafelClientSocket;
  /** Every engine.io packet received, serialised: what an attacker on this socket saw. */
  frames: string[];
  deliveries: FragmentDeliverPayload[];
  /** Delivery ids this socket acknowledged (the server logs each receipt when the ack arrives). */
  acked: string[];
  events: { name: string; payload: unknown }[];
  openTable(tableId: string): Promise<Reply>;
  close(): void;
}

export function connect(
  client: ApiClient,
  options: { origin?: string; cookie?: string | null; ack?: boolean } = {},
): Promise<RecordingSocket> {
  const headers: Record<string, string> = { origin: options.origin ?? client.origin };
  const cookie = options.cookie === undefined ? client.cookie : options.cookie;
  if (cookie) headers.cookie = cookie;
  const socket: TafelClientSocket = io(client.server.url, {
    path: REALTIME_PATH,
    transports: ["websocket"],
    extraHeaders: headers,
    reconnection: false,
    forceNew: true,
  });
  const frames: string[] = [];
  const deliveries: FragmentDeliverPayload[] = [];
  const acked: string[] = [];
  const events: { name: string; payload: unknown }[] = [];
  socket.io.on("open", () => {
    socket.io.engine.on("packet", (packet: { type: string; data?: unknown }) => frames.push(JSON.stringify(packet)));
  });
  socket.on("fragment:deliver", (payload, ack) => {
    deliveries.push(payload);
    if (options.ack !== false) {
      ack({ deliveryId: payload.deliveryId });
      acked.push(payload.deliveryId);
    }
  });
  socket.onAny((name: string, payload: unknown) => events.push({ name, payload }));
  const recording: RecordingSocket = {
    socket,
    frames,
    deliveries,
    acked,
    events,
    openTable: (tableId) => socket.timeout(5000).emitWithAck("table:open", { v: PROTOCOL_VERSION, tableId }),
    close: () => socket.close(),
  };
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(recording));
    socket.once("connect_error", (err) => reject(err));
  });
}

/** Waits until a condition holds, polling; fails with the description after the timeout. */
export async function eventually<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 5000): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for: ${what}${last ? ` (${String(last)})` : ""}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits a little and lets pending frames arrive, for "never arrives" assertions. */
export function settle(ms = 300): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
