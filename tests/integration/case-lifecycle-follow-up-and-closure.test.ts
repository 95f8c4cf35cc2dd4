// Following a case up and closing it: the case director (the case table's chair) sets
// the next review date (shown overdue once passed), changes the track with a reason
// (de-escalation), and closes the case with a reason. A closed case takes nothing new —
// no release, meeting, invitation or decline — while reading stays as before. Every
// step is logged; refusals name the rule and write nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseView, DraftView, LogView, TableView } from "../../shared/types.js";
import { join, openTable } from "../support/factories.js";
import { acceptedCase, buildPartnership, type Partnership } from "../support/lifecycle.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

let server: TestServer;
let p: Partnership;
let tableId: string;
let clock = Date.parse("2026-12-04T10:00:00Z");

beforeAll(async () => {
  server = await startServer({ now: () => new Date(clock) });
  p = await buildPartnership(server, "Follow");
  tableId = await acceptedCase(p, p.police, [{ name: "Follow Person", birthDate: "1980-01-01" }], 3);
  await join(p.police, p.referrer, tableId);
}, 120_000);
afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
});

const casePath = (suffix = "") => `/api/tables/${tableId}/case${suffix}`;
const director = () => p.police.client;
const logOf = () => director().ok<LogView>("GET", `/api/tables/${tableId}/log`);

describe("a case's review date", () => {
  it("is set by the case director only, never in the past, shown, and shown overdue once passed", async () => {
    const byParticipant = await p.referrer.client.request("PUT", casePath("/review"), { date: "2027-01-15" });
    expect(byParticipant.status).toBe(403);
    expect(byParticipant.text).toContain("case director");
    const past = await director().request<{ error: { fields: { path: string }[] } }>("PUT", casePath("/review"), { date: "2026-12-03" });
    expect(past.status).toBe(400);
    expect(past.body.error.fields[0]?.path).toBe("date");
    expect((await director().request("PUT", casePath("/review"), { date: "15/01/2027" })).status).toBe(400);

    const set = await director().ok<CaseView>("PUT", casePath("/review"), { date: "2027-01-15" });
    expect(set).toMatchObject({ reviewDate: "2027-01-15", reviewOverdue: false });
    expect((await logOf()).entries.at(-1)).toMatchObject({ type: "case-review-set", date: "2027-01-15", actor: { name: "Officer" } });
    const seen = await p.referrer.client.ok<CaseView>("GET", casePath());
    expect(seen).toMatchObject({ reviewDate: "2027-01-15", reviewOverdue: false });

    clock = Date.parse("2027-01-16T08:00:00Z");
    expect(await p.referrer.client.ok<CaseView>("GET", casePath())).toMatchObject({ reviewDate: "2027-01-15", reviewOverdue: true });
    const next = await director().ok<CaseView>("PUT", casePath("/review"), { date: "2027-03-01" });
    expect(next.reviewOverdue).toBe(false);
  });
});

describe("a track change", () => {
  it("is the case director's, needs a reason, refuses the current track, and is logged with its reason", async () => {
    expect((await p.referrer.client.request("POST", casePath("/track"), { track: 1, reason: "Calmer." })).status).toBe(403);
    expect((await director().request("POST", casePath("/track"), { track: 1 })).status).toBe(400);
    expect((await director().request("POST", casePath("/track"), { track: 4, reason: "x" })).status).toBe(400);
    const same = await director().request("POST", casePath("/track"), { track: 3, reason: "Still high." });
    expect(same.status).toBe(409);
    expect(same.text).toContain("already on track 3");
    const before = (await logOf()).size;

    const down = await director().ok<CaseView>("POST", casePath("/track"), { track: 1, reason: "The father moved out; the safety plan holds." });
    expect(down.track).toBe(1);
    expect(down.history.at(-1)).toMatchObject({ kind: "track", from: 3, to: 1, reason: "The father moved out; the safety plan holds.", by: { name: "Officer" } });
    const log = await logOf();
    expect(log.size).toBe(before + 1);
    expect(log.entries.at(-1)).toMatchObject({ type: "case-track-changed", track: 1, reason: "The father moved out; the safety plan holds." });
  });
});

