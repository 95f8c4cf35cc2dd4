// One WebSocket on /collab/<docName>, after its upgrade was authenticated (Origin,
// session cookie): authorises the document, then handles the client's frames one at a
// time, in order.
//
// - every frame is checked on arrival: binary, at most COLLAB_LIMITS.messageBytes, within
//   the rate (token bucket) — otherwise the connection is closed with the documented code;
// - every frame is handled only if the person may still use the document (a replayed
//   update after a removal is refused even if the close raced it), and every frame sent
//   to them is checked the same way;
// - a malformed frame closes the connection with 4400; no error reaches the process.
import WebSocket, { type RawData } from "ws";
import {
  COLLAB_CLOSE,
  COLLAB_CLOSE_REASON,
  COLLAB_LIMITS,
  type CollabCloseCode,
  type CollabDocName,
  type CollabUser,
} from "../../shared/collab.js";
import type { Context } from "../domain/context.js";
import type { Logger } from "../logger.js";
import type { TableFiles } from "../store/store.js";
import { authorise, collabUser, participationSince, type Credentials, type Verdict } from "./access.js";
import type { DocumentPeer, DocumentRegistry, Lease } from "./documents.js";
import { BadMessage, parseClientMessage } from "./messages.js";
import { TokenBucket } from "./rateLimit.js";
import { wouldChange } from "./readOnly.js";

/** Frames received but not yet handled, per connection (a slow disk must not grow memory). */
const MAX_QUEUED_BYTES = 4 * 1024 * 1024;
/** How long a closing client has to answer the close frame at shutdown. */
const SHUTDOWN_GRACE_MS = 1000;

export interface ConnectionServices {
  ctx: Context;
  logger: Logger;
  documents: DocumentRegistry;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : "error";
}

export class CollabConnection implements DocumentPeer {
  private files: TableFiles | null = null;
  private since: string | undefined;
  private identity: CollabUser;
  private readOnly = false;
  private lease: Lease | null = null;
  private closed = false;
  private ended = false;
  private queue: Promise<void> = Promise.resolve();
  private queuedBytes = 0;
  private readonly bucket = new TokenBucket(COLLAB_LIMITS.messagesPerSecond, COLLAB_LIMITS.messageBurst);
  private alive = true;

  constructor(
    private readonly ws: WebSocket,
    private readonly credentials: Credentials,
    readonly doc: CollabDocName,
    private readonly services: ConnectionServices,
    private readonly onEnd: (connection: CollabConnection) => void,
  ) {
    this.identity = { id: credentials.accountId, name: "", organisation: "" };
    ws.on("message", (data, isBinary) => this.onFrame(data, isBinary));
    ws.on("pong", () => {
      this.alive = true;
    });
    ws.on("close", () => this.end());
    // Transport errors (a frame over maxPayload, a broken socket): ws closes the socket itself.
    ws.on("error", (err) => {
      this.services.logger.warn(`collab: connection error (${errorName(err)})`);
      this.end();
    });
  }

  get accountId(): string {
    return this.credentials.accountId;
  }

  get sessionId(): string {
    return this.credentials.sessionId;
  }

