// A Yjs client for /collab as y-websocket would be (sync step 1 on open, updates as they
// happen, awareness including y-websocket's echo of others' states), on a real `ws`
// socket with the browser's headers (cookie, Origin). It records every raw frame it
// received and sent, so tests can search frames for canaries and replay bytes.
import WebSocket from "ws";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import { COLLAB_MESSAGE, COLLAB_PATH } from "../../shared/collab.js";
import type { ApiClient } from "./api.js";
import { eventually } from "./realtime.js";

export interface CloseInfo {
  code: number;
  reason: string;
}

export interface CollabOptions {
  /** Defaults to the client's own cookie; null sends none. */
  cookie?: string | null;
  /** Defaults to the client's Origin. */
  origin?: string;
  /** Defaults to the client's server. */
  baseUrl?: string;
  /** Reuse a document (a device that was offline and reconnects). */
  doc?: Y.Doc;
  /** An awareness state to announce on open (y-websocket does when one is set). */
  awareness?: Record<string, unknown>;
}

const REMOTE = "remote";

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

export class CollabClient {
  readonly received: Uint8Array[] = [];
  readonly sent: Uint8Array[] = [];
  readonly awareness: awarenessProtocol.Awareness;
  closeInfo: CloseInfo | null = null;
  /** Resolves when the server closes (or the socket ends). */
  readonly closed: Promise<CloseInfo>;
  private readonly step2s: Uint8Array[] = [];
  private step1sSent = 0;
  private readonly onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) this.send(frame((e) => (encoding.writeVarUint(e, COLLAB_MESSAGE.sync), syncProtocol.writeUpdate(e, update))));
  };
  private readonly onAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    const changed = [...added, ...updated, ...removed];
    this.send(frame((e) => {
      encoding.writeVarUint(e, COLLAB_MESSAGE.awareness);
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    }));
  };

  private constructor(
    readonly ws: WebSocket,
    readonly doc: Y.Doc,
    awarenessState: Record<string, unknown> | undefined,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(awarenessState ?? null);
    this.closed = new Promise((resolve) => {
      ws.on("close", (code, reason) => {
        this.closeInfo = { code, reason: reason.toString("utf8") };
        this.detach();
        resolve(this.closeInfo);
      });
    });
    ws.on("error", () => undefined);
    ws.on("message", (data: Buffer) => this.onMessage(new Uint8Array(data)));
    ws.on("open", () => {
      this.sendStep1(doc);
      if (this.awareness.getLocalState() !== null) {
        this.send(frame((e) => {
          encoding.writeVarUint(e, COLLAB_MESSAGE.awareness);
          encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [doc.clientID]));
        }));
      }
      doc.on("update", this.onDocUpdate);
      this.awareness.on("update", this.onAwarenessUpdate);
    });
  }

  /** Opens /collab/<docName>; resolves once the socket is open (a refusal then closes it). */
  static async open(client: ApiClient, docName: string, options: CollabOptions = {}): Promise<CollabClient> {
    const base = (options.baseUrl ?? client.server.url).replace(/^http/, "ws");
    const headers: Record<string, string> = { origin: options.origin ?? client.origin };
    const cookie = options.cookie === undefined ? client.cookie : options.cookie;
    if (cookie) headers.cookie = cookie;
    const ws = new WebSocket(`${base}${COLLAB_PATH}/${docName}`, { headers });
    const c = new CollabClient(ws, options.doc ?? new Y.Doc(), options.awareness);
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once("error", reject);
    });
    return c;
  }

  /** Opens and waits for the first SyncStep2 from the server (the client has the document). */
  static async synced(client: ApiClient, docName: string, options: CollabOptions = {}): Promise<CollabClient> {
    const c = await CollabClient.open(client, docName, options);
    await eventually(`${docName} synced`, () => c.step2s.length > 0 || c.closeInfo !== null);
    if (c.closeInfo) throw new Error(`closed ${c.closeInfo.code} ${c.closeInfo.reason}`);
    return c;
  }

  text(name = "minutes"): string {
    return this.doc.getText(name).toString();
  }

  /** Every byte received, as one latin1 string (for canary searches). */
  receivedText(): string {
    return this.received.map((b) => Buffer.from(b).toString("latin1")).join("\n");
  }

  sendRaw(bytes: Uint8Array | Buffer): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(bytes, { binary: true });
  }

  /**
   * Durable acknowledgement: sends SyncStep1 with an empty state vector and waits for
   * the SyncStep2 answering it. The server handles a connection's frames in order and
   * writes each update before the next frame, so this answer means every update sent
   * before is on disk; it returns that answer (the whole document) as a fresh Y.Doc.
   */
  async ack(): Promise<Y.Doc> {
    const index = this.sendStep1(new Y.Doc());
    const update = await eventually("the server's SyncStep2", () => this.step2s[index] ?? (this.closeInfo ? "closed" : null));
    if (typeof update === "string") throw new Error(`closed ${this.closeInfo?.code} before the acknowledgement`);
    const d = new Y.Doc();
    Y.applyUpdate(d, update);
    return d;
  }

  /** Others' awareness states as received (clientID → state). */
  remoteStates(): Map<number, Record<string, unknown>> {
    const out = new Map<number, Record<string, unknown>>();
    for (const [id, state] of this.awareness.getStates()) if (id !== this.doc.clientID) out.set(id, state);
    return out;
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close();
    await this.closed;
  }

  private sendStep1(doc: Y.Doc): number {
    this.send(frame((e) => (encoding.writeVarUint(e, COLLAB_MESSAGE.sync), syncProtocol.writeSyncStep1(e, doc))));
    return this.step1sSent++;
  }

  private send(bytes: Uint8Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.sent.push(bytes);
    this.ws.send(bytes, { binary: true });
  }

  private onMessage(bytes: Uint8Array): void {
    this.received.push(bytes);
    const d = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(d);
    if (type === COLLAB_MESSAGE.sync) {
      const syncType = decoding.readVarUint(d);
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        const sv = decoding.readVarUint8Array(d);
        this.send(frame((e) => (encoding.writeVarUint(e, COLLAB_MESSAGE.sync), syncProtocol.writeSyncStep2(e, this.doc, sv))));
      } else {
        const update = decoding.readVarUint8Array(d);
        Y.applyUpdate(this.doc, update, REMOTE);
        if (syncType === syncProtocol.messageYjsSyncStep2) this.step2s.push(update);
      }
    } else if (type === COLLAB_MESSAGE.awareness) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(d), REMOTE);
    }
  }

  private detach(): void {
    this.doc.off("update", this.onDocUpdate);
    this.awareness.off("update", this.onAwarenessUpdate);
    this.awareness.destroy();
  }
}

