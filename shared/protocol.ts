// The realtime protocol (socket.io on /realtime), written once for both sides, after
// tldraw's sync-core protocol: a version, typed events each way, and named refusals.
//
// Rules the server keeps (see docs/ARCHITECTURE.md):
// - a client never names a room; it asks to open a table and the server decides;
// - fragment content travels only in `fragment:deliver`, addressed to one socket,
//   logged as `fragment-sent` before it leaves and `fragment-delivered` on the ack;
// - every other server event carries ids only, so a stray broadcast cannot leak.
import { z } from "zod";
import { Id } from "./schemas.js";
import type { ReceivedFragmentView } from "./types.js";

export const PROTOCOL_VERSION = 1;
export const REALTIME_PATH = "/realtime";

/** Why the server refused or ended something. Shown to the person, so each is a sentence key. */
export const REFUSALS = {
  badVersion: "bad-version",
  invalidPayload: "invalid-payload",
  notAParticipant: "not-a-participant",
  unknownDelivery: "unknown-delivery",
  removed: "removed",
  signedOut: "signed-out",
  /** Over the per-socket event rate limit: the server disconnects the socket after saying so. */
  tooManyEvents: "too-many-events",
} as const;
export type Refusal = (typeof REFUSALS)[keyof typeof REFUSALS];

// ---- client → server ------------------------------------------------------------

export const TableOpenPayload = z.strictObject({ v: z.literal(PROTOCOL_VERSION), tableId: Id });
export const TableClosePayload = z.strictObject({ v: z.literal(PROTOCOL_VERSION), tableId: Id });
export const FragmentOpenedPayload = z.strictObject({
  v: z.literal(PROTOCOL_VERSION),
  tableId: Id,
  fragmentId: Id,
  deliveryId: Id,
});
export type TableOpenPayload = z.infer<typeof TableOpenPayload>;
export type TableClosePayload = z.infer<typeof TableClosePayload>;
export type FragmentOpenedPayload = z.infer<typeof FragmentOpenedPayload>;

export type Reply = { ok: true } | { ok: false; refusal: Refusal; message: string };

export interface ClientToServerEvents {
  "table:open": (payload: TableOpenPayload, reply: (r: Reply) => void) => void;
  "table:close": (payload: TableClosePayload, reply: (r: Reply) => void) => void;
  "fragment:opened": (payload: FragmentOpenedPayload, reply: (r: Reply) => void) => void;
}

/** Every client event name at run time (the fuzz tests send garbage under each). */
export const CLIENT_EVENTS = ["table:open", "table:close", "fragment:opened"] as const satisfies readonly (keyof ClientToServerEvents)[];
// Fails to compile when an event is added above but not to CLIENT_EVENTS.
const clientEventsComplete: Exclude<keyof ClientToServerEvents, (typeof CLIENT_EVENTS)[number]> extends never ? true : never = true;
void clientEventsComplete;

// ---- server → client ------------------------------------------------------------

export interface FragmentDeliverPayload {
  v: typeof PROTOCOL_VERSION;
  deliveryId: string;
  fragment: ReceivedFragmentView;
}
export interface DeliveryAck {
  deliveryId: string;
}

/** Something about the table changed; the client refetches what the topic names. */
export type ChangeTopic = "participants" | "fragments" | "log" | "declines";

export interface ServerToClientEvents {
  "fragment:deliver": (payload: FragmentDeliverPayload, ack: (a: DeliveryAck) => void) => void;
  "fragment:revoked": (payload: { v: typeof PROTOCOL_VERSION; tableId: string; fragmentId: string }) => void;
  "table:changed": (payload: { v: typeof PROTOCOL_VERSION; tableId: string; topics: ChangeTopic[] }) => void;
  "table:access-ended": (payload: { v: typeof PROTOCOL_VERSION; tableId: string; refusal: Refusal }) => void;
  "session:ended": (payload: { v: typeof PROTOCOL_VERSION; refusal: Refusal }) => void;
  /** Sent once, just before the server disconnects a socket that sent too many events. */
  "socket:rate-limited": (payload: { v: typeof PROTOCOL_VERSION; refusal: Refusal; message: string }) => void;
}
