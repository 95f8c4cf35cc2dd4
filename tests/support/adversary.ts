// Helpers for the adversarial integration suite: sockets that are cleaned up, canary
// searches with short failure messages, the JSON error shape, and log queries.
import { expect } from "vitest";
import type { ApiError, ErrorCode, LogEntryView, LogView } from "../../shared/types.js";
import type { Reply } from "./api.js";
import type { Member } from "./factories.js";
import { connect, type RecordingSocket } from "./realtime.js";
import type { TestServer } from "./server.js";

/** Opens sockets for a test file and closes them all in afterEach/afterAll. */
export class SocketPool {
  private readonly open: RecordingSocket[] = [];

  async connect(member: Member, options: { ack?: boolean } = {}): Promise<RecordingSocket> {
    const s = await connect(member.client, options);
    this.open.push(s);
    return s;
  }

  /** Connected and at the table (the reply must be ok). */
  async online(member: Member, tableId: string, options: { ack?: boolean } = {}): Promise<RecordingSocket> {
    const s = await this.connect(member, options);
    expect(await s.openTable(tableId)).toEqual({ ok: true });
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

/** Lines the server logged as errors (an unexpected exception, a 500). */
export function errorLines(server: TestServer): string[] {
  return server.lines.filter((l) => l.startsWith("ERROR"));
}

/** Names of the events a socket received, in order. */
export function eventNames(s: RecordingSocket): string[] {
  return s.events.map((e) => e.name);
}