  get user(): CollabUser {
    return this.identity;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Authorises the document, loads it and joins it; frames that arrive meanwhile wait. */
  start(): void {
    this.enqueue(async () => {
      const { ctx, documents } = this.services;
      this.files = await ctx.store.table(this.doc.tableId);
      const first = this.check();
      if (!first.ok) return;
      this.since = participationSince(first.participation);
      this.identity = collabUser(ctx, first.account);
      let lease: Lease;
      try {
        lease = await documents.acquire(this.doc);
      } catch (err) {
        this.services.logger.error(`collab: a ${this.doc.kind} could not be loaded (${errorName(err)})`);
        return this.close(COLLAB_CLOSE.serverError);
      }
      if (this.closed) return lease.release();
      this.lease = lease;
      // Asked again after the waits: a removal committed meanwhile has already run its
      // accessEnded, so nothing of the document may be sent now.
      if (!this.check().ok) return;
      await lease.doc.attach(this);
    });
  }

  // ---- DocumentPeer --------------------------------------------------------------

  send(frame: Uint8Array): void {
    if (this.closed || this.ws.readyState !== WebSocket.OPEN) return;
    if (!this.check().ok) return;
    this.ws.send(frame, { binary: true });
  }

  close(code: CollabCloseCode): void {
    if (this.closed) return;
    if (code !== COLLAB_CLOSE.goingAway && code !== COLLAB_CLOSE.serverError) {
      this.services.logger.event(
        "collab-closed",
        { channel: "collab", accountId: this.credentials.accountId, sessionId: this.credentials.sessionId, document: this.doc.kind, code, reason: COLLAB_CLOSE_REASON[code] },
        "warn",
      );
    }
    this.end();
    this.ws.close(code, COLLAB_CLOSE_REASON[code]);
  }

  // ---- for the server --------------------------------------------------------------

  /** Re-checks access (the session sweep): closes the connection if it is gone. */
  recheck(): void {
    if (!this.closed && this.files) this.check();
  }

  /** Ping; a connection that did not answer the previous ping is dropped. */
  heartbeat(): void {
    if (this.closed) return;
    if (!this.alive) {
      this.end();
      this.ws.terminate();
      return;
    }
    this.alive = false;
    this.ws.ping();
  }

  /** Closes with 1001 and waits (briefly) for the client to answer. */
  shutdown(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.ws.terminate();
        resolve();
      }, SHUTDOWN_GRACE_MS);
      this.ws.once("close", () => {
        clearTimeout(timer);
        resolve();
      });
      this.close(COLLAB_CLOSE.goingAway);
    });
  }

  // ---- internals -------------------------------------------------------------------

  private check(): Verdict {
    const verdict = authorise(this.services.ctx, this.credentials, this.doc, this.files?.doc.data ?? null, this.since);
    if (verdict.ok) this.readOnly = verdict.readOnly;
    else this.close(verdict.code);
    return verdict;
  }

  private onFrame(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    if (!isBinary) return this.close(COLLAB_CLOSE.badMessage);
    const bytes = toBytes(data);
    if (bytes.byteLength > COLLAB_LIMITS.messageBytes) return this.close(COLLAB_CLOSE.messageTooLarge);
    if (!this.bucket.take() || this.queuedBytes + bytes.byteLength > MAX_QUEUED_BYTES) {
      return this.close(COLLAB_CLOSE.tooManyMessages);
    }
    this.queuedBytes += bytes.byteLength;
    this.enqueue(async () => {
      this.queuedBytes -= bytes.byteLength;
      await this.handle(bytes);
    });
  }

  private async handle(bytes: Uint8Array): Promise<void> {
    // Access first: nothing from a person who lost access is even read.
    if (!this.check().ok) return;
    // A frame the person sent is use of their session (idle expiry).
    this.services.ctx.activity.touch(this.credentials.sessionId);
    const message = parseClientMessage(bytes);
    const doc = this.lease?.doc;
    if (!doc) return;
    switch (message.type) {
      case "sync-step1":
        return doc.answerStep1(this, message.stateVector);
      case "sync-update":
        if (this.readOnly) {
          if (wouldChange(doc.ydoc, message.update)) this.close(COLLAB_CLOSE.readOnly);
          return;
        }
        return doc.applyUpdate(this, message.update);
      case "awareness":
        return doc.applyAwareness(this, message.entries);
      case "query-awareness":
        return doc.queryAwareness(this);
    }
  }

  /** Runs tasks one after the other; a failure closes this connection and nothing else. */
  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(async () => {
      if (this.closed) return;
      try {
        await task();
      } catch (err) {
        if (err instanceof BadMessage) return this.close(COLLAB_CLOSE.badMessage);
        this.services.logger.error(`collab: handling a message failed (${errorName(err)})`);
        this.close(COLLAB_CLOSE.serverError);
      }
    });
  }

  /** Leaves the document (once): awareness removed, lease released, server forgets it. */
  private end(): void {
    this.closed = true;
    if (this.ended) return;
    this.ended = true;
    const lease = this.lease;
    this.lease = null;
    if (lease) {
      lease.doc.detach(this);
      lease.release();
    }
    this.onEnd(this);
  }
}
