// socket.io on /realtime: live delivery of fragments with per-socket acknowledgement,
// and change notices carrying ids only.
//
// - the handshake is refused for a foreign Origin (allowRequest) and without a valid
//   session cookie (middleware); administrators get no realtime connection at all;
// - rooms are joined from server state only: a client asks to open a table and the
//   policy decides; it can never name a room;
// - connection state recovery is off, so a reconnecting socket gets no rooms back;
// - every incoming payload is validated with the zod schemas of shared/protocol.ts.
import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { z } from "zod";
import {
  FragmentOpenedPayload,
  PROTOCOL_VERSION,
  REALTIME_PATH,
  REFUSALS,
  TableClosePayload,
  TableOpenPayload,
  type ChangeTopic,
  type ClientToServerEvents,
  type Refusal,
  type Reply,
  type ServerToClientEvents,
} from "../../shared/protocol.js";
import { LIMITS } from "../../shared/schemas.js";
import { sessionTokenFrom } from "../auth/cookies.js";
import { originAllowed, type Origins } from "../auth/origin.js";
import { resolveSession, sessionLive } from "../domain/accounts.js";
import { gateFor } from "../policies/accountGate.js";
import { accountById, participationOf, type Context, type LiveChannel, type Notifier } from "../domain/context.js";
import { TafelError } from "../domain/errors.js";
import { deliverAll, receivedFragmentIds, recordDelivered, recordOpened, type Delivery, type Send } from "../domain/fragments.js";
import { mayAtTable } from "../policies/table.js";
import type { Logger } from "../logger.js";
import { TokenBucket } from "../collab/rateLimit.js";
import { DEFAULT_RATE_LIMITS } from "../config.js";
import { loggedOrigin } from "../routes/attribution.js";
import type { TableFiles } from "../store/store.js";

interface SocketData {
  accountId: string;
  sessionId: string;
  openTables: Set<string>;
}
type TafelSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const ACK_TIMEOUT_MS = 30_000;
const SESSION_SWEEP_MS = 15_000;
/** At most one change notice per table in this window; later changes wait for its end (see `tableChanged`). */
const CHANGE_WINDOW_MS = 1_000;
const DeliveryAck = z.strictObject({ deliveryId: z.uuid() });

function refused(refusal: Refusal, message: string): Reply {
  return { ok: false, refusal, message };
}

/**
 * Every client event is `(payload, ack)`. A forged client may send no ack (there is no
 * one to tell, so nothing is done), or other arguments (refused through the ack).
 */
