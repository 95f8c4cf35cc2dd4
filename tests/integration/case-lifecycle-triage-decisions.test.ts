// Triage: the coordinator and the parket seat check the partnership's criteria; the
// coordinator alone decides accept / refer elsewhere / no action, once, with a reason,
// logged. Only on acceptance are persons identified: the names reach the new case
// table's participants and nobody else — not the triage log, not the triage table's
// views, not the referrer unless they sit at the case table.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseView, LogView, MyReferralView, ReferralView, TableListItem } from "../../shared/types.js";
import { canary, join } from "../support/factories.js";
import { acceptBody, buildPartnership, checkAll, CRITERIA, referCase, type Partnership } from "../support/lifecycle.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

let server: TestServer;
let p: Partnership;

beforeAll(async () => {
  server = await startServer();
  p = await buildPartnership(server, "Triage");
  // The police sit at the triage table too, without the coordinator's or the parket's part.
  await join(p.coordinator, p.police, p.triage.id);
}, 120_000);
afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
});

const decisionPath = (id: string) => `/api/tables/${p.triage.id}/referrals/${id}/decision`;
const checklistPath = (id: string) => `/api/tables/${p.triage.id}/referrals/${id}/checklist`;
const logOf = () => p.coordinator.client.ok<LogView>("GET", `/api/tables/${p.triage.id}/log`);
const referralIn = async (id: string) => (await p.coordinator.client.ok<ReferralView[]>("GET", `/api/tables/${p.triage.id}/referrals`)).find((r) => r.id === id);

async function everythingOnDisk(dir: string): Promise<string> {
  const parts: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const raw = (await readFile(path.join(entry.parentPath, entry.name))).toString("latin1");
    parts.push(raw, ...raw.split("\n").map((l) => Buffer.from(l, "base64").toString("latin1")));
  }
  return parts.join("\n");
}

