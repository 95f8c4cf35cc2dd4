// The case-data pass of the retention job (referrals not accepted, closed cases' names)
// must keep start-up lazy, like the fragments' pass: it opens a triage or case table only
// when the table's index entry in tafel.json (`caseDataDueAt`) says something there is
// due, and so does the DPO's overview for its horizon. A decision not to accept and a
// closure set the entry before they are recorded; a table from before the index is opened
// once and indexed. What the server opened is read from the store's set of loaded
// tables; the clock is injected, nothing sleeps.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReferralView } from "../../shared/types.js";
import type { GlobalData } from "../../server/store/records.js";
import { CLOSED_CASE_IDENTITY_RETENTION_MONTHS, NOT_ACCEPTED_REFERRAL_RETENTION_DAYS } from "../../server/domain/caseDataRetention.js";
import { ApiClient } from "../support/api.js";
import { activate, createAccountAs } from "../support/factories.js";
import { acceptedCase, buildPartnership, checkAll, referCase, type Partnership } from "../support/lifecycle.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

const DAY = 86_400_000;
const start = Date.parse("2026-12-04T10:00:00Z");
let clock = start;
const now = () => new Date(clock);

let server: TestServer;
let p: Partnership;
let closedCase = "";
let openCase = "";
let decidedAt = "";
let closedAt = "";

/** Stops the server and starts a new one on its data directory; returns once the start-up run is over. */
async function restart(change?: (g: GlobalData) => void): Promise<void> {
  await server.stop();
  if (change) {
    const file = path.join(server.dataDir, "tafel.json");
    const g = JSON.parse(await readFile(file, "utf8")) as GlobalData;
    change(g);
    await writeFile(file, JSON.stringify(g));
  }
  server = await startServer({ dataDir: server.dataDir, now });
  // Runs never overlap: this one starts after the start-up run has finished.
  await server.tafel.retention.run();
}

const loaded = () => new Set(server.tafel.ctx.store.loadedTables());
const dueOf = (tableId: string) => server.tafel.ctx.store.global.data.tables.find((t) => t.id === tableId)?.caseDataDueAt;

function monthsAfter(iso: string, months: number): string {
  const d = new Date(iso);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString();
}

beforeAll(async () => {
  server = await startServer({ now });
  p = await buildPartnership(server, "CaseIndex");
  // Still open: its names fall due only after a closure.
  openCase = await acceptedCase(p, p.coordinator, [{ name: "Open Person", birthDate: "1980-01-01" }]);
  // Closed the same day: its names fall due 12 months later.
  closedCase = await acceptedCase(p, p.coordinator, [{ name: "Closed Person", birthDate: "1981-02-02" }]);
  await p.coordinator.client.ok("POST", `/api/tables/${closedCase}/case/close`, { reason: "The plan holds." });
  closedAt = (await server.tafel.ctx.store.table(closedCase))?.doc.data.caseFile?.closedAt ?? "";
  // Not accepted: its description falls due 90 days after the decision.
  const referral = await referCase(p);
  await checkAll(p, referral.id, false);
  const decided = await p.coordinator.client.ok<ReferralView>("POST", `/api/tables/${p.triage.id}/referrals/${referral.id}/decision`, {
    outcome: "no-action",
    reason: "Below the threshold.",
  });
  decidedAt = decided.decision?.at ?? "";
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (server) {
    await removeDir(server.dataDir);
    await removeDir(`${server.dataDir}.key`);
  }
});

describe("the case-data index", () => {
  it("is set by the decision and the closure, before anything falls due", () => {
    expect(decidedAt).not.toBe("");
    expect(closedAt).not.toBe("");
    expect(dueOf(p.triage.id)).toBe(new Date(Date.parse(decidedAt) + NOT_ACCEPTED_REFERRAL_RETENTION_DAYS * DAY).toISOString());
    expect(dueOf(closedCase)).toBe(monthsAfter(closedAt, CLOSED_CASE_IDENTITY_RETENTION_MONTHS));
    expect(dueOf(openCase)).toBeNull();
  });

  it("keeps start-up lazy: nothing due, no triage or case table opened, by the job or the DPO's overview", async () => {
    clock = start + 10 * DAY;
    await restart();
    const opened = loaded();
    for (const id of [p.triage.id, closedCase, openCase]) expect(opened.has(id), `table ${id} opened at start-up`).toBe(false);

    // The same administrator, same cookie, on the new server.
    const admin = new ApiClient(server);
    admin.cookie = p.admin.cookie;
    const dpoAccount = await createAccountAs(admin, { name: "DPO", username: "dpo-case-index", organisationId: p.coordinator.account.organisation.id, role: "dpo" });
    const dpo = new ApiClient(server);
    await activate(dpo, "dpo-case-index", dpoAccount.temporaryPassword);
    expect(await dpo.ok<unknown[]>("GET", "/api/dpo/retention/case-data?within=30")).toEqual([]);
    expect(loaded().has(p.triage.id)).toBe(false);
    expect(loaded().has(closedCase)).toBe(false);
  }, 60_000);

  it("opens the triage table once its referral is due, erases it, and then says nothing more is due there", async () => {
    clock = start + (NOT_ACCEPTED_REFERRAL_RETENTION_DAYS + 1) * DAY;
    await restart();
    const opened = loaded();
    expect(opened.has(p.triage.id)).toBe(true);
    expect(opened.has(closedCase)).toBe(false);
    expect(opened.has(openCase)).toBe(false);
    const triage = await server.tafel.ctx.store.table(p.triage.id);
    expect(triage?.log.entries.filter((e) => e.type === "referral-expired")).toHaveLength(1);
    expect(dueOf(p.triage.id)).toBeNull();

    await restart();
    expect(loaded().has(p.triage.id)).toBe(false);
  }, 60_000);

  it("opens a table from before the index once, indexes it, and leaves it closed afterwards", async () => {
    await restart((g) => {
      for (const t of g.tables) delete t.caseDataDueAt;
    });
    const opened = loaded();
    for (const id of [p.triage.id, closedCase, openCase]) expect(opened.has(id)).toBe(true);
    expect(dueOf(p.triage.id)).toBeNull();
    expect(dueOf(openCase)).toBeNull();
    expect(dueOf(closedCase)).toBe(monthsAfter(closedAt, CLOSED_CASE_IDENTITY_RETENTION_MONTHS));

    await restart();
    for (const id of [p.triage.id, closedCase, openCase]) expect(loaded().has(id)).toBe(false);
  }, 60_000);

  it("opens the closed case when its names are due, and erases them", async () => {
    clock = Date.parse(monthsAfter(closedAt, CLOSED_CASE_IDENTITY_RETENTION_MONTHS)) + DAY;
    await restart();
    expect(loaded().has(closedCase)).toBe(true);
    expect(loaded().has(openCase)).toBe(false);
    const files = await server.tafel.ctx.store.table(closedCase);
    expect(files?.doc.data.identities ?? []).toEqual([]);
    expect(dueOf(closedCase)).toBeNull();
  }, 60_000);
});