describe("closing a case", () => {
  it("is the case director's, with a reason, once; afterwards nothing new is taken and reading stays", async () => {
    const draft = await p.referrer.client.ok<DraftView>("POST", `/api/tables/${tableId}/drafts`, { title: "Late", body: "Something late." });
    expect((await p.referrer.client.request("POST", casePath("/close"), { reason: "Done." })).status).toBe(403);
    expect((await director().request("POST", casePath("/close"), {})).status).toBe(400);

    const closed = await director().ok<CaseView>("POST", casePath("/close"), { reason: "The safety plan holds; services continue alone." });
    expect(closed).toMatchObject({ status: "closed", reviewOverdue: false });
    expect(closed.closedAt).toBeDefined();
    expect(closed.history.at(-1)).toMatchObject({ kind: "closed", reason: "The safety plan holds; services continue alone." });
    const size = (await logOf()).size;
    expect((await logOf()).entries.at(-1)).toMatchObject({ type: "case-closed", reason: "The safety plan holds; services continue alone." });

    const twice = await director().request("POST", casePath("/close"), { reason: "Again." });
    expect(twice.status).toBe(409);
    expect(twice.text).toContain("already closed");
    for (const [who, method, path, body] of [
      [p.police, "POST", casePath("/track"), { track: 2, reason: "x" }],
      [p.police, "PUT", casePath("/review"), { date: "2027-06-01" }],
      [p.police, "POST", casePath("/transfer"), { agreementId: p.agreement.id, casusregisseurId: p.referrer.account.id, reason: "x" }],
      [p.referrer, "POST", `/api/tables/${tableId}/drafts/${draft.id}/release`, {
        recipients: [p.police.account.id], category: "identity-household", kind: "fact", personsConcerned: [closed.persons[0]?.id], purpose: "integrity", justification: "x",
      }],
      [p.police, "POST", `/api/tables/${tableId}/meetings`, { agenda: ["One more"] }],
      [p.police, "POST", `/api/tables/${tableId}/participants`, { accountId: p.parket.account.id }],
      [p.referrer, "POST", `/api/tables/${tableId}/declines`, { question: "Anything?" }],
    ] as const) {
      const reply = await who.client.request(method, path, body);
      expect(reply.status, `${method} ${path}`).toBe(409);
      expect(reply.text).toContain("closed");
    }
    expect((await logOf()).size).toBe(size);

    // Reading stays: the table, the case file, the log.
    expect((await p.referrer.client.ok<TableView>("GET", `/api/tables/${tableId}`)).id).toBe(tableId);
    expect((await p.referrer.client.ok<CaseView>("GET", casePath())).status).toBe("closed");
    expect((await p.referrer.client.ok<DraftView[]>("GET", `/api/tables/${tableId}/drafts`)).map((d) => d.id)).toEqual([draft.id]);
  });

  it("is refused at a triage table, which has no case", async () => {
    const reply = await p.coordinator.client.request("POST", `/api/tables/${p.triage.id}/case/close`, { reason: "x" });
    expect(reply.status).toBe(409);
    expect(reply.text).toContain("triage table");
  });

  it("works on a table opened before tables had a kind, which is an open case table without a track", async () => {
    const legacy = await openTable(p.coordinator);
    const view = await p.coordinator.client.ok<CaseView>("GET", `/api/tables/${legacy.id}/case`);
    expect(view).toMatchObject({ kind: "case", status: "open", reviewOverdue: false, repeat: [], history: [] });
    expect(view.track).toBeUndefined();
    expect(view.persons.map((x) => [x.pseudonym, x.name])).toEqual([["V1", undefined], ["K1", undefined]]);
    const tracked = await p.coordinator.client.ok<CaseView>("POST", `/api/tables/${legacy.id}/case/track`, { track: 2, reason: "First assessment." });
    expect(tracked.history.at(-1)).toMatchObject({ kind: "track", to: 2 });
    expect(tracked.history.at(-1)?.from).toBeUndefined();
    expect((await p.coordinator.client.ok<CaseView>("POST", `/api/tables/${legacy.id}/case/close`, { reason: "Ended." })).status).toBe("closed");
  });
});
