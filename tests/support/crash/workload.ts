// The crash harness's people and what they do: several clients at once, each in its
// own loop, on REST, socket.io and Yjs, against a Tafel in a child process. Every write
// is written into the CrashModel *before* it is sent (as unknown) and marked
// acknowledged when the answer arrives (see model.ts for what counts as an answer).
import { randomUUID } from "node:crypto";
import * as Y from "yjs";
import { PROTOCOL_VERSION, type Reply as SocketReply } from "../../../shared/protocol.js";
import { boardDocName, notebookDocName } from "../../../shared/collab.js";
import type { ActionView, AuthoredFragmentView, DeclineView, DraftView, MeetingView, SignedTreeHead, TableView } from "../../../shared/types.js";
import { ApiClient, type Reply } from "../api.js";
import { CollabClient } from "../collab.js";
import { bootstrapAdmin, buildMember, join, openTable, PASSWORD, type Member } from "../factories.js";
import { connect, eventually, type RecordingSocket } from "../realtime.js";
import { startServer } from "../server.js";
import { CrashModel, type DraftRecord, type FragmentRecord, type Outcome, type ParticipationRecord, type YjsRecord } from "./model.js";
import type { Random } from "./random.js";

/** Where the clients send their requests: updated when the child server restarts (new port). */
export interface Endpoint {
  url: string;
  origin: string;
}

export interface Person {
  name: string;
  accountId: string;
  username: string;
  client: ApiClient;
}

export interface CrashWorld {
  endpoint: Endpoint;
  chair: Person;
  members: Person[];
  /** Not at the table at first: the chair invites them during the workload. */
  extras: Person[];
  tableId: string;
  personConcernedId: string;
}

/** Yjs documents hold the harness's tokens here, beside what the client app uses. */
export const YJS_ARRAY = "crash-harness";

function rebind(member: Member, endpoint: Endpoint, name: string): Person {
  const client = new ApiClient(endpoint);
  client.cookie = member.client.cookie;
  return { name, accountId: member.account.id, username: member.username, client };
}

/**
 * Accounts and the table, made once on an in-process server that then stops cleanly
 * (scrypt makes accounts slow; sessions are in the data directory, so the cookies work
 * on the child process too).
 */
export async function buildCrashWorld(dataDir: string, members = 3, extras = 1): Promise<CrashWorld> {
  const setup = await startServer({ dataDir });
  try {
    const admin = await bootstrapAdmin(setup);
    const chair = await buildMember(setup, admin, { name: "Chair" });
    const ms: Member[] = [];
    for (let i = 0; i < members; i += 1) ms.push(await buildMember(setup, admin, { name: `Member ${i + 1}` }));
    const xs: Member[] = [];
    for (let i = 0; i < extras; i += 1) xs.push(await buildMember(setup, admin, { name: `Extra ${i + 1}` }));
    const table = await openTable(chair);
    for (const m of ms) await join(chair, m, table.id);
    const person = table.personsConcerned[0];
    if (!person) throw new Error("the table has no person concerned");
    const endpoint: Endpoint = { url: setup.url, origin: setup.origin };
    return {
      endpoint,
      chair: rebind(chair, endpoint, "Chair"),
      members: ms.map((m, i) => rebind(m, endpoint, `Member ${i + 1}`)),
      extras: xs.map((m, i) => rebind(m, endpoint, `Extra ${i + 1}`)),
      tableId: table.id,
      personConcernedId: person.id,
    };
  } finally {
    await setup.stop();
  }
}

/** Points every client at a (re)started server: its address and the Origin its pages have. */
export function pointAt(world: CrashWorld, server: { url: string; origin: string }): void {
  world.endpoint.url = server.url;
  world.endpoint.origin = server.origin;
  for (const p of [world.chair, ...world.members, ...world.extras]) p.client.origin = server.origin;
}

/** The same people and table, with clients of their own (for a copy of the data directory). */
export function copyWorld(world: CrashWorld): CrashWorld {
  const endpoint: Endpoint = { ...world.endpoint };
  const copy = (p: Person): Person => {
    const client = new ApiClient(endpoint);
    client.cookie = p.client.cookie;
    return { ...p, client };
  };
  return { ...world, endpoint, chair: copy(world.chair), members: world.members.map(copy), extras: world.extras.map(copy) };
}

