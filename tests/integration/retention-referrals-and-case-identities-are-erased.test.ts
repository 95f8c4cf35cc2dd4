// Retention beyond fragments: a referral the triage table did not accept keeps its
// description (and the decision's reason) for NOT_ACCEPTED_REFERRAL_RETENTION_DAYS after
// the decision; a closed case keeps its persons' names and birth dates for the 12-month
// repeat window. Then the daily job erases them from every store, the log says so (ids
// only) and still verifies, and no response carries them again. The DPO sees both
// coming. The clock is injected: the test moves time and runs the job.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseDataRetentionItemView, CaseView, LogExport, MyReferralView, ReferralView } from "../../shared/types.js";
import { CLOSED_CASE_IDENTITY_RETENTION_MONTHS, NOT_ACCEPTED_REFERRAL_RETENTION_DAYS } from "../../server/domain/caseDataRetention.js";
import { verifyExport } from "../../server/log/verifyExport.js";
import { ApiClient } from "../support/api.js";
import { activate, canary, createAccountAs } from "../support/factories.js";
import { entries, expectAbsent, expectApiError, expectPresent, logOf } from "../support/adversary.js";
import { acceptBody, buildPartnership, checkAll, referCase, referralBody, type Partnership } from "../support/lifecycle.js";
import { everythingOnDisk } from "../support/retention.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

const DAY = 86_400_000;
let clock = Date.parse("2026-12-04T10:00:00Z");
const start = clock;

let server: TestServer;
let p: Partnership;
let dpo: ApiClient;
let noAction: MyReferralView;
let elsewhere: MyReferralView;
let accepted: MyReferralView;
let caseTableId = "";
let personId = "";

const noActionDescription = canary();
const noActionReason = canary();
const consentReason = canary();
const informedReason = canary();
const elsewhereDescription = canary();
const elsewhereTo = canary();
const personName = canary();
const birthDate = "1979-03-14";

const decision = (id: string, body: object) => p.coordinator.client.ok<ReferralView>("POST", `/api/tables/${p.triage.id}/referrals/${id}/decision`, body);
const everyone = () => [p.coordinator, p.referrer, p.police, p.parket];

/** Every response the API gives the people involved about the referrals and the case. */
async function everyResponse(): Promise<string[]> {
  const out: string[] = [];
  for (const m of everyone()) {
    out.push(JSON.stringify(await m.client.request("GET", "/api/referrals/mine")));
    out.push(JSON.stringify(await m.client.request("GET", `/api/tables/${p.triage.id}/referrals`)));
    out.push(JSON.stringify(await m.client.request("GET", `/api/tables/${p.triage.id}/log`)));
    out.push(JSON.stringify(await m.client.request("GET", `/api/tables/${caseTableId}/case`)));
    out.push(JSON.stringify(await m.client.request("GET", `/api/tables/${caseTableId}`)));
    out.push(JSON.stringify(await m.client.request("GET", `/api/tables/${caseTableId}/log`)));
  }
  out.push(JSON.stringify(await dpo.request("GET", "/api/dpo/tables")));
  out.push(JSON.stringify(await dpo.request("GET", "/api/dpo/retention/case-data?within=3650")));
  out.push(JSON.stringify(await dpo.request("GET", `/api/dpo/tables/${caseTableId}/persons/${personId}/report`)));
  return out;
}

async function exportVerifies(tableId: string): Promise<boolean> {
  const file = await p.coordinator.client.ok<LogExport>("GET", `/api/tables/${tableId}/log/export`);
  return verifyExport(file).ok;
}

