// The model, the real system it stands for, and the invariant checked after every step.
//
// Invariant 1 as an observer can check it: every canary (one per fragment, in its title
// and body) that reached an account — in any socket.io frame, REST response or Yjs
// frame it received — reached its author, or reached a recipient inside a delivery
// (its `deliveryId` in the same frame or response) that the server logged as
// `fragment-sent` to that very account while the model says they were a recipient:
// after the release naming them, before any revocation or removal ending it.
import type * as fc from "fast-check";
import * as Y from "yjs";
import { parseLogLine } from "../../../server/logger.js";
import type { LogEntry } from "../../../server/log/entries.js";
import type { TableView } from "../../../shared/types.js";
import type { CollabClient } from "../collab.js";
import type { Member } from "../factories.js";
import type { RecordingSocket } from "../realtime.js";
import type { Fixture } from "./fixture.js";

export type PState = "none" | "invited" | "active" | "removed";

export interface ModelFragment {
  /** Undefined for a release the server refused: its canary stays with its author. */
  id: string | undefined;
  canary: string;
  author: number;
  /** Current recipients. */
  recipients: Set<number>;
  /** Step at which each person became a recipient (they never become one twice). */
  grantedAt: Map<number, number>;
  /** Step at which each person's release ended (revoked or removed). */
  endedAt: Map<number, number>;
}

export interface Model {
  people: PState[];
  fragments: ModelFragment[];
  /** Text markers written on the board by participants. */
  board: string[];
}

export interface Source {
  read(): readonly (string | Uint8Array)[];
  seen: number;
}

export interface Receipt {
  text: string;
  step: number;
  where: string;
}

export interface Stats {
  histories: number;
  steps: number;
  receipts: number;
  canarySightings: number;
  commands: Map<string, number>;
}

export function newStats(): Stats {
  return { histories: 0, steps: 0, receipts: 0, canarySightings: 0, commands: new Map() };
}

export class Real {
  step = 0;
  readonly sockets = new Map<number, RecordingSocket>();
  readonly collab = new Map<number, CollabClient>();
  /** Every board connection ever opened, per person (replay material). */
  readonly collabHistory = new Map<number, CollabClient[]>();
  readonly allSockets: RecordingSocket[] = [];
  /** Whose each socket is. */
  readonly owners = new Map<RecordingSocket, number>();
  private readonly sources = new Map<number, { name: string; source: Source }[]>();
  /** Receipts that carried a canary, for the report and the meta-test. */
  readonly sightings: { who: number; canary: string; receipt: Receipt }[] = [];
  readonly canaries = new Map<string, ModelFragment>();
  /** Each delivery id that carried content, and where: a delivery is one emission. */
  readonly deliveriesSeen = new Map<string, string>();
  readonly linesAtStart: number;

  constructor(
    readonly fixture: Fixture,
    readonly table: TableView,
    readonly scheduler: fc.Scheduler,
    readonly stats: Stats,
  ) {
    this.linesAtStart = fixture.server.lines.length;
    fixture.people.forEach((m, i) => {
      const received = m.client.received;
      this.addSource(i, "REST", { read: () => received, seen: received.length });
    });
  }

  person(i: number): Member {
    const m = this.fixture.people[i];
    if (!m) throw new Error(`no person ${i}`);
    return m;
  }

  get tableId(): string {
    return this.table.id;
  }

  addSource(who: number, name: string, source: Source): void {
    const list = this.sources.get(who) ?? [];
    list.push({ name, source });
    this.sources.set(who, list);
  }

  trackSocket(who: number, s: RecordingSocket): void {
    this.allSockets.push(s);
    this.owners.set(s, who);
    this.addSource(who, `socket#${this.allSockets.length}`, { read: () => s.frames, seen: 0 });
  }

  trackCollab(who: number, c: CollabClient): void {
    const list = this.collabHistory.get(who) ?? [];
    list.push(c);
    this.collabHistory.set(who, list);
    this.addSource(who, `collab#${list.length}`, { read: () => c.received, seen: 0 });
  }