function protocolCall(args: unknown[]): { payload: unknown; reply: (r: Reply) => void } | null {
  const ack = args.at(-1);
  if (typeof ack !== "function") return null;
  const reply = ack as (r: Reply) => void;
  if (args.length !== 2) {
    reply(refused(REFUSALS.invalidPayload, "Invalid message: send one payload object and an acknowledgement callback."));
    return null;
  }
  return { payload: args[0], reply };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export class Realtime implements Notifier {
  readonly io: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
  private ctx: Context | null = null;
  /** Live sockets per account: the only way content is addressed (one socket at a time). */
  private readonly sockets = new Map<string, Set<TafelSocket>>();
  private readonly sweep: NodeJS.Timeout;

  constructor(
    httpServer: HttpServer,
    private readonly origins: Origins,
    private readonly logger: Logger,
    private readonly limits: { eventsPerMinute: number } = { eventsPerMinute: DEFAULT_RATE_LIMITS.socketEventsPerMinute },
  ) {
    this.io = new Server(httpServer, {
      path: REALTIME_PATH,
      serveClient: false,
      maxHttpBufferSize: LIMITS.messageBytes,
      // Same origin only: no CORS headers at all, and the Origin check below.
      allowRequest: (req, callback) => {
        if (originAllowed(req.headers.origin, this.origins)) callback(null, true);
        else {
          this.logger.event("origin-refused", { channel: "realtime", origin: loggedOrigin(req.headers.origin) }, "warn");
          callback("origin not allowed", false);
        }
      },
      // Foreign upgrades (the Yjs server on /collab) are handled by their own listener.
      destroyUpgrade: false,
    });
    this.sweep = setInterval(() => this.endExpiredSessions(), SESSION_SWEEP_MS);
    this.sweep.unref();
  }

  start(ctx: Context): void {
    this.ctx = ctx;
    this.io.use((socket, next) => {
      const found = resolveSession(ctx, sessionTokenFrom(socket.handshake.headers.cookie));
      if (!found) return next(new Error("not-signed-in"));
      // The same gate as REST (temporary password, missing second factor): no realtime at all.
      const gate = gateFor(ctx.store.global.data, found.account);
      if (gate) return next(new Error(gate.code));
      if (found.account.role !== "member") return next(new Error("only table members have realtime access"));
      socket.data = {
        accountId: found.account.id,
        sessionId: found.session.id,
        openTables: new Set(),
      };
      next();
    });
    this.io.on("connection", (socket) => this.onConnection(socket));
  }

  async close(): Promise<void> {
    clearInterval(this.sweep);
    for (const { timer } of this.changes.values()) clearTimeout(timer);
    await this.io.close();
  }

  private context(): Context {
    if (!this.ctx) throw new Error("realtime used before start");
    return this.ctx;
  }

  private onConnection(socket: TafelSocket): void {
    const { accountId } = socket.data;
    let set = this.sockets.get(accountId);
    if (!set) this.sockets.set(accountId, (set = new Set()));
    set.add(socket);
    socket.on("disconnect", () => {
      set.delete(socket);
      if (set.size === 0) this.sockets.delete(accountId);
    });
    this.limitEvents(socket);
    this.handle(socket, "table:open", (payload, reply) => this.onTableOpen(socket, payload, reply));
    this.handle(socket, "table:close", (payload, reply) => this.onTableClose(socket, payload, reply));
    this.handle(socket, "fragment:opened", (payload, reply) => this.onOpened(socket, payload, reply));
  }

  /**
   * Every incoming event packet, of any name, takes a token: a minute's worth at once,
   * refilled evenly. Past it the socket is told why and disconnected; nothing it sent
   * after the limit is handled.
   */
  private limitEvents(socket: TafelSocket): void {
    const perMinute = this.limits.eventsPerMinute;
    const bucket = new TokenBucket(perMinute / 60, perMinute);
    let limited = false;
    socket.use((_packet, next) => {
      if (limited) return;
      if (bucket.take()) return next();
      limited = true;
      this.logger.event("rate-limited", { channel: "realtime", accountId: socket.data.accountId, sessionId: socket.data.sessionId, limiter: "socket" }, "warn");
      socket.emit("socket:rate-limited", {
        v: PROTOCOL_VERSION,
        refusal: REFUSALS.tooManyEvents,
        message: `Too many messages on this connection (at most ${perMinute} a minute); it was closed. Reload the page to reconnect.`,
      });
      socket.disconnect(true);
    });
  }

  /** Wires one client event: protocol shape first; a failure is logged by name, never thrown. */
  private handle(
    socket: TafelSocket,
    event: keyof ClientToServerEvents,
    run: (payload: unknown, reply: (r: Reply) => void) => Promise<void> | void,
  ): void {
    socket.on(event, (...args: unknown[]) => {
      const call = protocolCall(args);
      if (!call) return;
      this.ctx?.activity.touch(socket.data.sessionId);
      // A refusal is a security event (who asked what, and why not); never the payload.
      const reply = (r: Reply) => {
        if (!r.ok) {
          const { accountId, sessionId } = socket.data;
          this.logger.event("realtime-refused", { channel: "realtime", accountId, sessionId, action: event, refusal: r.refusal }, "warn");
        }
        call.reply(r);
      };
      Promise.resolve()
        .then(() => run(call.payload, reply))
        .catch((e: unknown) => this.logger.error(`realtime: ${event} failed: ${e instanceof Error ? e.name : "error"}`));
    });
  }

  private parse<S extends z.ZodType>(schema: S, payload: unknown, reply: (r: Reply) => void): z.infer<S> | null {
    const result = schema.safeParse(payload);
    if (result.success) return result.data;
    // Only a message shaped like ours but of another version asks for a reload.
    if (isRecord(payload) && payload.v !== PROTOCOL_VERSION) {
      reply(refused(REFUSALS.badVersion, `This server speaks protocol version ${PROTOCOL_VERSION}; reload the page.`));
    } else {
      const detail = result.error.issues.map((i) => `${i.path.join(".") || "(payload)"}: ${i.message}`).join("; ");
      reply(refused(REFUSALS.invalidPayload, `Invalid message: ${detail}`));
    }
    return null;
  }

  private async onTableOpen(socket: TafelSocket, payload: unknown, reply: (r: Reply) => void): Promise<void> {
    const input = this.parse(TableOpenPayload, payload, reply);
    if (!input) return;
    const ctx = this.context();
    const account = accountById(ctx, socket.data.accountId);
    const decide = () => (account ? mayAtTable(account, participationOf(ctx, input.tableId, account.id), "view") : null);
    let decision = decide();
    const files = decision?.allowed ? await ctx.store.table(input.tableId) : null;
    // Asked again after the wait: a removal that committed meanwhile has already run its
    // accessEnded, so this socket must not join the room after it.
    if (files) decision = decide();
    if (!account || !files || !decision?.allowed) {
      reply(refused(REFUSALS.notAParticipant, decision && !decision.allowed ? decision.reason : "You are not a participant of this table."));
      return;
    }
    socket.data.openTables.add(input.tableId);
    await socket.join(`table:${input.tableId}`);
    reply({ ok: true });
    // What is released to them is read under the table lock: a release in progress when
    // the socket opened (it did not see this socket) has committed by then.
    await this.deliverToSockets(files, () => receivedFragmentIds(files, account.id).map((fragmentId) => ({ socket, fragmentId })));
  }

  private onTableClose(socket: TafelSocket, payload: unknown, reply: (r: Reply) => void): void {
    const input = this.parse(TableClosePayload, payload, reply);
    if (!input) return;
    socket.data.openTables.delete(input.tableId);
    void socket.leave(`table:${input.tableId}`);
    reply({ ok: true });
  }

  private async onOpened(socket: TafelSocket, payload: unknown, reply: (r: Reply) => void): Promise<void> {
    const input = this.parse(FragmentOpenedPayload, payload, reply);
    if (!input) return;
    const ctx = this.context();
    const account = accountById(ctx, socket.data.accountId);
    if (!account) return reply(refused(REFUSALS.signedOut, "Your account no longer exists."));
    try {
      await recordOpened(ctx, account, input.tableId, input.fragmentId, input.deliveryId);
      reply({ ok: true });
    } catch (err) {
      if (!(err instanceof TafelError)) throw err;
      const refusal = err.code === "not-found" ? REFUSALS.unknownDelivery : REFUSALS.notAParticipant;
      reply(refused(refusal, err.message));
    }
  }

  /**
   * Deliveries to sockets: policy, one durable log append for all, then each emit — all
   * inside the table lock — and each socket's ack logged as its receipt. The targets are
   * computed under the lock.
   */
  private async deliverToSockets(files: TableFiles, targets: () => { socket: TafelSocket; fragmentId: string }[]): Promise<void> {
    const ctx = this.context();
    await deliverAll(ctx, files, () =>
      targets().flatMap(({ socket, fragmentId }): Delivery[] => {
        const account = accountById(ctx, socket.data.accountId);
        if (!account || !socket.connected || !socket.data.openTables.has(files.id)) return [];
        return [{ recipient: account, fragmentId, channel: "socket", send: this.sendOn(socket, files, account.id) }];
      }),
    );
  }

  /** Emits a delivery on one socket; its ack is logged as the receipt. */
  private sendOn(socket: TafelSocket, files: TableFiles, accountId: string): Send {
    const ctx = this.context();
    return (deliveryId, fragment) => {
      socket.timeout(ACK_TIMEOUT_MS).emit("fragment:deliver", { v: PROTOCOL_VERSION, deliveryId, fragment }, (err, ack) => {
        if (err) return; // no receipt: the log keeps "sent" without "delivered"
        const parsed = DeliveryAck.safeParse(ack);
        if (!parsed.success || parsed.data.deliveryId !== deliveryId) return;
        recordDelivered(ctx, files, accountId, deliveryId).catch((e: unknown) =>
          this.logger.error(`realtime: could not log a delivery receipt: ${e instanceof Error ? e.name : "error"}`),
        );
      });
    };
  }

  /** The open sockets of these recipients at this table now: where a release delivers at once. */
  liveChannels(files: TableFiles, recipientIds: readonly string[]): LiveChannel[] {
    return recipientIds.flatMap((recipientId) =>
      this.socketsAt(recipientId, files.id)
        .filter((socket) => socket.connected)
        .map((socket) => ({ recipientId, send: this.sendOn(socket, files, recipientId) })),
    );
  }

  private socketsAt(accountId: string, tableId: string): TafelSocket[] {
    return [...(this.sockets.get(accountId) ?? [])].filter((s) => s.data.openTables.has(tableId));
  }

  // ---- Notifier: called by domain commands after they committed --------------------

  /**
   * Nothing left to do: the release delivered to the recipients' open sockets within its
   * own lock and log append (`liveChannels`), and a socket opening the table later gets
   * it from `table:open`.
   */
  fragmentReleased(_tableId: string, _fragmentId: string, _recipientIds: string[]): void {}

  fragmentRevoked(tableId: string, fragmentId: string, recipientIds: string[]): void {
    for (const id of recipientIds) {
      for (const socket of this.socketsAt(id, tableId)) socket.emit("fragment:revoked", { v: PROTOCOL_VERSION, tableId, fragmentId });
    }
  }

  /**
   * Change notices are throttled per table: the first goes out at once, and whatever
   * changes within the next CHANGE_WINDOW_MS goes out as one notice at its end. A
   * release's receipts come back from its recipients over tens of milliseconds, in
   * several group commits, and a notice per receipt (or per 50 or 250 ms) to every socket
   * at the table was a large share of the server's work under load (bench/RESULTS.md);
   * each notice also makes every screen at the table reload its log. A notice
   * carries ids and topics only, so merging loses nothing; it goes to whoever is in the
   * room when it is sent. Content and revocations never wait for it (their own events).
   */
  tableChanged(tableId: string, topics: ChangeTopic[]): void {
    const pending = this.changes.get(tableId);
    if (pending) {
      for (const t of topics) pending.topics.add(t);
      return;
    }
    const sinceLast = Date.now() - (this.lastNotice.get(tableId) ?? Number.NEGATIVE_INFINITY);
    if (sinceLast >= CHANGE_WINDOW_MS) {
      this.notify(tableId, topics);
      return;
    }
    const timer = setTimeout(() => this.sendChanges(tableId), CHANGE_WINDOW_MS - sinceLast);
    timer.unref();
    this.changes.set(tableId, { topics: new Set(topics), timer });
  }

  /** Tables with a change waiting for the end of their window, and when each was last notified. */
  private readonly changes = new Map<string, { topics: Set<ChangeTopic>; timer: NodeJS.Timeout }>();
  private readonly lastNotice = new Map<string, number>();

  private notify(tableId: string, topics: Iterable<ChangeTopic>): void {
    this.io.to(`table:${tableId}`).emit("table:changed", { v: PROTOCOL_VERSION, tableId, topics: [...topics] });
    this.lastNotice.set(tableId, Date.now());
  }

  private sendChanges(tableId: string): void {
    const pending = this.changes.get(tableId);
    if (!pending) return;
    this.changes.delete(tableId);
    this.notify(tableId, pending.topics);
  }

  accessEnded(tableId: string, accountId: string): void {
    for (const socket of this.socketsAt(accountId, tableId)) {
      socket.data.openTables.delete(tableId);
      void socket.leave(`table:${tableId}`);
      socket.emit("table:access-ended", { v: PROTOCOL_VERSION, tableId, refusal: REFUSALS.removed });
    }
  }

  sessionEnded(sessionId: string): void {
    for (const set of this.sockets.values()) {
      for (const socket of set) if (socket.data.sessionId === sessionId) this.endSocket(socket);
    }
  }

  private endSocket(socket: TafelSocket): void {
    socket.emit("session:ended", { v: PROTOCOL_VERSION, refusal: REFUSALS.signedOut });
    socket.data.openTables.clear();
    socket.disconnect(true);
  }

  /** Sessions expire on open sockets too, not only on the next HTTP request. */
  private endExpiredSessions(): void {
    const ctx = this.ctx;
    if (!ctx) return;
    const now = Date.now();
    const sessions = new Map(ctx.store.global.data.sessions.map((s) => [s.id, s]));
    for (const set of this.sockets.values()) {
      for (const socket of set) {
        if (!sessionLive(ctx, sessions.get(socket.data.sessionId), now)) this.endSocket(socket);
      }
    }
  }
}