/** Frames a test builds by hand. */
export const frames = {
  update(update: Uint8Array): Uint8Array {
    return frame((e) => (encoding.writeVarUint(e, COLLAB_MESSAGE.sync), syncProtocol.writeUpdate(e, update)));
  },
  awareness(entries: { clientID: number; clock: number; state: Record<string, unknown> | null }[]): Uint8Array {
    const body = frame((e) => {
      encoding.writeVarUint(e, entries.length);
      for (const x of entries) {
        encoding.writeVarUint(e, x.clientID);
        encoding.writeVarUint(e, x.clock);
        encoding.writeVarString(e, JSON.stringify(x.state));
      }
    });
    return frame((e) => (encoding.writeVarUint(e, COLLAB_MESSAGE.awareness), encoding.writeVarUint8Array(e, body)));
  },
  queryAwareness(): Uint8Array {
    return frame((e) => encoding.writeVarUint(e, COLLAB_MESSAGE.queryAwareness));
  },
};

/** Opens every client given, closes them all at the end of a test. */
export class CollabPool {
  private readonly open: CollabClient[] = [];

  track(c: CollabClient): CollabClient {
    this.open.push(c);
    return c;
  }

  async connect(client: ApiClient, docName: string, options: CollabOptions = {}): Promise<CollabClient> {
    return this.track(await CollabClient.open(client, docName, options));
  }

  async synced(client: ApiClient, docName: string, options: CollabOptions = {}): Promise<CollabClient> {
    return this.track(await CollabClient.synced(client, docName, options));
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.open.splice(0).map((c) => c.close()));
  }
}