/** A network failure (the server is gone), as opposed to an answer. */
function isNetworkError(err: unknown): boolean {
  return err instanceof TypeError || (err instanceof Error && /closed|timed out|timeout|ECONNRE|socket/i.test(err.message));
}

interface Seat {
  person: Person;
  socket: RecordingSocket | null;
  board: CollabClient | null;
  notebook: CollabClient | null;
  /** Yjs tokens sent on this trial's connections, not yet acknowledged. */
  pendingYjs: YjsRecord[];
  /** Deliveries already reported as opened. */
  opened: Set<string>;
  signedInThisTrial: boolean;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Runs `op` on a random item, if there is one. */
async function withPick<T>(rng: Random, items: readonly T[], op: (item: T) => Promise<unknown>): Promise<void> {
  const item = rng.pick(items);
  if (item !== undefined) await op(item);
}

/**
 * One trial's workload. `connect` opens every active person's socket and Yjs documents,
 * `plantRevokedCanary` releases a canary and revokes it (both acknowledged) before the
 * kill, `start` runs the loops until `killed` is set and the server is gone.
 */
export class Workload {
  private readonly seats = new Map<string, Seat>();
  private killed = false;
  private loops: Promise<void>[] = [];
  /** Ids of people active at the main table, as far as the clients know for sure. */
  readonly active = new Set<string>();
  private openedTableThisTrial = false;

  constructor(
    readonly world: CrashWorld,
    readonly model: CrashModel,
    private readonly rng: Random,
  ) {}

  private everyone(): Person[] {
    return [this.world.chair, ...this.world.members, ...this.world.extras];
  }

  private seat(p: Person): Seat {
    let s = this.seats.get(p.accountId);
    if (!s) {
      s = { person: p, socket: null, board: null, notebook: null, pendingYjs: [], opened: new Set(), signedInThisTrial: false };
      this.seats.set(p.accountId, s);
    }
    return s;
  }

  /**
   * After a restart (and its check), the clients learn what became of the writes that
   * were in flight at the kill: whatever the server shows now is durable, so it is
   * adopted; the rest is forgotten (the check has allowed both).
   */
  async learnAfterRestart(): Promise<void> {
    const t = this.world.tableId;
    const table = await this.world.chair.client.ok<TableView>("GET", `/api/tables/${t}`);
    this.active.clear();
    for (const p of table.participants) if (p.state === "active") this.active.add(p.id);
    const views = new Map<string, TableView>([[t, table]]);
    for (const other of this.model.tables) views.set(other.id, await this.world.chair.client.ok<TableView>("GET", `/api/tables/${other.id}`));
    const survived = this.model.participations.flatMap((r) => {
      const now = views.get(r.tableId)?.participants.find((p) => p.id === r.accountId);
      return now ? [{ ...r, invite: "acked" as const, accept: now.state === "active" ? ("acked" as const) : ("none" as const) }] : [];
    });
    this.model.participations.splice(0, this.model.participations.length, ...survived);
    for (const p of this.everyone().filter((x) => this.active.has(x.accountId))) {
      const drafts = await p.client.ok<DraftView[]>("GET", `/api/tables/${t}/drafts`);
      const released = await p.client.ok<AuthoredFragmentView[]>("GET", `/api/tables/${t}/fragments/released`);
      for (const d of this.model.drafts.filter((x) => x.ownerId === p.accountId && x.tableId === t)) {
        const draft = drafts.find((x) => x.id === d.id);
        if (draft) {
          d.release = "none";
          d.bodies = [{ body: draft.body, outcome: "acked" }];
          continue;
        }
        const fragment = released.find((f) => f.title.includes(d.canary));
        if (fragment && d.release !== "acked") {
          d.release = "acked";
          d.fragmentId = fragment.id;
          this.model.fragments.push({
            id: fragment.id,
            tableId: t,
            authorId: p.accountId,
            canary: d.canary,
            recipients: fragment.recipients.map((r) => r.recipient.id),
            revoked: new Map(fragment.recipients.filter((r) => r.revokedAt).map((r) => [r.recipient.id, "acked"])),
          });
        }
      }
      for (const f of this.model.fragments.filter((x) => x.authorId === p.accountId && x.tableId === t)) {
        const view = released.find((x) => x.id === f.id);
        for (const [r, outcome] of [...f.revoked]) {
          if (outcome === "acked") continue;
          if (view?.recipients.find((x) => x.recipient.id === r)?.revokedAt) f.revoked.set(r, "acked");
          else f.revoked.delete(r);
        }
      }
    }
    const meetings = await this.world.chair.client.ok<MeetingView[]>("GET", `/api/tables/${t}/meetings`);
    for (const m of meetings) {
      if (!m.minutes && !this.model.meetings.some((x) => x.id === m.id)) this.model.meetings.push({ tableId: t, id: m.id });
    }
  }

