// Helpers for the adversarial integration suite: sockets that are cleaned up, canary
// searches with short failure messages, the JSON error shape, and log queries.
import { expect } from "vitest";
import { MAX_ENTRIES_PER_CALL } from "../../shared/schemas.js";
import type { ApiError, ErrorCode, LogEntriesView, LogEntryView, LogView } from "../../shared/types.js";
import { parseLogLine, type LogRecord } from "../../server/logger.js";
import type { Reply } from "./api.js";
import type { Member } from "./factories.js";
import { connect, eventually, type RecordingSocket } from "./realtime.js";
import type { TestServer } from "./server.js";

/** A socket a pool opened: whose it is and the tables it opened through the pool. */
export interface PooledSocket {
  socket: RecordingSocket;
  member: Member;
  tables: Set<string>;
}

/** Opens sockets for a test file and closes them all in afterEach/afterAll. */
export class SocketPool {
  private readonly open: RecordingSocket[] = [];
  /** Every socket this pool opened, closed ones included (their acks may still be logged). */
  readonly history: PooledSocket[] = [];

  async connect(member: Member, options: { ack?: boolean } = {}): Promise<RecordingSocket> {
    const s = await connect(member.client, options);
    this.open.push(s);
    this.history.push({ socket: s, member, tables: new Set() });
    return s;
  }

  /** Connected and at the table (the reply must be ok). */
  async online(member: Member, tableId: string, options: { ack?: boolean } = {}): Promise<RecordingSocket> {
    const s = await this.connect(member, options);
    expect(await s.openTable(tableId)).toEqual({ ok: true });
    this.history.find((p) => p.socket === s)?.tables.add(tableId);
    return s;
  }

  closeAll(): void {
    for (const s of this.open.splice(0)) s.close();
  }
}

/** Fails with a short message naming the witness, never dumping the haystack. */
export function expectAbsent(witness: string, haystack: string | readonly string[], needle: string): void {
  const text = typeof haystack === "string" ? haystack : haystack.join("\n");
  expect(text.includes(needle), `${witness} carries ${needle}`).toBe(false);
}

export function expectPresent(witness: string, haystack: string | readonly string[], needle: string): void {
  const text = typeof haystack === "string" ? haystack : haystack.join("\n");
  expect(text.includes(needle), `${witness} should carry ${needle}`).toBe(true);
}

/** Every refusal is JSON `{error: {code, message}}` with the given status and code. */
export function expectApiError(reply: Reply<unknown>, status: number, code: ErrorCode): ApiError {
  expect(reply.status, reply.text.slice(0, 300)).toBe(status);
  const body = reply.body as ApiError;
  expect(typeof body, `not JSON: ${reply.text}`).toBe("object");
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
  return body;
}

/** The field paths a 400 names. */
export function fieldPaths(reply: Reply<unknown>): string[] {
  return ((reply.body as ApiError).error.fields ?? []).map((f) => f.path);
}

export async function logOf(member: Member, tableId: string): Promise<LogView> {
  return member.client.ok<LogView>("GET", `/api/tables/${tableId}/log`);
}

export function entries(log: LogView, filter: { type?: string; fragmentId?: string; subject?: string } = {}): LogEntryView[] {
  return log.entries.filter(
    (e) =>
      (filter.type === undefined || e.type === filter.type) &&
      (filter.fragmentId === undefined || e.fragmentId === filter.fragmentId) &&
      (filter.subject === undefined || e.subject?.id === filter.subject),
  );
}

/** Lines the server logged as errors (an unexpected exception, a 500); a line that is not JSON counts too. */
export function errorLines(server: TestServer): string[] {
  return server.lines.filter((l) => {
    const record = parseLogLine(l);
    return record === null || record.level === "error" || record.level === "fatal";
  });
}

/** The server's structured log events of one name (request lines are "request"). */
export function logEvents(server: TestServer, name: string): LogRecord[] {
  return server.lines.flatMap((l) => {
    const record = parseLogLine(l);
    return record?.event === name ? [record] : [];
  });
}