  /** New receipts since the last call, stamped with the current step. */
  drain(): { who: number; receipt: Receipt }[] {
    const out: { who: number; receipt: Receipt }[] = [];
    for (const [who, list] of this.sources) {
      for (const { name, source } of list) {
        const items = source.read();
        for (; source.seen < items.length; source.seen += 1) {
          const item = items[source.seen] as string | Uint8Array;
          const text = typeof item === "string" ? item : Buffer.from(item).toString("latin1");
          out.push({ who, receipt: { text, step: this.step, where: name } });
        }
      }
    }
    return out;
  }

  async closeAll(): Promise<void> {
    for (const s of this.allSockets) s.close();
    await Promise.all([...this.collabHistory.values()].flat().map((c) => c.close()));
  }
}

const CANARY = /CANARY-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** A delivery id in a REST body, or in a socket.io frame (whose JSON is quoted once more). */
const DELIVERY = /\\?"deliveryId\\?":\\?"([0-9a-f-]{36})/g;

export class InvariantViolation extends Error {
  override name = "InvariantViolation";
}

function fail(message: string): never {
  throw new InvariantViolation(message);
}

/** The server's log of the run's table, read in-process (no client receives it). */
export async function serverLog(real: Real): Promise<readonly LogEntry[]> {
  const files = await real.fixture.server.tafel.ctx.store.table(real.tableId);
  if (!files) fail("the run's table is gone");
  return files.log.entries;
}

/**
 * Checks everything the model and the invariant say, after a step. `racy` is set by
 * steps whose outcome order is up to the scheduler: the model's end state still holds.
 */
