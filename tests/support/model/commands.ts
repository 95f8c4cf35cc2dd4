// The commands of the model-based adversarial test. Each one: a precondition on the
// model (`check`), the real step against the server with the outcome the model predicts
// asserted, the model update, then the invariant (system.ts) after every step.
import * as fc from "fast-check";
import { expect } from "vitest";
import { PROTOCOL_VERSION } from "../../../shared/protocol.js";
import type { AuthoredFragmentView, DraftView } from "../../../shared/types.js";
import { CollabClient, frames } from "../collab.js";
import { canary } from "../factories.js";
import { connect, eventually, type RecordingSocket } from "../realtime.js";
import { BOARD_TEXT, boardText, checkInvariant, serverLog, type Model, type ModelFragment, type Real } from "./system.js";
import * as Y from "yjs";
import { PEOPLE } from "./fixture.js";

type Cmd = fc.AsyncCommand<Model, Real>;

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

/** Runs a step, counts it, then checks the invariant. */
abstract class Step implements Cmd {
  abstract check(m: Readonly<Model>): boolean;
  abstract act(m: Model, r: Real): Promise<void>;
  abstract toString(): string;
  async run(m: Model, r: Real): Promise<void> {
    r.step += 1;
    r.stats.steps += 1;
    const name = this.constructor.name;
    r.stats.commands.set(name, (r.stats.commands.get(name) ?? 0) + 1);
    await this.act(m, r);
    await checkInvariant(m, r);
  }
}

const active = (m: Readonly<Model>, i: number) => m.people[i] === "active";
const others = (m: Readonly<Model>, i: number) => m.people.map((_, j) => j).filter((j) => j !== i);
const pick = <T>(xs: readonly T[], n: number): T | undefined => (xs.length === 0 ? undefined : xs[n % xs.length]);
const released = (m: Readonly<Model>) => m.fragments.filter((f): f is ModelFragment & { id: string } => f.id !== undefined);

/** People (never the chair) in one of these states, for commands that pick among them. */
const inState = (m: Readonly<Model>, ...states: string[]) => m.people.map((_, j) => j).filter((j) => j !== 0 && states.includes(m.people[j] as string));
const resolved = (n: number | undefined) => (n === undefined ? "" : ` → ${n}`);

function endRelease(f: ModelFragment, who: number, step: number): void {
  if (f.recipients.delete(who)) f.endedAt.set(who, step);
}

/** The person's socket, opened and at the table if the model says they may be. */
export async function openSocket(r: Real, who: number): Promise<{ socket: RecordingSocket; reply: { ok: boolean } }> {
  const socket = await connect(r.person(who).client);
  r.trackSocket(who, socket);
  r.sockets.get(who)?.close();
  r.sockets.set(who, socket);
  const reply = await socket.openTable(r.tableId);
  return { socket, reply };
}

async function boardClient(r: Real, who: number): Promise<CollabClient> {
  const existing = r.collab.get(who);
  if (existing && existing.closeInfo === null) return existing;
  const c = await CollabClient.synced(r.person(who).client, `table/${r.tableId}/board`);
  r.trackCollab(who, c);
  r.collab.set(who, c);
  return c;
}

// ---- the table's life -------------------------------------------------------------

/** The chair invites someone never at the table or removed (a re-invitation restores nothing). */
export class Invite extends Step {
  target: number | undefined;
  constructor(readonly n: number, readonly acceptToo: boolean) {
    super();
  }
  check(m: Readonly<Model>) {
    return inState(m, "none", "removed").length > 0;
  }
  async act(m: Model, r: Real) {
    const target = pick(inState(m, "none", "removed"), this.n) as number;
    this.target = target;
    const res = await r.person(0).client.post(`/api/tables/${r.tableId}/participants`, { accountId: r.person(target).account.id });
    expect(res.status, res.text).toBe(201);
    m.people[target] = "invited";
    if (this.acceptToo) {
      const accepted = await r.person(target).client.post(`/api/tables/${r.tableId}/accept`, { confidentialityAccepted: true });
      expect(accepted.status, accepted.text).toBe(200);
      m.people[target] = "active";
    }
  }
  toString() {
    return `Invite(#${this.n}${resolved(this.target)}${this.acceptToo ? ", accepts" : ""})`;
  }
}