  async connect(): Promise<void> {
    const t = this.world.tableId;
    const base = { baseUrl: this.world.endpoint.url, origin: this.world.endpoint.origin };
    for (const p of this.everyone().filter((x) => this.active.has(x.accountId))) {
      const s = this.seat(p);
      s.socket = await connect(p.client);
      const reply = await s.socket.openTable(t);
      if (!reply.ok) throw new Error(`${p.name} could not open the table: ${JSON.stringify(reply)}`);
      this.model.sockets.push({ accountId: p.accountId, tableId: t, socket: s.socket });
      s.board = await CollabClient.synced(p.client, boardDocName(t), base);
      s.notebook = await CollabClient.synced(p.client, notebookDocName(t, p.accountId), base);
    }
  }

  /**
   * After the kill, before the documents are dropped: every token a client holds that
   * another person sent reached it through the server, which relays an update only once
   * it is durable — so it was acknowledged, and must survive the kill.
   */
  learnRelayed(): void {
    const unknown = new Map(this.model.yjs.filter((y) => y.outcome === "unknown").map((y) => [y.token, y]));
    for (const s of this.seats.values()) {
      for (const c of [s.board, s.notebook]) {
        if (!c) continue;
        for (const token of yjsTokens(c.doc)) {
          const y = unknown.get(token);
          if (y && y.accountId !== s.person.accountId) {
            y.outcome = "acked";
            y.relayed = true;
          }
        }
      }
    }
  }

  /** Closes this trial's connections (after the kill they are closed already). */
  async disconnect(): Promise<void> {
    for (const s of this.seats.values()) {
      s.socket?.close();
      await Promise.all([s.board?.close(), s.notebook?.close()]);
      s.socket = null;
      s.board = null;
      s.notebook = null;
      s.pendingYjs = [];
      s.signedInThisTrial = false;
    }
  }

  /** A request that is recorded by outcome: 2xx acknowledged, 4xx refused, 5xx a failure. */
  private async call<T>(p: Person, method: string, path: string, body?: unknown): Promise<Reply<T> | null> {
    const reply = await p.client.request<T>(method, path, body);
    if (reply.status >= 500) {
      this.model.workloadErrors.push(`${p.name} ${method} ${path} → ${reply.status}: ${reply.text.slice(0, 200)}`);
      return null;
    }
    if (reply.status >= 300) {
      this.model.refused += 1;
      return null;
    }
    return reply;
  }

  /**
   * A member's draft with a canary, released to `recipient` and then revoked for them,
   * both acknowledged, before the workload starts: after the restart the canary must
   * not reach that recipient (invariant 1 survives the crash). `released` revokes a
   * canary released earlier instead of releasing a new one.
   */
  async plantRevokedCanary(released?: FragmentRecord): Promise<void> {
    const fragment = released ?? (await this.releaseCanary());
    const recipient = fragment.recipients[0];
    const author = this.everyone().find((p) => p.accountId === fragment.authorId);
    if (!recipient || !author) throw new Error("the canary has no recipient or author");
    await this.revoke(author, fragment.id, [recipient]);
    if (fragment.revoked.get(recipient) !== "acked") throw new Error("the canary revocation was refused");
  }

  /** The first member releases a canary to the second, who receives it on their socket. */
  async releaseCanary(): Promise<FragmentRecord> {
    const author = this.world.members[0];
    const recipient = this.world.members[1];
    if (!author || !recipient) throw new Error("the crash world needs two members");
    const before = this.model.fragments.length;
    const draft = await this.createDraft(author);
    if (!draft) throw new Error("the canary draft was refused");
    await this.release(author, draft, [recipient.accountId]);
    const fragment = this.model.fragments[before];
    if (!fragment) throw new Error("the canary release was refused");
    const socket = this.seat(recipient).socket;
    if (socket) await eventually("the canary is delivered", () => socket.deliveries.some((d) => d.fragment.id === fragment.id), 15_000);
    return fragment;
  }

