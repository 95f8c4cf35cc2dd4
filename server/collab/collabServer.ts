// The Yjs collaboration server on /collab/<docName>: our own, on y-protocols, sharing
// the HTTP server with socket.io (app.ts routes /collab/ upgrades here).
//
// Refusals are uniform: the upgrade is accepted and the connection closed at once with
// a documented close code (shared/collab.ts), before a single byte of any document is
// sent. A browser cannot read the HTTP status of a refused WebSocket handshake (it sees
// 1006), whereas a close code tells the client why, and y-websocket stops reconnecting
// on 4400–4499. Checked in this order: Origin (4408), session cookie (4401), document
// name (4404), then the policy (4404 for a table the person was never at, else 4403).
//
// It is a Notifier: access that ends (removal, agreement change) closes that person's
// connections at that table with 4403; a session that ends closes its connections 4401.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { COLLAB_CLOSE, COLLAB_CLOSE_REASON, COLLAB_LIMITS, docNameFromPath, type CollabCloseCode } from "../../shared/collab.js";
import type { ChangeTopic } from "../../shared/protocol.js";
import { sessionTokenFrom } from "../auth/cookies.js";
import { originAllowed, type Origins } from "../auth/origin.js";
import { resolveSession } from "../domain/accounts.js";
import { gateFor } from "../policies/accountGate.js";
import type { Context, Notifier } from "../domain/context.js";
import type { Logger } from "../logger.js";
import { loggedOrigin } from "../routes/attribution.js";
import { CollabConnection } from "./connection.js";
import { DocumentRegistry } from "./documents.js";
import type { Sealer } from "../store/sealer.js";

/** Sessions expire on open connections too (as on realtime sockets). */
const ACCESS_SWEEP_MS = 15_000;
/** Dead peers (no pong since the last ping) are dropped. */
const HEARTBEAT_MS = 30_000;

export class CollabServer implements Notifier {
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: COLLAB_LIMITS.transportBytes,
    perMessageDeflate: false,
    clientTracking: false,
  });
  private readonly connections = new Set<CollabConnection>();
  private readonly documents: DocumentRegistry;
  private ctx: Context | null = null;
  private readonly sweep: NodeJS.Timeout;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly origins: Origins,
    dataDir: string,
    private readonly logger: Logger,
    sealer?: Sealer,
  ) {
    this.documents = new DocumentRegistry(dataDir, logger, undefined, sealer);
    this.sweep = setInterval(() => {
      for (const c of [...this.connections]) c.recheck();
    }, ACCESS_SWEEP_MS);
    this.heartbeat = setInterval(() => {
      for (const c of [...this.connections]) c.heartbeat();
    }, HEARTBEAT_MS);
    this.sweep.unref();
    this.heartbeat.unref();
  }

  start(ctx: Context): void {
    this.ctx = ctx;
  }

  /** For `http.on("upgrade")`: a request whose path starts with /collab/. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
  }

  /**
   * The board's current state as one Yjs update, read under the document's lock once
   * every queued update is durable (so it holds exactly what is on disk): what
   * finalised minutes freeze.
   */
  async boardState(tableId: string): Promise<Uint8Array> {
    const lease = await this.documents.acquire({ kind: "board", tableId });
    try {
      return await lease.doc.durableState();
    } finally {
      lease.release();
    }
  }

  /** Open connections (for tests and diagnostics). */
  get connectionCount(): number {
    return this.connections.size;
  }

  get loadedDocumentCount(): number {
    return this.documents.loadedCount;
  }

  async close(): Promise<void> {
    clearInterval(this.sweep);
    clearInterval(this.heartbeat);
    this.ctx = null;
    await Promise.all([...this.connections].map((c) => c.shutdown()));
    await this.documents.close();
    this.wss.close();
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    const ctx = this.ctx;
    if (!ctx) return this.refuse(ws, COLLAB_CLOSE.goingAway);
    if (!originAllowed(req.headers.origin, this.origins)) {
      this.logger.event("origin-refused", { channel: "collab", origin: loggedOrigin(req.headers.origin) }, "warn");
      return this.refuse(ws, COLLAB_CLOSE.badOrigin);
    }
    const found = resolveSession(ctx, sessionTokenFrom(req.headers.cookie));
    // A temporary password opens nothing but the page to choose one's own; a missing
    // required second factor nothing but the enrolment (policies/accountGate.ts).
    if (!found || gateFor(ctx.store.global.data, found.account)) return this.refuse(ws, COLLAB_CLOSE.notSignedIn);
    const doc = docNameFromPath(req.url);
    if (!doc) return this.refuse(ws, COLLAB_CLOSE.unknownDocument);
    const connection = new CollabConnection(
      ws,
      { accountId: found.account.id, sessionId: found.session.id },
      doc,
      { ctx, logger: this.logger, documents: this.documents },
      (c) => this.connections.delete(c),
    );
    this.connections.add(connection);
    connection.start();
  }

  private refuse(ws: WebSocket, code: CollabCloseCode): void {
    ws.on("error", () => undefined);
    ws.close(code, COLLAB_CLOSE_REASON[code]);
  }

  // ---- Notifier: called by domain commands after they committed --------------------

  accessEnded(tableId: string, accountId: string): void {
    for (const c of [...this.connections]) {
      if (c.accountId === accountId && c.doc.tableId === tableId) c.close(COLLAB_CLOSE.forbidden);
    }
  }

  sessionEnded(sessionId: string): void {
    for (const c of [...this.connections]) if (c.sessionId === sessionId) c.close(COLLAB_CLOSE.notSignedIn);
  }

  fragmentReleased(_tableId: string, _fragmentId: string, _recipientIds: string[]): void {
    // Fragments never enter a Y.Doc: nothing to do here.
  }

  fragmentRevoked(_tableId: string, _fragmentId: string, _recipientIds: string[]): void {
    // The board holds fragment ids only; each reader resolves them through the fragment API.
  }

  tableChanged(_tableId: string, _topics: ChangeTopic[]): void {
    // Access is re-checked on every frame; nothing to push.
  }
}