export class Accept extends Step {
  who: number | undefined;
  constructor(readonly n: number) {
    super();
  }
  check(m: Readonly<Model>) {
    return inState(m, "invited").length > 0;
  }
  async act(m: Model, r: Real) {
    const who = pick(inState(m, "invited"), this.n) as number;
    this.who = who;
    const res = await r.person(who).client.post(`/api/tables/${r.tableId}/accept`, { confidentialityAccepted: true });
    expect(res.status, res.text).toBe(200);
    m.people[who] = "active";
  }
  toString() {
    return `Accept(#${this.n}${resolved(this.who)})`;
  }
}

export class Remove extends Step {
  target: number | undefined;
  constructor(readonly n: number) {
    super();
  }
  check(m: Readonly<Model>) {
    return inState(m, "active", "invited").length > 0;
  }
  async act(m: Model, r: Real) {
    const target = pick(inState(m, "active", "invited"), this.n) as number;
    this.target = target;
    const res = await r.person(0).client.delete(`/api/tables/${r.tableId}/participants/${r.person(target).account.id}`);
    expect(res.status, res.text).toBe(204);
    removeInModel(m, r, target);
    await expectBoardClosed(r, target);
  }
  toString() {
    return `Remove(#${this.n}${resolved(this.target)})`;
  }
}

/** A removed person's board connection is closed at once, with 4403. */
async function expectBoardClosed(r: Real, who: number): Promise<void> {
  const c = r.collab.get(who);
  if (!c) return;
  const info = await Promise.race([c.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 3000))]);
  expect(info?.code, "a removed person's board connection is closed with 4403").toBe(4403);
}

function removeInModel(m: Model, r: Real, target: number): void {
  m.people[target] = "removed";
  for (const f of m.fragments) endRelease(f, target, r.step);
}

/** Someone other than the chair tries to remove or invite: refused, nothing changes. */
export class NonChairManages extends Step {
  constructor(readonly actor: number, readonly target: number, readonly remove: boolean) {
    super();
  }
  check(m: Readonly<Model>) {
    return this.actor !== 0 && this.target !== this.actor && m.people[this.actor] !== "none";
  }
  async act(_m: Model, r: Real) {
    const c = r.person(this.actor).client;
    const res = this.remove
      ? await c.delete(`/api/tables/${r.tableId}/participants/${r.person(this.target).account.id}`)
      : await c.post(`/api/tables/${r.tableId}/participants`, { accountId: r.person(this.target).account.id });
    expect([403, 404, 409], res.text).toContain(res.status);
  }
  toString() {
    return `NonChairManages(${this.actor} ${this.remove ? "removes" : "invites"} ${this.target})`;
  }
}

// ---- releasing and revoking ------------------------------------------------------

export class Release extends Step {
  author = -1;
  constructor(readonly n: number, readonly mask: number, readonly addIneligible: number | null) {
    super();
  }
  private authors(m: Readonly<Model>): number[] {
    return m.people.map((_, j) => j).filter((j) => active(m, j) && others(m, j).some((k) => active(m, k)));
  }
  check(m: Readonly<Model>) {
    return this.authors(m).length > 0;
  }
  async act(m: Model, r: Real) {
    this.author = pick(this.authors(m), this.n) as number;
    const eligible = others(m, this.author).filter((j) => active(m, j));
    let chosen = eligible.filter((j) => (this.mask >> j) & 1);
    if (chosen.length === 0) chosen = [eligible[this.mask % eligible.length] as number];
    const ineligible = others(m, this.author).filter((j) => !active(m, j));
    const extra = this.addIneligible === null ? undefined : pick(ineligible, this.addIneligible);
    const secret = canary();
    const f: ModelFragment = { id: undefined, canary: secret, author: this.author, recipients: new Set(), grantedAt: new Map(), endedAt: new Map() };
    m.fragments.push(f);
    r.canaries.set(secret, f);
    const c = r.person(this.author).client;
    const draft = await c.ok<DraftView>("POST", `/api/tables/${r.tableId}/drafts`, { title: `Title ${secret}`, body: `Body ${secret} end.` });
    const recipients = [...chosen, ...(extra === undefined ? [] : [extra])].map((j) => r.person(j).account.id);
    const res = await c.post<AuthoredFragmentView>(`/api/tables/${r.tableId}/drafts/${draft.id}/release`, {
      recipients,
      category: "social-financial",
      kind: "fact",
      personsConcerned: [r.table.personsConcerned[0]?.id],
      purpose: "integrity",
      justification: "Needed for the safety plan.",
    });
    if (extra !== undefined) {
      // A recipient who is not an active participant: nothing is released to anyone.
      expect(res.status, res.text).toBe(400);
      return;
    }
    expect(res.status, res.text).toBe(201);
    f.id = res.body.id;
    for (const j of chosen) {
      f.recipients.add(j);
      f.grantedAt.set(j, r.step);
    }
  }
  toString() {
    return `Release(#${this.n} → by ${this.author}, mask ${this.mask.toString(2)}${this.addIneligible === null ? "" : ", plus an ineligible one"})`;
  }
}