describe("the triage checklist", () => {
  it("is checked by the coordinator and the parket seat, not by another participant, and is logged as indexes only", async () => {
    const r = await referCase(p);
    const byPolice = await p.police.client.request("PUT", checklistPath(r.id), { answers: [{ criterion: 0, met: true }] });
    expect(byPolice.status).toBe(403);
    expect(byPolice.text).toContain("coordinator");
    const byOutsider = await p.outsider.client.request("PUT", checklistPath(r.id), { answers: [{ criterion: 0, met: true }] });
    expect(byOutsider.status).toBe(404);
    const outOfRange = await p.parket.client.request<{ error: { fields: { path: string }[] } }>("PUT", checklistPath(r.id), { answers: [{ criterion: 7, met: true }] });
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.error.fields[0]?.path).toBe("answers.0.criterion");
    const twice = await p.parket.client.request("PUT", checklistPath(r.id), { answers: [{ criterion: 0, met: true }, { criterion: 0, met: false }] });
    expect(twice.status).toBe(400);
    expect((await referralIn(r.id))?.status).toBe("referred");

    const byParket = await p.parket.client.ok<ReferralView>("PUT", checklistPath(r.id), { answers: [{ criterion: 0, met: true }, { criterion: 1, met: false }] });
    expect(byParket.status).toBe("in-triage");
    expect(byParket.checklist.map((c) => [c.text, c.met, c.by?.name])).toEqual([
      [CRITERIA[0], true, "Parket jurist"],
      [CRITERIA[1], false, "Parket jurist"],
      [CRITERIA[2], undefined, undefined],
    ]);
    const entry = (await logOf()).entries.filter((e) => e.type === "triage-checked").at(-1);
    expect(entry).toMatchObject({ referral: r.id, actor: { name: "Parket jurist" } });

    // Deciding needs every criterion checked, and accepting needs every criterion met.
    const early = await p.coordinator.client.request("POST", decisionPath(r.id), { outcome: "no-action", reason: "Handled by the school." });
    expect(early.status).toBe(409);
    expect(early.text).toContain(CRITERIA[2]);
    await p.coordinator.client.ok("PUT", checklistPath(r.id), { answers: [{ criterion: 2, met: true }] });
    const notMet = await p.coordinator.client.request("POST", decisionPath(r.id), acceptBody(p.police.account.id, [{ name: "X", birthDate: "2000-01-01" }]));
    expect(notMet.status).toBe(409);
    expect(notMet.text).toContain(`Not met: 2. ${CRITERIA[1]}`);
    const size = (await logOf()).size;
    const ok = await p.coordinator.client.ok<ReferralView>("POST", decisionPath(r.id), { outcome: "refer-elsewhere", reason: "Youth care leads this.", referredTo: "Jeugdhulp" });
    expect(ok.status).toBe("referred-elsewhere");
    expect(ok.decision).toMatchObject({ outcome: "refer-elsewhere", reason: "Youth care leads this.", referredTo: "Jeugdhulp", by: { name: "Coordinator" } });
    const log = await logOf();
    expect(log.size).toBe(size + 1);
    expect(log.entries.at(-1)).toMatchObject({ type: "triage-decided", referral: r.id, outcome: "refer-elsewhere" });

    // Decided once: neither the decision nor the checklist changes afterwards.
    const again = await p.coordinator.client.request("POST", decisionPath(r.id), { outcome: "no-action", reason: "Changed my mind." });
    expect(again.status).toBe(409);
    expect(again.text).toContain("already decided");
    expect((await p.coordinator.client.request("PUT", checklistPath(r.id), { answers: [{ criterion: 0, met: false }] })).status).toBe(409);
    expect((await logOf()).size).toBe(size + 1);
    const [mine] = (await p.referrer.client.ok<MyReferralView[]>("GET", "/api/referrals/mine")).filter((x) => x.id === r.id);
    expect(mine).toMatchObject({ status: "referred-elsewhere" });
    expect(mine?.description).toBeUndefined();
  });

  it("is decided by the coordinator alone", async () => {
    const r = await referCase(p);
    await checkAll(p, r.id);
    for (const who of [p.parket, p.police]) {
      const reply = await who.client.request("POST", decisionPath(r.id), { outcome: "no-action", reason: "No." });
      expect(reply.status).toBe(403);
      expect(reply.text).toContain("Only the coordinator");
    }
    // Someone outside the triage table (here: of a non-member organisation) is not told the referral exists.
    const outsider = await p.outsider.client.request("POST", decisionPath(r.id), { outcome: "no-action", reason: "No." });
    expect(outsider.status).toBe(404);
    const bad = await p.coordinator.client.request("POST", decisionPath(r.id), { outcome: "maybe", reason: "?" });
    expect(bad.status).toBe(400);
    const noReason = await p.coordinator.client.request("POST", decisionPath(r.id), { outcome: "no-action" });
    expect(noReason.status).toBe(400);
    const done = await p.coordinator.client.ok<ReferralView>("POST", decisionPath(r.id), { outcome: "no-action", reason: "The family moved away." });
    expect(done.status).toBe("no-action");
  });
});