beforeAll(async () => {
  server = await startServer({ now: () => new Date(clock) });
  p = await buildPartnership(server, "Erase");
  const dpoAccount = await createAccountAs(p.admin, { name: "DPO", username: "dpo-erase", organisationId: p.coordinator.account.organisation.id, role: "dpo" });
  dpo = new ApiClient(server);
  await activate(dpo, "dpo-erase", dpoAccount.temporaryPassword);

  noAction = await p.referrer.client.ok<MyReferralView>("POST", "/api/referrals", {
    ...referralBody(p.agreement.id, `Family A. ${noActionDescription}`),
    consent: { status: "refused", reason: `She said no. ${consentReason}` },
    informed: { status: "no", reason: `The father would escalate. ${informedReason}` },
  });
  await checkAll(p, noAction.id, false);
  await decision(noAction.id, { outcome: "no-action", reason: `Below threshold. ${noActionReason}` });
  elsewhere = await referCase(p, `Family B. ${elsewhereDescription}`);
  await checkAll(p, elsewhere.id, false);
  await decision(elsewhere.id, { outcome: "refer-elsewhere", reason: "Another service fits.", referredTo: `Service ${elsewhereTo}` });

  // An accepted case, closed a day later by its director (the coordinator).
  accepted = await referCase(p);
  await checkAll(p, accepted.id);
  const decided = await decision(accepted.id, acceptBody(p.coordinator.account.id, [{ name: personName, birthDate }]));
  caseTableId = decided.decision?.caseTableId ?? "";
  await p.coordinator.client.ok("POST", `/api/tables/${caseTableId}/accept`, { confidentialityAccepted: true });
  clock = start + DAY;
  const closed = await p.coordinator.client.ok<CaseView>("POST", `/api/tables/${caseTableId}/case/close`, { reason: "The plan holds." });
  expect(closed.status).toBe("closed");
  personId = closed.persons[0]?.id ?? "";
  expect(closed.persons[0]?.name).toBe(personName);
}, 120_000);

afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
  await removeDir(`${server.dataDir}.key`);
});