export class Revoke extends Step {
  constructor(readonly fragment: number, readonly one: number | null) {
    super();
  }
  check(m: Readonly<Model>) {
    return released(m).some((f) => f.recipients.size > 0);
  }
  async act(m: Model, r: Real) {
    const f = pick(released(m).filter((x) => x.recipients.size > 0), this.fragment) as ModelFragment & { id: string };
    const target = this.one === null ? null : ([...f.recipients][this.one % f.recipients.size] as number);
    const path = `/api/tables/${r.tableId}/fragments/${f.id}/revoke`;
    const c = r.person(f.author).client;
    const res = target === null ? await c.request("POST", path) : await c.post(path, { recipients: [r.person(target).account.id] });
    if (!active(m, f.author)) {
      expect(res.status, res.text).toBe(403);
      return;
    }
    expect(res.status, res.text).toBe(200);
    for (const j of target === null ? [...f.recipients] : [target]) endRelease(f, j, r.step);
  }
  toString() {
    return `Revoke(fragment #${this.fragment}, ${this.one === null ? "all" : `one #${this.one}`})`;
  }
}

/** Anyone (recipient, author, stranger, removed) reads a fragment over REST. */
export class RestRead extends Step {
  constructor(readonly who: number, readonly fragment: number) {
    super();
  }
  check(m: Readonly<Model>) {
    return released(m).length > 0;
  }
  async act(m: Model, r: Real) {
    const f = pick(released(m), this.fragment) as ModelFragment & { id: string };
    const res = await r.person(this.who).client.get(`/api/tables/${r.tableId}/fragments/${f.id}`);
    const allowed = active(m, this.who) && f.recipients.has(this.who);
    if (allowed) expect(res.status, res.text).toBe(200);
    else expect([403, 404], res.text).toContain(res.status);
  }
  toString() {
    return `RestRead(${this.who}, fragment #${this.fragment})`;
  }
}

// ---- sockets and the board -------------------------------------------------------

export class Reconnect extends Step {
  constructor(readonly who: number) {
    super();
  }
  check() {
    return true;
  }
  async act(m: Model, r: Real) {
    const { reply } = await openSocket(r, this.who);
    expect(reply.ok, JSON.stringify(reply)).toBe(active(m, this.who));
  }
  toString() {
    return `Reconnect(${this.who})`;
  }
}

export class BoardEdit extends Step {
  constructor(readonly who: number) {
    super();
  }
  check() {
    return true;
  }
  async act(m: Model, r: Real) {
    if (!active(m, this.who)) {
      // Not at the table: the upgrade is accepted and closed at once, before any document byte.
      const c = await CollabClient.open(r.person(this.who).client, `table/${r.tableId}/board`);
      r.trackCollab(this.who, c);
      const info = await c.closed;
      expect([4403, 4404], `${info.code} ${info.reason}`).toContain(info.code);
      return;
    }
    const c = await boardClient(r, this.who);
    const marker = `edit-${r.step}-${this.who}`;
    c.doc.getText(BOARD_TEXT).insert(0, `${marker};`);
    await c.ack();
    m.board.push(marker);
    const text = await boardText(r);
    for (const b of m.board) expect(text, "the board keeps every participant's edit").toContain(b);
  }
  toString() {
    return `BoardEdit(${this.who})`;
  }
}

