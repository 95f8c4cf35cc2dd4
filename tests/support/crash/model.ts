// What the clients of the crash harness were told, channel by channel: every write the
// server acknowledged, and every write that was in flight when it died ("unknown":
// it may or may not have happened — both are correct after a crash).
//
// What "acknowledged" means, per channel:
// - REST: a 2xx response was received in full. A request whose connection broke (the
//   kill) is unknown.
// - socket.io, server → client: a `fragment:deliver` frame received means the server
//   had logged `fragment-sent` for that delivery durably first (invariant 2).
// - socket.io, client → server: `fragment:opened` answered `{ok: true}` means
//   `fragment-opened` is logged. The device's receipt (the ack of a delivery) gets no
//   answer, so the client never knows it was logged: not counted.
// - Yjs: updates sent before a SyncStep1 whose SyncStep2 answer arrived (the server
//   handles a connection's frames in order and answers a SyncStep1 only once every
//   update before it is durable; tests/support/collab.ts `ack()`), and every update
//   another person's client received (the server relays an update only after the fsync
//   that covers it). Updates sent after the last answer and seen by nobody are unknown.
// - The log: a signed tree head received vouches for every entry up to its size; the log
//   after the restart must extend it (RFC 6962 consistency).
import type { SignedTreeHead } from "../../../shared/types.js";
import type { RecordingSocket } from "../realtime.js";

export type Outcome = "acked" | "unknown";

export interface DraftRecord {
  id: string;
  tableId: string;
  ownerId: string;
  /** The draft's canary: in its title and body, so a release of it is recognisable. */
  canary: string;
  /** Bodies written, in order, each acknowledged or not. */
  bodies: { body: string; outcome: Outcome }[];
  release: Outcome | "none";
  fragmentId?: string;
}

export interface FragmentRecord {
  id: string;
  tableId: string;
  authorId: string;
  canary: string;
  recipients: string[];
  /** Recipient → outcome of a revocation for them. */
  revoked: Map<string, Outcome>;
}

export interface SessionRecord {
  username: string;
  cookie: string;
}

export interface ParticipationRecord {
  tableId: string;
  accountId: string;
  invite: Outcome;
  accept: Outcome | "none";
}

/** A record created by a 2xx answer: its id is only known from the answer, so it is acknowledged. */
export interface CreatedRecord {
  tableId: string;
  id: string;
}

export interface ActionRecord extends CreatedRecord {
  /** Status changes sent, in order. */
  statuses: { status: string; outcome: Outcome }[];
}

export interface YjsRecord {
  tableId: string;
  /** "board" or the notebook owner's account id. */
  doc: string;
  /** The client that sent it: its document and socket are per trial. */
  accountId: string;
  token: string;
  outcome: Outcome;
  /** Acknowledged by reaching another person's client (a relay), not by an answer. */
  relayed?: boolean;
}

export interface OpenedRecord {
  tableId: string;
  fragmentId: string;
  recipientId: string;
}

export class CrashModel {
  readonly drafts: DraftRecord[] = [];
  readonly fragments: FragmentRecord[] = [];
  readonly sessions: SessionRecord[] = [];
  readonly participations: ParticipationRecord[] = [];
  readonly declines: CreatedRecord[] = [];
  readonly meetings: CreatedRecord[] = [];
  readonly decisions: (CreatedRecord & { meetingId: string })[] = [];
  readonly actions: ActionRecord[] = [];
  readonly tables: CreatedRecord[] = [];
  readonly yjs: YjsRecord[] = [];
  readonly opened: OpenedRecord[] = [];
  /** Every socket of every trial, with the deliveries it received. */
  readonly sockets: { accountId: string; tableId: string; socket: RecordingSocket }[] = [];
  /** Signed tree heads received, per table. */
  readonly heads = new Map<string, SignedTreeHead[]>();
  /** Requests the server refused (4xx) during the workload: counted, not failures. */
  refused = 0;
  /** 5xx answers, and errors while the server was still alive: always failures. */
  readonly workloadErrors: string[] = [];

  seenHead(tableId: string, head: SignedTreeHead): void {
    const list = this.heads.get(tableId) ?? [];
    list.push(head);
    this.heads.set(tableId, list);
  }

  /**
   * What was acknowledged up to now, as a copy later changes do not reach: what a backup
   * started now must hold.
   */
  freeze(): CrashModel {
    const m = new CrashModel();
    m.drafts.push(...this.drafts.map((d) => ({ ...d, bodies: d.bodies.map((b) => ({ ...b })) })));
    m.fragments.push(...this.fragments.map((f) => ({ ...f, recipients: [...f.recipients], revoked: new Map(f.revoked) })));
    m.sessions.push(...this.sessions);
    m.participations.push(...this.participations.map((p) => ({ ...p })));
    m.declines.push(...this.declines);
    m.meetings.push(...this.meetings);
    m.decisions.push(...this.decisions);
    m.actions.push(...this.actions.map((a) => ({ ...a, statuses: a.statuses.map((x) => ({ ...x })) })));
    m.tables.push(...this.tables);
    m.yjs.push(...this.yjs.map((y) => ({ ...y })));
    m.opened.push(...this.opened);
    m.sockets.push(...this.sockets.map((s) => ({ ...s, socket: { ...s.socket, deliveries: [...s.socket.deliveries] } })));
    for (const [t, heads] of this.heads) m.heads.set(t, [...heads]);
    return m;
  }

  /**
   * A copy taken after the freeze may also hold what happened since (it is not all taken
   * at one instant): later draft bodies, releases and status changes become allowed
   * (unknown) in this frozen model, never required.
   */
  allowLater(live: CrashModel): void {
    for (const d of this.drafts) {
      const now = live.drafts.find((x) => x.id === d.id);
      if (!now) continue;
      d.bodies.push(...now.bodies.slice(d.bodies.length).map((b) => ({ body: b.body, outcome: "unknown" as const })));
      if (d.release === "none" && now.release !== "none") d.release = "unknown";
    }
    for (const a of this.actions) {
      const now = live.actions.find((x) => x.id === a.id);
      if (now) a.statuses.push(...now.statuses.slice(a.statuses.length).map((x) => ({ status: x.status, outcome: "unknown" as const })));
    }
  }

  /** How many acknowledged writes the check will look for. */
  acknowledgedCount(): number {
    const acked = (o: Outcome | "none") => (o === "acked" ? 1 : 0);
    let n = 0;
    for (const d of this.drafts) n += d.bodies.filter((b) => b.outcome === "acked").length + acked(d.release);
    for (const f of this.fragments) n += [...f.revoked.values()].filter((o) => o === "acked").length;
    n += this.sessions.length;
    for (const p of this.participations) n += acked(p.invite) + acked(p.accept);
    n += this.declines.length + this.meetings.length + this.decisions.length + this.tables.length;
    for (const a of this.actions) n += 1 + a.statuses.filter((s) => s.outcome === "acked").length;
    n += this.yjs.filter((y) => y.outcome === "acked").length;
    n += this.opened.length;
    for (const s of this.sockets) n += s.socket.deliveries.length;
    for (const heads of this.heads.values()) n += heads.length;
    return n;
  }
}