describe("retention of referrals not accepted and of closed cases' identities", () => {
  it("keeps both until their terms end, and shows the DPO what falls due (ids and pseudonyms only)", async () => {
    clock = start + (NOT_ACCEPTED_REFERRAL_RETENTION_DAYS - 1) * DAY;
    const run = await server.tafel.retention.run();
    expect(run.caseDataExpired).toBe(0);
    expect(run.caseDataFailed).toEqual([]);
    const disk = await everythingOnDisk(server.dataDir);
    for (const kept of [noActionDescription, noActionReason, consentReason, informedReason, elsewhereDescription, elsewhereTo, personName]) expectPresent("the data directory before the term", disk.text, kept);

    const soon = await dpo.ok<CaseDataRetentionItemView[]>("GET", "/api/dpo/retention/case-data?within=7");
    expect(soon.map((i) => `${i.kind} ${i.referral}`).sort()).toEqual([`referral ${elsewhere.id}`, `referral ${noAction.id}`].sort());
    expect(soon[0]).toMatchObject({ table: { id: p.triage.id }, term: { days: NOT_ACCEPTED_REFERRAL_RETENTION_DAYS } });
    const year = await dpo.ok<CaseDataRetentionItemView[]>("GET", "/api/dpo/retention/case-data?within=400");
    const identities = year.find((i) => i.kind === "identities");
    expect(identities).toMatchObject({ table: { id: caseTableId }, term: { months: CLOSED_CASE_IDENTITY_RETENTION_MONTHS }, personsConcerned: [{ id: personId }] });
    expect(identities?.dueAt.slice(0, 10)).toBe("2027-12-05");
    for (const secret of [noActionDescription, noActionReason, consentReason, informedReason, elsewhereDescription, elsewhereTo, personName]) expectAbsent("the DPO's overview", JSON.stringify(year), secret);
    // The overview is the DPO's alone, and its query is checked.
    expectApiError(await p.coordinator.client.get("/api/dpo/retention/case-data"), 403, "forbidden");
    expectApiError(await dpo.get("/api/dpo/retention/case-data?within=-1"), 400, "invalid-input");
  });

  it("erases a referral not accepted when its term ends, logs it, and runs idempotently", async () => {
    clock = start + (NOT_ACCEPTED_REFERRAL_RETENTION_DAYS + 1) * DAY;
    const run = await server.tafel.retention.run();
    expect(run.caseDataExpired).toBe(2);
    const marks = new Map(everyone().map((m) => [m, m.client.received.length]));

    const disk = await everythingOnDisk(server.dataDir);
    expect(disk.opened).toBeGreaterThanOrEqual(2); // the triage and the case table documents
    for (const gone of [noActionDescription, noActionReason, consentReason, informedReason, elsewhereDescription, elsewhereTo]) expectAbsent("the data directory", disk.text, gone);
    expectPresent("the data directory (identities not yet due)", disk.text, personName);

    const queue = await p.coordinator.client.ok<ReferralView[]>("GET", `/api/tables/${p.triage.id}/referrals`);
    const erased = queue.find((r) => r.id === noAction.id);
    expect(erased).toMatchObject({ status: "no-action", description: "", decision: { outcome: "no-action", reason: "" } });
    expect(erased?.expiredAt).toBeDefined();
    expect(queue.find((r) => r.id === accepted.id)?.expiredAt).toBeUndefined();

    const log = await logOf(p.parket, p.triage.id);
    const expired = entries(log, { type: "referral-expired" });
    expect(expired.map((e) => `${e.referral} ${e.outcome} ${String(e.actor)}`).sort()).toEqual([`${elsewhere.id} refer-elsewhere null`, `${noAction.id} no-action null`].sort());
    expect(await exportVerifies(p.triage.id)).toBe(true);

    // Exporting is itself logged: measure after it.
    const size = (await logOf(p.parket, p.triage.id)).size;
    expect((await server.tafel.retention.run()).caseDataExpired).toBe(0);
    expect((await logOf(p.parket, p.triage.id)).size).toBe(size);

    const responses = await everyResponse();
    for (const m of everyone()) responses.push(...m.client.received.slice(marks.get(m) ?? 0));
    for (const gone of [noActionDescription, noActionReason, consentReason, informedReason, elsewhereDescription, elsewhereTo]) expectAbsent("every response since", responses, gone);
  });

  it("erases a closed case's names and birth dates after the repeat window, keeps the pseudonyms, and the log still verifies", async () => {
    clock = Date.parse("2027-12-04T12:00:00Z"); // closed 2026-12-05T10:00Z: one day short
    expect((await server.tafel.retention.run()).caseDataExpired).toBe(0);
    expect(JSON.stringify(await p.coordinator.client.ok<CaseView>("GET", `/api/tables/${caseTableId}/case`))).toContain(personName);

    clock = Date.parse("2027-12-05T10:00:01Z");
    expect((await server.tafel.retention.run()).caseDataExpired).toBe(1);
    const marks = new Map(everyone().map((m) => [m, m.client.received.length]));

    expectAbsent("the data directory", (await everythingOnDisk(server.dataDir)).text, personName);
    const log = await logOf(p.coordinator, caseTableId);
    const [entry] = entries(log, { type: "identities-expired" });
    expect(entry).toMatchObject({ actor: null, personsConcerned: [personId] });
    expect(await exportVerifies(caseTableId)).toBe(true);
    expect((await server.tafel.retention.run()).caseDataExpired).toBe(0);
    expect(entries(await logOf(p.coordinator, caseTableId), { type: "identities-expired" })).toHaveLength(1);

    const responses = await everyResponse();
    for (const m of everyone()) responses.push(...m.client.received.slice(marks.get(m) ?? 0));
    expectAbsent("every response since", responses, personName);
    // The pseudonym is what remains.
    expect(JSON.stringify(await p.coordinator.client.ok("GET", `/api/tables/${caseTableId}`))).toMatch(/P1-/);
  });

  it("stays erased after a restart, whose run at start adds nothing", async () => {
    const sizes = [(await logOf(p.coordinator, p.triage.id)).size, (await logOf(p.coordinator, caseTableId)).size];
    server = await server.restart();
    await server.tafel.retention.run();
    expect([(await logOf(p.coordinator, p.triage.id)).size, (await logOf(p.coordinator, caseTableId)).size]).toEqual(sizes);
    const disk = (await everythingOnDisk(server.dataDir)).text;
    for (const gone of [noActionDescription, noActionReason, consentReason, informedReason, elsewhereDescription, elsewhereTo, personName]) expectAbsent("the data directory after restart", disk, gone);
  });
});