// ---- adversarial moves -----------------------------------------------------------

interface RawSocket {
  timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };
}

/** A forged `table:open` for a table the sender is not at (the side table, or a random id). */
export class ForgedTableOpen extends Step {
  constructor(readonly who: number, readonly randomId: boolean) {
    super();
  }
  check(m: Readonly<Model>) {
    return this.who !== 0 || this.randomId;
  }
  async act(m: Model, r: Real) {
    const socket = r.sockets.get(this.who) ?? (await openSocket(r, this.who)).socket;
    const tableId = this.randomId ? UNKNOWN_ID : r.fixture.sideTable.id;
    const reply = await socket.socket.timeout(5000).emitWithAck("table:open", { v: PROTOCOL_VERSION, tableId });
    expect(reply.ok).toBe(false);
    void m;
  }
  toString() {
    return `ForgedTableOpen(${this.who}, ${this.randomId ? "unknown id" : "side table"})`;
  }
}

/** `fragment:opened` naming a delivery the server made to someone else. */
export class ForgedOpened extends Step {
  constructor(readonly who: number, readonly victim: number) {
    super();
  }
  check() {
    return true;
  }
  async act(_m: Model, r: Real) {
    // Deliveries the server made to someone else, as their sockets saw them.
    const theirs = r.allSockets.filter((s) => r.owners.get(s) !== this.who).flatMap((s) => s.deliveries);
    // None yet: a delivery id nobody was given.
    const stolen = pick(theirs, this.victim) ?? { fragment: { id: UNKNOWN_ID }, deliveryId: UNKNOWN_ID };
    const socket = r.sockets.get(this.who) ?? (await openSocket(r, this.who)).socket;
    const sizeBefore = (await serverLog(r)).length;
    const reply = await socket.socket
      .timeout(5000)
      .emitWithAck("fragment:opened", { v: PROTOCOL_VERSION, tableId: r.tableId, fragmentId: stolen.fragment.id, deliveryId: stolen.deliveryId });
    expect(reply.ok, JSON.stringify(reply)).toBe(false);
    const log = await serverLog(r);
    expect(log.slice(sizeBefore).filter((e) => e.type === "fragment-opened" && e.recipient === r.person(this.who).account.id)).toEqual([]);
  }
  toString() {
    return `ForgedOpened(${this.who}, delivery #${this.victim})`;
  }
}

/** Malformed payloads on every client event: refused through the ack, the socket lives on. */
export class Malformed extends Step {
  constructor(readonly who: number, readonly event: string, readonly args: unknown[]) {
    super();
  }
  check() {
    return true;
  }
  async act(_m: Model, r: Real) {
    const socket = r.sockets.get(this.who) ?? (await openSocket(r, this.who)).socket;
    const raw = socket.socket as unknown as RawSocket;
    const reply = (await raw.timeout(5000).emitWithAck(this.event, ...this.args)) as { ok?: unknown };
    expect(reply.ok, JSON.stringify(reply).slice(0, 200)).toBe(false);
    expect(socket.socket.connected).toBe(true);
  }
  toString() {
    return `Malformed(${this.who}, ${this.event}, ${JSON.stringify(this.args).slice(0, 80)})`;
  }
}

/** After removal: replay every frame an earlier board connection sent, plus a new edit. */
export class ReplayAfterRemoval extends Step {
  who = -1;
  constructor(readonly n: number) {
    super();
  }
  check(m: Readonly<Model>) {
    return inState(m, "removed").length > 0;
  }
  async act(m: Model, r: Real) {
    this.who = pick(inState(m, "removed"), this.n) as number;
    const earlier = (r.collabHistory.get(this.who) ?? []).flatMap((c) => c.sent);
    const stale = new Y.Doc();
    for (const c of r.collabHistory.get(this.who) ?? []) Y.applyUpdate(stale, Y.encodeStateAsUpdate(c.doc));
    const marker = `REPLAY-${r.step}-${this.who}`;
    const before = Y.encodeStateVector(stale);
    stale.getText(BOARD_TEXT).insert(0, marker);
    const forged = Y.encodeStateAsUpdate(stale, before);
    const c = await CollabClient.open(r.person(this.who).client, `table/${r.tableId}/board`);
    r.trackCollab(this.who, c);
    for (const bytes of earlier) c.sendRaw(bytes);
    c.sendRaw(frames.update(forged));
    const info = await c.closed;
    expect(info.code, info.reason).toBe(4403);
    expect(await boardText(r)).not.toContain(marker);
    void m;
  }
  toString() {
    return `ReplayAfterRemoval(#${this.n} → ${this.who})`;
  }
}