  start(): void {
    this.killed = false;
    this.openedTableThisTrial = false;
    this.loops = this.everyone().map((p, i) => this.loop(p, this.rng.fork(i + 1)));
  }

  /** Called just before the SIGKILL: errors from now on are the kill's. */
  markKilled(): void {
    this.killed = true;
  }

  /** Waits for every loop to notice the server is gone. */
  async stopped(): Promise<void> {
    await Promise.all(this.loops);
  }

  private async loop(p: Person, rng: Random): Promise<void> {
    while (!this.killed) {
      await sleep(rng.int(5, 40));
      if (this.killed) return;
      try {
        await this.step(p, rng);
      } catch (err) {
        if (this.killed) return;
        if (!isNetworkError(err)) {
          this.model.workloadErrors.push(`${p.name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        } else {
          this.model.workloadErrors.push(`${p.name}: the server went away before the kill: ${String(err)}`);
        }
        return;
      }
    }
  }

  private async step(p: Person, rng: Random): Promise<void> {
    const t = this.world.tableId;
    // An open invitation (to the main table or one the chair opened since) is accepted first.
    const invitation = this.model.participations.find((x) => x.accountId === p.accountId && x.invite === "acked" && x.accept === "none");
    if (invitation) {
      await this.accept(p, invitation);
      return;
    }
    if (!this.active.has(p.accountId)) return;
    const s = this.seat(p);
    const mine = this.model.drafts.filter((d) => d.ownerId === p.accountId && d.tableId === t && d.release === "none" && d.bodies[0]?.outcome === "acked");
    const released = this.model.fragments.filter((f) => f.authorId === p.accountId && f.tableId === t && f.recipients.some((r) => !f.revoked.has(r)));
    const ops: [number, () => Promise<unknown>][] = [
      [3, () => this.createDraft(p)],
      [mine.length > 0 ? 2 : 0, () => withPick(rng, mine, (d) => this.updateDraft(p, d, rng))],
      [mine.length > 0 ? 3 : 0, () => withPick(rng, mine, (d) => this.release(p, d, rng.subset(this.recipientsFor(p))))],
      [released.length > 0 ? 2 : 0, () => withPick(rng, released, (f) => this.revokeSome(p, f.id, rng))],
      [1, () => this.decline(p)],
      [s.board ? 2 : 0, () => this.yjsEdit(p, "board", rng)],
      [s.notebook ? 1 : 0, () => this.yjsEdit(p, p.accountId, rng)],
      [s.socket && s.socket.deliveries.some((d) => !s.opened.has(d.deliveryId)) ? 1 : 0, () => this.openDelivery(p, rng)],
      [1, () => this.treeHead(p)],
      [s.signedInThisTrial ? 0 : 0.15, () => this.signIn(p)],
    ];
    if (p === this.world.chair) {
      // Extras to the main table; everyone to the tables the chair opened during the workload.
      const invitable = [t, ...this.model.tables.map((x) => x.id)].flatMap((tableId) =>
        (tableId === t ? this.world.extras : [...this.world.members, ...this.world.extras])
          .filter((x) => !this.model.participations.some((r) => r.tableId === tableId && r.accountId === x.accountId))
          .map((x) => ({ tableId, x })),
      );
      ops.push([invitable.length > 0 ? 1.5 : 0, () => withPick(rng, invitable, (c) => this.invite(c.tableId, c.x))]);
      ops.push([3, () => this.meetingStep(rng)]);
      ops.push([this.openedTableThisTrial ? 0 : 0.5, () => this.openAnotherTable()]);
    }
    const total = ops.reduce((n, [w]) => n + w, 0);
    let x = rng.next() * total;
    for (const [w, op] of ops) {
      if (w === 0) continue;
      x -= w;
      if (x <= 0) {
        await op();
        return;
      }
    }
  }

  private recipientsFor(p: Person): string[] {
    return [...this.active].filter((id) => id !== p.accountId);
  }

  private async createDraft(p: Person): Promise<DraftRecord | null> {
    const canary = `CANARY-${randomUUID()}`;
    const body = `Draft body ${canary} v0`;
    const reply = await this.call<DraftView>(p, "POST", `/api/tables/${this.world.tableId}/drafts`, { title: `Title ${canary}`, body });
    if (!reply) return null;
    const d: DraftRecord = { id: reply.body.id, tableId: this.world.tableId, ownerId: p.accountId, canary, bodies: [{ body, outcome: "acked" }], release: "none" };
    this.model.drafts.push(d);
    return d;
  }

  private async updateDraft(p: Person, d: DraftRecord, rng: Random): Promise<void> {
    const body = `Draft body ${d.canary} v${d.bodies.length} ${rng.int(0, 1e6)}`;
    const entry: { body: string; outcome: Outcome } = { body, outcome: "unknown" };
    d.bodies.push(entry);
    if (await this.call(p, "PUT", `/api/tables/${d.tableId}/drafts/${d.id}`, { title: `Title ${d.canary}`, body })) entry.outcome = "acked";
  }

  private async release(p: Person, d: DraftRecord, recipients: string[]): Promise<void> {
    if (recipients.length === 0) return;
    d.release = "unknown";
    const reply = await this.call<AuthoredFragmentView>(p, "POST", `/api/tables/${d.tableId}/drafts/${d.id}/release`, {
      recipients,
      category: "social-financial",
      kind: "fact",
      personsConcerned: [this.world.personConcernedId],
      purpose: "integrity",
      justification: "Needed for the safety plan.",
    });
    if (!reply) return;
    d.release = "acked";
    d.fragmentId = reply.body.id;
    this.model.fragments.push({ id: reply.body.id, tableId: d.tableId, authorId: p.accountId, canary: d.canary, recipients, revoked: new Map() });
  }

  private async revokeSome(p: Person, fragmentId: string, rng: Random): Promise<void> {
    const f = this.model.fragments.find((x) => x.id === fragmentId);
    if (!f) return;
    const current = f.recipients.filter((r) => !f.revoked.has(r));
    await this.revoke(p, fragmentId, rng.chance(0.5) ? rng.subset(current) : undefined);
  }

  /** `recipients` undefined revokes for everyone it is currently released to. */
  private async revoke(p: Person, fragmentId: string, recipients: string[] | undefined): Promise<void> {
    const f = this.model.fragments.find((x) => x.id === fragmentId);
    if (!f) return;
    const targets = recipients ?? f.recipients.filter((r) => !f.revoked.has(r));
    if (targets.length === 0) return;
    for (const r of targets) f.revoked.set(r, "unknown");
    const reply = await this.call(p, "POST", `/api/tables/${f.tableId}/fragments/${f.id}/revoke`, recipients ? { recipients } : undefined);
    if (reply) for (const r of targets) f.revoked.set(r, "acked");
  }

  private async decline(p: Person): Promise<void> {
    const reply = await this.call<DeclineView>(p, "POST", `/api/tables/${this.world.tableId}/declines`, { question: `Question ${randomUUID()}`, reason: "Not relevant to the safety plan." });
    if (reply) this.model.declines.push({ tableId: this.world.tableId, id: reply.body.id });
  }

  private async yjsEdit(p: Person, doc: string, rng: Random): Promise<void> {
    const s = this.seat(p);
    const c = doc === "board" ? s.board : s.notebook;
    if (!c) return;
    // A few keystrokes at once, each its own update: several in flight per document, so
    // that group commits of more than one update are what the kill interrupts.
    for (let i = rng.int(1, 4); i > 0; i -= 1) {
      const record: YjsRecord = { tableId: this.world.tableId, doc, accountId: p.accountId, token: `Y-${randomUUID()}`, outcome: "unknown" };
      this.model.yjs.push(record);
      s.pendingYjs.push(record);
      c.doc.getArray<string>(YJS_ARRAY).push([record.token]);
    }
    if (rng.chance(0.5)) {
      // Everything this person sent on this document before the question is answered now.
      const covered = s.pendingYjs.filter((y) => y.doc === doc);
      await c.ack();
      for (const y of covered) y.outcome = "acked";
      s.pendingYjs = s.pendingYjs.filter((y) => y.outcome !== "acked");
    }
  }

  private async openDelivery(p: Person, rng: Random): Promise<void> {
    const s = this.seat(p);
    const socket = s.socket;
    const d = rng.pick(socket?.deliveries.filter((x) => !s.opened.has(x.deliveryId)) ?? []);
    if (!socket || !d) return;
    s.opened.add(d.deliveryId);
    const reply: SocketReply = await socket.socket.timeout(8000).emitWithAck("fragment:opened", {
      v: PROTOCOL_VERSION,
      tableId: this.world.tableId,
      fragmentId: d.fragment.id,
      deliveryId: d.deliveryId,
    });
    // Refused when the release was revoked meanwhile: nothing was written.
    if (reply.ok) this.model.opened.push({ tableId: this.world.tableId, fragmentId: d.fragment.id, recipientId: p.accountId });
  }

  private async treeHead(p: Person): Promise<void> {
    const reply = await this.call<SignedTreeHead>(p, "GET", `/api/tables/${this.world.tableId}/log/sth`);
    if (reply) this.model.seenHead(this.world.tableId, reply.body);
  }

  /** A new session: acknowledged once the answer (with its cookie) arrives. */
  private async signIn(p: Person): Promise<void> {
    this.seat(p).signedInThisTrial = true;
    const fresh = new ApiClient(this.world.endpoint);
    const reply = await fresh.request("POST", "/api/auth/login", { username: p.username, password: PASSWORD });
    if (reply.status >= 500) this.model.workloadErrors.push(`${p.name} sign-in → ${reply.status}`);
    else if (reply.status >= 300) this.model.refused += 1;
    else if (fresh.cookie) this.model.sessions.push({ username: p.username, cookie: fresh.cookie });
  }

  private async invite(tableId: string, x: Person): Promise<void> {
    const record: ParticipationRecord = { tableId, accountId: x.accountId, invite: "unknown", accept: "none" };
    this.model.participations.push(record);
    if (await this.call(this.world.chair, "POST", `/api/tables/${tableId}/participants`, { accountId: x.accountId })) record.invite = "acked";
  }

  private async accept(x: Person, record: ParticipationRecord): Promise<void> {
    record.accept = "unknown";
    if (await this.call(x, "POST", `/api/tables/${record.tableId}/accept`, { confidentialityAccepted: true })) {
      record.accept = "acked";
      // At the main table: a recipient from now on; its socket and documents open on the next trial's connect.
      if (record.tableId === this.world.tableId) this.active.add(x.accountId);
    }
  }

  private async meetingStep(rng: Random): Promise<void> {
    const t = this.world.tableId;
    const chair = this.world.chair;
    const meeting = this.model.meetings.filter((m) => m.tableId === t).at(-1);
    if (!meeting) {
      const reply = await this.call<MeetingView>(chair, "POST", `/api/tables/${t}/meetings`, { agenda: ["Safety plan", "Next steps"] });
      if (reply) this.model.meetings.push({ tableId: t, id: reply.body.id });
      return;
    }
    const choice = rng.int(0, 2);
    if (choice === 0) {
      const reply = await this.call<MeetingView>(chair, "POST", `/api/tables/${t}/meetings/${meeting.id}/decisions`, { text: `Decision ${randomUUID()}`, agendaItem: 0 });
      const decision = reply?.body.decisions.at(-1);
      if (decision) this.model.decisions.push({ tableId: t, id: decision.id, meetingId: meeting.id });
      return;
    }
    const actions = this.model.actions.filter((a) => a.tableId === t);
    if (choice === 1 || actions.length === 0) {
      const owner = rng.pick([...this.active]) ?? chair.accountId;
      const reply = await this.call<ActionView>(chair, "POST", `/api/tables/${t}/actions`, { title: `Action ${randomUUID()}`, ownerId: owner, due: "2027-03-01" });
      if (reply) this.model.actions.push({ tableId: t, id: reply.body.id, statuses: [] });
      return;
    }
    const action = rng.pick(actions);
    if (!action) return;
    const change = { status: rng.pick(["done", "not-done", "not-possible", "open"]) ?? "done", outcome: "unknown" as Outcome };
    action.statuses.push(change);
    if (await this.call(chair, "PATCH", `/api/tables/${t}/actions/${action.id}`, { status: change.status })) change.outcome = "acked";
  }

  private async openAnotherTable(): Promise<void> {
    this.openedTableThisTrial = true;
    const reply = await this.call<TableView>(this.world.chair, "POST", "/api/tables", {
      caseCode: `CRASH-${randomUUID().slice(0, 8)}`,
      purpose: "integrity",
      purposeDetail: "Protect the persons concerned.",
      personsConcerned: [{ pseudonym: "V1" }],
      confidentialityAccepted: true,
    });
    if (reply) this.model.tables.push({ tableId: reply.body.id, id: reply.body.id });
  }
}

/** The tokens in a Yjs document's harness array. */
export function yjsTokens(doc: Y.Doc): Set<string> {
  return new Set(doc.getArray<string>(YJS_ARRAY).toArray());
}