/** Request lines the server answered with a 5xx. */
export function serverErrorResponses(server: TestServer): LogRecord[] {
  return logEvents(server, "request").filter((r) => typeof r.status === "number" && r.status >= 500);
}

/** Names of the events a socket received, in order. */
export function eventNames(s: RecordingSocket): string[] {
  return s.events.map((e) => e.name);
}

/** The stored log lines [0, size) as parsed JSON: what the view leaves out (delivery ids). */
async function rawEntries(member: Member, tableId: string, size: number): Promise<Record<string, unknown>[]> {
  const lines: Record<string, unknown>[] = [];
  for (let start = 0; start < size; start += MAX_ENTRIES_PER_CALL) {
    const end = Math.min(size, start + MAX_ENTRIES_PER_CALL) - 1;
    const page = await member.client.ok<LogEntriesView>("GET", `/api/tables/${tableId}/log/entries?start=${start}&end=${end}`);
    for (const e of page.entries) lines.push(JSON.parse(Buffer.from(e.leaf_input, "base64").toString("utf8")) as Record<string, unknown>);
  }
  return lines;
}

/** Fragments released to this person at this table and not revoked for them, by the log. */
export function currentlyReleasedTo(log: LogView, accountId: string): string[] {
  const current = new Set<string>();
  for (const e of log.entries) {
    if (!e.fragmentId) continue;
    if (e.type === "fragment-released" && e.recipients?.some((r) => r.id === accountId)) current.add(e.fragmentId);
    if (e.type === "fragment-revoked" && e.subject?.id === accountId) current.delete(e.fragmentId);
  }
  return [...current];
}

/**
 * The table's log once nothing the test's sockets started is still on its way into it.
 * The server logs `fragment-delivered` when a socket's ack arrives, after the socket has
 * the content, and re-delivers on `table:open` after its reply: a log read right after
 * a socket received something (or opened the table) can be short by entries still to
 * come. Snapshot with this before asserting that the log did not grow.
 *
 * Quiet means: (1) every delivery at this table that one of the sockets acknowledged has
 * its `fragment-delivered`; (2) for a pool, every socket it opened at this table that is
 * still connected and still at the table holds every fragment currently released to its
 * owner (the live delivery or the re-delivery on opening has arrived). Deliveries to
 * sockets that never ack, or that closed before the content arrived, are not waited for.
 */
export async function logQuiet(
  reader: Member,
  tableId: string,
  sockets: SocketPool | Iterable<RecordingSocket>,
  timeoutMs = 10_000,
): Promise<LogView> {
  const pooled: PooledSocket[] = sockets instanceof SocketPool ? sockets.history : [];
  const all: RecordingSocket[] = sockets instanceof SocketPool ? sockets.history.map((p) => p.socket) : [...sockets];
  return eventually(
    `the log of table ${tableId} is quiet`,
    async () => {
      const log = await logOf(reader, tableId);
      const lines = await rawEntries(reader, tableId, log.size);
      const sent = new Set(lines.filter((l) => l.type === "fragment-sent").map((l) => l.delivery));
      const delivered = new Set(lines.filter((l) => l.type === "fragment-delivered").map((l) => l.delivery));
      const unlogged = all.flatMap((s) => s.acked).filter((id) => sent.has(id) && !delivered.has(id));
      const missing = pooled
        .filter((p) => p.tables.has(tableId) && p.socket.socket.connected && !endedAt(p.socket, tableId))
        .flatMap((p) =>
          currentlyReleasedTo(log, p.member.account.id)
            .filter((f) => !p.socket.deliveries.some((d) => d.fragment.id === f))
            .map((f) => `${p.member.username} has not yet received ${f}`),
        );
      if (unlogged.length > 0 || missing.length > 0) {
        throw new Error([...unlogged.map((id) => `receipt of delivery ${id} not logged yet`), ...missing].join("; "));
      }
      return log;
    },
    timeoutMs,
  );
}

/** Whether the server ended this socket's access to the table (removal, sign-out). */
function endedAt(s: RecordingSocket, tableId: string): boolean {
  return s.events.some(
    (e) => e.name === "session:ended" || (e.name === "table:access-ended" && (e.payload as { tableId?: string }).tableId === tableId),
  );
}