// ---- races, ordered by fast-check's scheduler ---------------------------------------

/** Starts both thunks in the order the scheduler picks, after an optional delay for the second. */
async function race(r: Real, a: [string, () => Promise<void>], b: [string, () => Promise<void>], delayMs: number): Promise<void> {
  const s = r.scheduler;
  let started = 0;
  const go = ([label, thunk]: [string, () => Promise<void>]) =>
    s.schedule(Promise.resolve(label), label).then(async () => {
      started += 1;
      if (started === 2 && delayMs > 0) await new Promise((res) => setTimeout(res, delayMs));
      await thunk();
    });
  const both = Promise.all([go(a), go(b)]);
  await s.waitAll();
  await both;
}

/** The author revokes a recipient while that recipient's new socket is being re-delivered to, or reads over REST. */
export class RaceRevokeVsDelivery extends Step {
  constructor(readonly fragment: number, readonly one: number, readonly rest: boolean, readonly delayMs: number) {
    super();
  }
  check(m: Readonly<Model>) {
    return released(m).some((f) => f.recipients.size > 0 && active(m, f.author));
  }
  async act(m: Model, r: Real) {
    const f = pick(released(m).filter((x) => x.recipients.size > 0 && active(m, x.author)), this.fragment) as ModelFragment & { id: string };
    const target = [...f.recipients][this.one % f.recipients.size] as number;
    const revoke = async () => {
      const res = await r.person(f.author).client.post(`/api/tables/${r.tableId}/fragments/${f.id}/revoke`, { recipients: [r.person(target).account.id] });
      expect(res.status, res.text).toBe(200);
    };
    const deliver = async () => {
      if (this.rest) {
        const res = await r.person(target).client.get(`/api/tables/${r.tableId}/fragments/${f.id}`);
        expect([200, 404], res.text).toContain(res.status);
      } else {
        const { reply } = await openSocket(r, target);
        expect(reply.ok).toBe(true);
      }
    };
    await race(r, ["revoke", revoke], ["deliver", deliver], this.delayMs);
    endRelease(f, target, r.step);
  }
  toString() {
    return `RaceRevokeVsDelivery(fragment #${this.fragment}, recipient #${this.one}, ${this.rest ? "REST" : "socket"}, +${this.delayMs}ms)`;
  }
}

/** The chair removes someone while they reconnect. */
export class RaceRemoveVsReconnect extends Step {
  target = -1;
  constructor(readonly n: number, readonly delayMs: number) {
    super();
  }
  check(m: Readonly<Model>) {
    return inState(m, "active").length > 0;
  }
  async act(m: Model, r: Real) {
    this.target = pick(inState(m, "active"), this.n) as number;
    let socket: RecordingSocket | undefined;
    let reply: { ok: boolean } | undefined;
    const remove = async () => {
      const res = await r.person(0).client.delete(`/api/tables/${r.tableId}/participants/${r.person(this.target).account.id}`);
      expect(res.status, res.text).toBe(204);
    };
    const reconnect = async () => {
      ({ socket, reply } = await openSocket(r, this.target));
    };
    await race(r, ["remove", remove], ["reconnect", reconnect], this.delayMs);
    removeInModel(m, r, this.target);
    // Either the opening was refused, or the socket joined first and was then told its access ended.
    if (reply?.ok) {
      const s = socket as RecordingSocket;
      await eventually("the reconnected socket is told its access ended", () =>
        s.events.some((e) => e.name === "table:access-ended" && (e.payload as { tableId?: string }).tableId === r.tableId),
      );
    }
    await expectBoardClosed(r, this.target);
  }
  toString() {
    return `RaceRemoveVsReconnect(#${this.n} → ${this.target}, +${this.delayMs}ms)`;
  }
}

