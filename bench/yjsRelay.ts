// The Yjs benchmark's baseline (bench/yjsBoard.ts): a plain y-protocols relay, as the
// y-websocket server of old did it, on the same path — one Y.Doc per document name,
// sync and awareness relayed to every connection, no authentication, no authorisation,
// no size caps, nothing written to disk. Run as a child process:
//
//   node --import tsx bench/yjsRelay.ts
//
// prints `BENCH_READY {"kind":"bare","url":…}` and stops on the parent's "stop".
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as awarenessProtocol from "y-protocols/awareness";
import { COLLAB_MESSAGE, COLLAB_PATH } from "../shared/collab.js";
import type { ParentMessage } from "./latencyServer.js";

interface Room {
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  conns: Set<WebSocket>;
}

const rooms = new Map<string, Room>();

function room(name: string): Room {
  let r = rooms.get(name);
  if (r) return r;
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(null);
  const created: Room = { doc, awareness, conns: new Set() };
  doc.on("update", (update: Uint8Array) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, COLLAB_MESSAGE.sync);
    syncProtocol.writeUpdate(e, update);
    const frame = encoding.toUint8Array(e);
    for (const c of created.conns) c.send(frame);
  });
  awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, COLLAB_MESSAGE.awareness);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [...added, ...updated, ...removed]));
    const frame = encoding.toUint8Array(e);
    for (const c of created.conns) c.send(frame);
  });
  rooms.set(name, created);
  return created;
}

const http = createServer((_, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ noServer: true });
http.on("upgrade", (req, socket, head) => {
  const url = req.url ?? "";
  if (!url.startsWith(`${COLLAB_PATH}/`)) return socket.destroy();
  wss.handleUpgrade(req, socket, head, (ws) => {
    const r = room(decodeURIComponent(url.slice(COLLAB_PATH.length + 1).split("?")[0] ?? ""));
    r.conns.add(ws);
    ws.binaryType = "arraybuffer";
    ws.on("message", (data: ArrayBuffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      const encoder = encoding.createEncoder();
      const type = decoding.readVarUint(decoder);
      if (type === COLLAB_MESSAGE.sync) {
        encoding.writeVarUint(encoder, COLLAB_MESSAGE.sync);
        syncProtocol.readSyncMessage(decoder, encoder, r.doc, ws);
        if (encoding.length(encoder) > 1) ws.send(encoding.toUint8Array(encoder));
      } else if (type === COLLAB_MESSAGE.awareness) {
        awarenessProtocol.applyAwarenessUpdate(r.awareness, decoding.readVarUint8Array(decoder), ws);
      }
    });
    ws.on("close", () => r.conns.delete(ws));
    // The server's SyncStep1, as y-websocket's server sends on connect.
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, COLLAB_MESSAGE.sync);
    syncProtocol.writeSyncStep1(e, r.doc);
    ws.send(encoding.toUint8Array(e));
  });
});
await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", () => resolve()));
const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
process.on("message", (m: ParentMessage) => {
  if (m.type === "rss") process.send?.({ type: "rss", rss: process.memoryUsage().rss });
  if (m.type === "stop") {
    for (const c of wss.clients) c.terminate();
    http.closeAllConnections();
    process.send?.({ type: "stopped" });
    process.exit(0);
  }
});
process.stdout.write(`BENCH_READY ${JSON.stringify({ kind: "bare", url })}\n`);