describe("accepting a referral", () => {
  it("refuses a case director outside the partnership and writes nothing", async () => {
    const r = await referCase(p);
    await checkAll(p, r.id);
    const before = (await logOf()).size;
    const outsider = await p.coordinator.client.request("POST", decisionPath(r.id), acceptBody(p.outsider.account.id, [{ name: "Someone", birthDate: "1990-01-01" }]));
    expect(outsider.status).toBe(403);
    expect(outsider.text).toContain("Elders Triage");
    const nobody = await p.coordinator.client.request<{ error: { fields: { path: string }[] } }>(
      "POST", decisionPath(r.id), acceptBody("00000000-0000-4000-8000-000000000000", [{ name: "Someone", birthDate: "1990-01-01" }]),
    );
    expect(nobody.status).toBe(400);
    expect(nobody.body.error.fields[0]?.path).toBe("casusregisseurId");
    const noPersons = await p.coordinator.client.request("POST", decisionPath(r.id), acceptBody(p.police.account.id, []));
    expect(noPersons.status).toBe(400);
    expect((await logOf()).size).toBe(before);
    expect((await referralIn(r.id))?.status).toBe("in-triage");
    expect(await p.outsider.client.ok<TableListItem[]>("GET", "/api/tables")).toEqual([]);
  });

  it("opens a case table under the agreement; names reach its participants only, never the triage log, views or the referrer outside it", async () => {
    const mother = canary();
    const child = canary();
    const r = await referCase(p);
    await checkAll(p, r.id);
    const decided = await p.coordinator.client.ok<ReferralView>(
      "POST", decisionPath(r.id),
      { ...acceptBody(p.police.account.id, [{ name: `Mother ${mother}`, birthDate: "1988-03-04" }, { name: `Child ${child}`, birthDate: "2019-05-06" }], 3), caseCode: "CO3-ACC-1" },
    );
    expect(decided.status).toBe("accepted");
    const caseTableId = decided.decision?.caseTableId as string;
    expect(caseTableId).toMatch(/^[0-9a-f-]{36}$/);
    expect(decided.decision).toMatchObject({ outcome: "accept", track: 3 });

    const triageLog = await logOf();
    expect(triageLog.entries.at(-1)).toMatchObject({ type: "triage-decided", outcome: "accept", caseTable: caseTableId, track: 3 });

    // The case director is invited as chair; until they accept the statement they see nothing of the case.
    const [invitation] = (await p.police.client.ok<TableListItem[]>("GET", "/api/tables")).filter((t) => t.id === caseTableId);
    expect(invitation).toMatchObject({ state: "invited", invitedBy: { name: "Coordinator" } });
    expect((await p.police.client.request("GET", `/api/tables/${caseTableId}/case`)).status).toBe(403);
    await p.police.client.ok("POST", `/api/tables/${caseTableId}/accept`, { confidentialityAccepted: true });
    const view = await p.police.client.ok<CaseView>("GET", `/api/tables/${caseTableId}/case`);
    expect(view).toMatchObject({ kind: "case", status: "open", track: 3, origin: { kind: "referral", referralId: r.id }, repeat: [] });
    expect(view.persons.map((x) => [x.name, x.birthDate])).toEqual([[`Mother ${mother}`, "1988-03-04"], [`Child ${child}`, "2019-05-06"]]);
    expect(view.persons.every((x) => /^P\d-[A-Z2-9]{4}$/.test(x.pseudonym))).toBe(true);
    expect(view.tracks.map((x) => x.label)).toEqual(["Licht", "Midden", "Zwaar"]);
    const table = await p.police.client.ok<{ caseCode: string; agreement: { id: string }; participants: { name: string; role: string }[] }>("GET", `/api/tables/${caseTableId}`);
    expect(table).toMatchObject({ caseCode: "CO3-ACC-1", agreement: { id: p.agreement.id } });
    expect(table.participants.map((x) => [x.name, x.role])).toEqual([["Officer", "chair"]]);
    const caseLog = await p.police.client.ok<LogView>("GET", `/api/tables/${caseTableId}/log`);
    expect(caseLog.entries.map((e) => e.type)).toEqual(["table-opened", "case-opened", "invited", "joined"]);
    expect(caseLog.entries[1]).toMatchObject({ referral: r.id, track: 3, actor: { name: "Coordinator" } });

    // Nobody outside the case table sees a name: not the triage table, its log, the referrer.
    for (const secret of [mother, child]) {
      expect(JSON.stringify(triageLog)).not.toContain(secret);
      expect(JSON.stringify(caseLog)).not.toContain(secret);
      expect(JSON.stringify(await referralIn(r.id))).not.toContain(secret);
      for (const c of [p.coordinator.client, p.parket.client, p.referrer.client, p.outsider.client, p.admin]) expect(c.received.join("\n")).not.toContain(secret);
      expect(server.lines.join("\n")).not.toContain(secret);
      expect(await everythingOnDisk(server.dataDir)).not.toContain(secret);
    }
    expect((await p.coordinator.client.request("GET", `/api/tables/${caseTableId}/case`)).status).toBe(404);
    expect((await p.referrer.client.request("GET", `/api/tables/${caseTableId}/case`)).status).toBe(404);
    const [mine] = (await p.referrer.client.ok<MyReferralView[]>("GET", "/api/referrals/mine")).filter((x) => x.id === r.id);
    expect(mine).toEqual({ id: r.id, createdAt: r.createdAt, partnership: r.partnership, status: "accepted", decidedAt: decided.decision?.at });

    // Once the case director invites the referrer to the case table, they see the names there.
    await join(p.police, p.referrer, caseTableId);
    const seen = await p.referrer.client.ok<CaseView>("GET", `/api/tables/${caseTableId}/case`);
    expect(seen.persons.map((x) => x.name)).toEqual([`Mother ${mother}`, `Child ${child}`]);
  });
});