// ---- the arbitrary ---------------------------------------------------------------

const person = fc.integer({ min: 0, max: PEOPLE - 1 });
const member = fc.integer({ min: 1, max: PEOPLE - 1 });
const index = fc.nat({ max: 1000 });
const delay = fc.integer({ min: 0, max: 15 });

const malformedArgs: fc.Arbitrary<unknown[]> = fc.oneof(
  fc.tuple(fc.anything()),
  fc.tuple(fc.record({ v: fc.constantFrom(0, 2, "1", null), tableId: fc.oneof(fc.string(), fc.uuid(), fc.integer()) })),
  // (an undefined value would vanish in JSON and leave a valid payload)
  fc.tuple(fc.record({ v: fc.constant(PROTOCOL_VERSION), tableId: fc.uuid(), extra: fc.anything().filter((x) => x !== undefined) })),
  fc.tuple(fc.constant({ v: PROTOCOL_VERSION, tableId: UNKNOWN_ID, fragmentId: UNKNOWN_ID, deliveryId: UNKNOWN_ID }), fc.anything()),
);

const releaseArb = fc.tuple(index, fc.nat({ max: 63 }), fc.option(index, { freq: 5 })).map(([a, mask, x]) => new Release(a, mask, x));
const revokeArb = fc.tuple(index, fc.option(index)).map(([f, o]) => new Revoke(f, o));

/** `revokeHeavy` weights releases and revocations up (the meta-test of a leak on revocation). */
export function commandsArbitrary(maxCommands: number, options: { revokeHeavy?: boolean } = {}): fc.Arbitrary<Iterable<Cmd>> {
  const heavy = options.revokeHeavy ? [releaseArb, releaseArb, releaseArb, revokeArb, revokeArb, revokeArb, revokeArb, revokeArb] : [];
  return fc.commands(
    [
      ...heavy,
      fc.tuple(index, fc.boolean()).map(([t, a]) => new Invite(t, a)),
      index.map((w) => new Accept(w)),
      index.map((t) => new Remove(t)),
      fc.tuple(member, person, fc.boolean()).map(([a, t, rm]) => new NonChairManages(a, t, rm)),
      fc.tuple(index, fc.nat({ max: 63 }), fc.option(index, { freq: 5 })).map(([a, mask, x]) => new Release(a, mask, x)),
      fc.tuple(index, fc.nat({ max: 63 }), fc.option(index, { freq: 5 })).map(([a, mask, x]) => new Release(a, mask, x)),
      fc.tuple(index, fc.nat({ max: 63 }), fc.option(index, { freq: 5 })).map(([a, mask, x]) => new Release(a, mask, x)),
      fc.tuple(index, fc.option(index)).map(([f, o]) => new Revoke(f, o)),
      fc.tuple(index, fc.option(index)).map(([f, o]) => new Revoke(f, o)),
      fc.tuple(person, index).map(([w, f]) => new RestRead(w, f)),
      fc.tuple(person, index).map(([w, f]) => new RestRead(w, f)),
      person.map((w) => new Reconnect(w)),
      person.map((w) => new BoardEdit(w)),
      fc.tuple(person, fc.boolean()).map(([w, rid]) => new ForgedTableOpen(w, rid)),
      fc.tuple(person, index).map(([w, v]) => new ForgedOpened(w, v)),
      fc.tuple(person, fc.constantFrom("table:open", "table:close", "fragment:opened"), malformedArgs).map(([w, e, a]) => new Malformed(w, e, a)),
      index.map((w) => new ReplayAfterRemoval(w)),
      fc.tuple(index, index, fc.boolean(), delay).map(([f, o, rest, d]) => new RaceRevokeVsDelivery(f, o, rest, d)),
      fc.tuple(index, index, fc.boolean(), delay).map(([f, o, rest, d]) => new RaceRevokeVsDelivery(f, o, rest, d)),
      fc.tuple(index, delay).map(([t, d]) => new RaceRemoveVsReconnect(t, d)),
    ],
    { maxCommands, size: "max" },
  );
}
