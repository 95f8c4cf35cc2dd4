// The y-protocols frames, as y-websocket sends them: parsing what a client sends
// (strictly: one whole message per frame, every part well-formed, nothing left over)
// and encoding what the server sends. Parsing is pure: a frame that fails it is a
// `BadMessage` and nothing has been changed by it.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import { COLLAB_MESSAGE } from "../../shared/collab.js";

export class BadMessage extends Error {
  override readonly name = "BadMessage";
}

/** One entry of an awareness update: a client's whole state (null = it left). */
export interface AwarenessEntry {
  clientID: number;
  clock: number;
  state: Record<string, unknown> | null;
}

export type ClientMessage =
  | { type: "sync-step1"; stateVector: Uint8Array }
  /** SyncStep2 and Update carry the same thing: a Yjs update (v1 encoding). */
  | { type: "sync-update"; update: Uint8Array }
  | { type: "awareness"; entries: AwarenessEntry[] }
  | { type: "query-awareness" };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseAwarenessUpdate(bytes: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(bytes);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    const clientID = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state: unknown = JSON.parse(decoding.readVarString(decoder));
    if (state !== null && !isPlainObject(state)) throw new BadMessage("an awareness state must be an object or null");
    entries.push({ clientID, clock, state });
  }
  if (decoding.hasContent(decoder)) throw new BadMessage("trailing bytes in an awareness update");
  return entries;
}

function parseSync(decoder: decoding.Decoder): ClientMessage {
  const syncType = decoding.readVarUint(decoder);
  switch (syncType) {
    case syncProtocol.messageYjsSyncStep1: {
      const stateVector = decoding.readVarUint8Array(decoder);
      Y.decodeStateVector(stateVector); // throws on a malformed state vector
      return { type: "sync-step1", stateVector };
    }
    case syncProtocol.messageYjsSyncStep2:
    case syncProtocol.messageYjsUpdate: {
      const update = decoding.readVarUint8Array(decoder);
      Y.decodeUpdate(update); // reads every struct and the delete set: throws on garbage
      return { type: "sync-update", update };
    }
    default:
      throw new BadMessage(`unknown sync message type ${syncType}`);
  }
}

/** Parses one client frame, or throws BadMessage. */
export function parseClientMessage(frame: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    let message: ClientMessage;
    switch (type) {
      case COLLAB_MESSAGE.sync:
        message = parseSync(decoder);
        break;
      case COLLAB_MESSAGE.awareness:
        message = { type: "awareness", entries: parseAwarenessUpdate(decoding.readVarUint8Array(decoder)) };
        break;
      case COLLAB_MESSAGE.queryAwareness:
        message = { type: "query-awareness" };
        break;
      default:
        // Including COLLAB_MESSAGE.auth: permissions are the server's to state (close codes).
        throw new BadMessage(`message type ${type} is not accepted from a client`);
    }
    if (decoding.hasContent(decoder)) throw new BadMessage("trailing bytes after the message");
    return message;
  } catch (err) {
    if (err instanceof BadMessage) throw err;
    // lib0's "Unexpected end of array", JSON.parse's SyntaxError, Yjs decoding errors.
    throw new BadMessage(err instanceof Error ? err.message : "malformed message");
  }
}

// ---- server → client ------------------------------------------------------------

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function syncStep1Frame(doc: Y.Doc): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, COLLAB_MESSAGE.sync);
    syncProtocol.writeSyncStep1(e, doc);
  });
}

export function syncStep2Frame(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, COLLAB_MESSAGE.sync);
    syncProtocol.writeSyncStep2(e, doc, stateVector);
  });
}

export function updateFrame(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, COLLAB_MESSAGE.sync);
    syncProtocol.writeUpdate(e, update);
  });
}

export function awarenessFrame(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, COLLAB_MESSAGE.awareness);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  });
}

/** Entries as an awareness update (the body of an awareness message). */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const entry of entries) {
      encoding.writeVarUint(e, entry.clientID);
      encoding.writeVarUint(e, entry.clock);
      encoding.writeVarString(e, JSON.stringify(entry.state));
    }
  });
}