export async function checkInvariant(model: Model, real: Real): Promise<void> {
  const server = real.fixture.server;
  const accountId = (i: number) => real.person(i).account.id;
  const indexOf = new Map(real.fixture.people.map((m, i) => [m.account.id, i]));

  // No server errors and no 5xx (JSON lines; request lines are event "request" with a status).
  const lines = server.lines.slice(real.linesAtStart);
  const records = lines.map((l) => parseLogLine(l));
  const errors = lines.filter((_l, i) => records[i] === null || records[i]?.level === "error" || records[i]?.level === "fatal");
  if (errors.length > 0) fail(`server logged an error: ${errors[0]}`);
  const fiveXX = lines.find((_l, i) => records[i]?.event === "request" && typeof records[i]?.status === "number" && Number(records[i]?.status) >= 500);
  if (fiveXX) fail(`server answered 5xx: ${fiveXX}`);
  for (const l of lines) if (l.includes("CANARY-")) fail(`a server log line carries a canary: ${l.slice(0, 200)}`);

  // The server's state agrees with the model.
  const global = server.tafel.ctx.store.global.data;
  model.people.forEach((state, i) => {
    const p = global.participations.find((x) => x.tableId === real.tableId && x.accountId === accountId(i));
    const actual: PState = p ? (p.state as PState) : "none";
    if (actual !== state) fail(`person ${i} is ${actual} at the server, ${state} in the model`);
  });
  const files = await server.tafel.ctx.store.table(real.tableId);
  if (!files) fail("the run's table is gone");
  for (const f of model.fragments) {
    if (!f.id) {
      if (files.doc.data.fragments.some((x) => x.title.includes(f.canary))) fail(`a refused release exists at the server (${f.canary})`);
      continue;
    }
    const stored = files.doc.data.fragments.find((x) => x.id === f.id);
    if (!stored) fail(`fragment ${f.id} is missing at the server`);
    const current = stored.release.recipients.filter((r) => !r.revokedAt).map((r) => indexOf.get(r.accountId) ?? -1).sort();
    const expected = [...f.recipients].sort();
    if (JSON.stringify(current) !== JSON.stringify(expected)) {
      fail(`fragment ${f.id}: server recipients ${JSON.stringify(current)}, model ${JSON.stringify(expected)}`);
    }
  }

  // The log: every delivery and opening it records went to a recipient, in time.
  const log = files.log.entries;
  const byId = new Map(model.fragments.filter((f) => f.id).map((f) => [f.id as string, f]));
  const released = new Map<string, { seq: number; recipients: Set<string> }>();
  const endedSeq = new Map<string, number>();
  const sent = new Map<string, { fragment: string; recipient: string; seq: number }>();
  for (const e of log) {
    if (e.type === "fragment-released") released.set(e.fragment, { seq: e.seq, recipients: new Set(e.recipients) });
    else if (e.type === "fragment-revoked") {
      const key = `${e.fragment}/${e.recipient}`;
      if (!endedSeq.has(key)) endedSeq.set(key, e.seq);
    } else if (e.type === "fragment-sent") {
      const rel = released.get(e.fragment);
      const ended = endedSeq.get(`${e.fragment}/${e.recipient}`);
      if (!rel || !rel.recipients.has(e.recipient) || (ended !== undefined && ended < e.seq)) {
        fail(`log: delivery ${e.delivery} of ${e.fragment} to ${e.recipient} at seq ${e.seq} is outside their release`);
      }
      const mf = byId.get(e.fragment);
      const who = indexOf.get(e.recipient);
      if (!mf || who === undefined || !mf.grantedAt.has(who)) fail(`log: delivery ${e.delivery} to someone the model never made a recipient`);
      sent.set(e.delivery, { fragment: e.fragment, recipient: e.recipient, seq: e.seq });
    } else if (e.type === "fragment-opened" || e.type === "fragment-delivered") {
      const s = sent.get(e.delivery);
      if (!s || s.recipient !== e.recipient || s.fragment !== e.fragment) fail(`log: ${e.type} for delivery ${e.delivery} that was not sent to ${e.recipient}`);
    }
  }

  // Every canary any account received.
  for (const { who, receipt } of real.drain()) {
    real.stats.receipts += 1;
    const found = receipt.text.match(CANARY);
    if (!found) continue;
    const deliveries = [...receipt.text.matchAll(DELIVERY)].map((m) => m[1] as string);
    for (const canary of new Set(found)) {
      real.stats.canarySightings += 1;
      real.sightings.push({ who, canary, receipt });
      const f = real.canaries.get(canary);
      const where = `person ${who} (${receipt.where}, step ${receipt.step})`;
      if (!f) fail(`${where} received a canary of no fragment of this run: ${canary}`);
      // Fragment bodies never enter a Y.Doc, not even for their author.
      if (receipt.where.startsWith("collab")) fail(`${where} received ${canary} in a Yjs frame`);
      if (f.author === who) continue;
      if (!f.id) fail(`${where} received ${canary} of a release the server refused`);
      const granted = f.grantedAt.get(who);
      if (granted === undefined || granted > receipt.step) fail(`${where} received ${canary} but was never its recipient by then`);
      const delivery = deliveries.find((d) => {
        const s = sent.get(d);
        return s !== undefined && s.fragment === f.id && s.recipient === accountId(who);
      });
      if (!delivery) fail(`${where} received ${canary} outside any delivery logged to them: ${receipt.text.slice(0, 300)}`);
      const earlier = real.deliveriesSeen.get(delivery);
      if (earlier) fail(`${where} received ${canary} again under delivery ${delivery}, already seen in ${earlier}`);
      real.deliveriesSeen.set(delivery, where);
      // A copy sent before the revocation may still be on its way during the next step,
      // never later (every step makes at least one round trip to the server).
      const ended = f.endedAt.get(who);
      if (ended !== undefined && receipt.step > ended + 1) fail(`${where} received ${canary} after their release ended at step ${ended}`);
    }
  }
}

/** The board's text as the server holds it (in-process). */
export async function boardText(real: Real): Promise<string> {
  const state = await real.fixture.server.tafel.ctx.boardState(real.tableId);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc.getText(BOARD_TEXT).toString();
}

export const BOARD_TEXT = "mbt";
