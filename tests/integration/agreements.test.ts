// "The agreement decides": a sharing agreement is in force only once every member has
// signed it; releases and invitations are checked against the version in force; a new
// version takes effect at once on open sockets, and flags (not revokes) releases it no
// longer allows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgreementBody } from "../../shared/schemas.js";
import type { AgreementChange, AgreementView, AuthoredFragmentView, DraftView, LogView, ReleaseCheckView, TableView } from "../../shared/types.js";
import { buildMember, bootstrapAdmin, canary, type Member } from "../support/factories.js";
import { connect, eventually, settle, type RecordingSocket } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import type { ApiClient } from "../support/api.js";
import type { OrganisationView } from "../../shared/types.js";

let server: TestServer;
let admin: ApiClient;
let care: Member;
let police: Member;
let justice: Member;
let youth: Member;
let orgs: Record<"care" | "police" | "justice", OrganisationView>;
let agreement: AgreementView;
let table: TableView;
const sockets: RecordingSocket[] = [];

function charter(members: OrganisationView[], policeMayGetRisk: boolean): AgreementBody {
  return {
    title: "Antwerpen IFG charter",
    legalBasis: { kind: "procureur-permission", reference: "PG Antwerpen 2026/117", date: "2026-02-01" },
    purpose: "integrity",
    members: members.map((o) => ({ organisationId: o.id, role: `${o.sector} partner` })),
    categories: [
      { key: "police-antecedents", label: "Police antecedents", article: "4.1", retentionDays: 365 },
      { key: "medical-psychiatric", label: "Medical & psychiatric", article: "4.2", retentionDays: 180 },
      { key: "risk-assessment", label: "Risk assessment", article: "4.3", retentionDays: 365 },
    ],
    matrix: [
      { category: "medical-psychiatric", sector: "care", allowed: true },
      ...(["care", "police", "justice"] as const).map((sector) => ({ category: "police-antecedents" as const, sector, allowed: true })),
      { category: "risk-assessment", sector: "care", allowed: true },
      { category: "risk-assessment", sector: "justice", allowed: true },
      { category: "risk-assessment", sector: "police", allowed: policeMayGetRisk },
    ],
    minutesRules: "Minutes within 3 working days, per recipient, marked RESTRICTED.",
    reviewDate: "2027-06-30",
  };
}

async function draft(author: Member, tableId: string, secret: string): Promise<DraftView> {
  return author.client.ok<DraftView>("POST", `/api/tables/${tableId}/drafts`, { title: `T ${secret}`, body: `B ${secret}` });
}

function releaseBody(recipients: string[], category: string) {
  return { recipients, category, kind: "fact", personsConcerned: [table.personsConcerned[0]?.id], purpose: "integrity", justification: "Safety planning." };
}

beforeAll(async () => {
  server = await startServer();
  admin = await bootstrapAdmin(server);
  care = await buildMember(server, admin, { name: "Care Chair", sector: "care", organisation: "OCMW Antwerpen" });
  police = await buildMember(server, admin, { name: "Officer", sector: "police", organisation: "Politiezone Antwerpen" });
  justice = await buildMember(server, admin, { name: "Jurist", sector: "justice", organisation: "Parket Antwerpen" });
  youth = await buildMember(server, admin, { name: "Youth Worker", sector: "care", organisation: "Jeugdhulp (no member)" });
  const all = await admin.ok<OrganisationView[]>("GET", "/api/admin/organisations");
  const byName = (n: string) => all.find((o) => o.name === n) as OrganisationView;
  orgs = { care: byName("OCMW Antwerpen"), police: byName("Politiezone Antwerpen"), justice: byName("Parket Antwerpen") };
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await server.stop();
  await removeDir(server.dataDir);
});

describe("a sharing agreement", () => {
  it("is in force only when every member organisation has signed, and each signature is recorded", async () => {
    agreement = await care.client.ok<AgreementView>("POST", "/api/agreements", charter([orgs.care, orgs.police, orgs.justice], true));
    expect(agreement.inForce).toBeUndefined();
    const early = await care.client.request("POST", "/api/tables", {
      caseCode: "CO3-1", purpose: "integrity", purposeDetail: "x", personsConcerned: [{ pseudonym: "V1" }], confidentialityAccepted: true, agreementId: agreement.id,
    });
    expect(early.status).toBe(403);
    expect(early.text).toContain("no version in force");

    await care.client.ok("POST", `/api/agreements/${agreement.id}/versions/1/signatures`);
    await police.client.ok("POST", `/api/agreements/${agreement.id}/versions/1/signatures`);
    const twice = await police.client.request("POST", `/api/agreements/${agreement.id}/versions/1/signatures`);
    expect(twice.status).toBe(409);
    const outsider = await youth.client.request("POST", `/api/agreements/${agreement.id}/versions/1/signatures`);
    expect(outsider.status).toBe(409);
    expect((await care.client.ok<AgreementView>("GET", `/api/agreements/${agreement.id}`)).inForce).toBeUndefined();
    await justice.client.ok("POST", `/api/agreements/${agreement.id}/versions/1/signatures`);
    agreement = await care.client.ok<AgreementView>("GET", `/api/agreements/${agreement.id}`);
    expect(agreement.inForce).toBe(1);
    expect(agreement.versions[0]?.signatures.map((s) => s.organisation.name).sort()).toEqual(["OCMW Antwerpen", "Parket Antwerpen", "Politiezone Antwerpen"]);
    expect(agreement.versions[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("lets only member organisations sit at a table opened under it", async () => {
    const wrongPurpose = await care.client.request("POST", "/api/tables", {
      caseCode: "CO3-2", purpose: "terrorism", purposeDetail: "x", personsConcerned: [{ pseudonym: "V1" }], confidentialityAccepted: true, agreementId: agreement.id,
    });
    expect(wrongPurpose.status).toBe(400);
    table = await care.client.ok<TableView>("POST", "/api/tables", {
      caseCode: "CO3-2", purpose: "integrity", purposeDetail: "Protect V1.", personsConcerned: [{ pseudonym: "V1" }], confidentialityAccepted: true, agreementId: agreement.id,
    });
    expect(table.agreement).toMatchObject({ id: agreement.id, version: 1, title: "Antwerpen IFG charter" });
    const refused = await care.client.request("POST", `/api/tables/${table.id}/participants`, { accountId: youth.account.id });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain("Jeugdhulp (no member)");
    for (const m of [police, justice]) {
      await care.client.ok("POST", `/api/tables/${table.id}/participants`, { accountId: m.account.id });
      await m.client.ok("POST", `/api/tables/${table.id}/accept`, { confidentialityAccepted: true });
    }
    const log = await care.client.ok<LogView>("GET", `/api/tables/${table.id}/log`);
    expect(log.entries[0]?.agreement).toEqual({ id: agreement.id, version: 1, hash: agreement.versions[0]?.hash });
  });

  it("refuses a release the matrix forbids, naming the article, and sends and writes nothing", async () => {
    for (const m of [police, justice]) {
      const s = await connect(m.client);
      sockets.push(s);
      await s.openTable(table.id);
    }
    const secret = canary();
    const d = await draft(care, table.id, secret);
    const before = await care.client.ok<LogView>("GET", `/api/tables/${table.id}/log`);
    const refused = await care.client.request<{ error: { message: string; fields: { path: string; message: string }[] } }>(
      "POST", `/api/tables/${table.id}/drafts/${d.id}/release`, releaseBody([justice.account.id, police.account.id], "medical-psychiatric"),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields.map((f) => f.path)).toEqual(["recipients.0", "recipients.1"]);
    expect(refused.body.error.message).toContain(
      "Category 'Medical & psychiatric' may not be released to sector 'police' under 'Antwerpen IFG charter' v1, article 4.2.",
    );
    await settle();
    for (const s of sockets) expect(s.frames.join("\n")).not.toContain(secret);
    const after = await care.client.ok<LogView>("GET", `/api/tables/${table.id}/log`);
    expect(after.size).toBe(before.size);
    expect((await care.client.ok<DraftView[]>("GET", `/api/tables/${table.id}/drafts`)).map((x) => x.id)).toContain(d.id);

    const preview = await care.client.ok<ReleaseCheckView[]>("GET", `/api/tables/${table.id}/release-check?category=medical-psychiatric&purpose=integrity`);
    expect(preview.map((p) => [p.recipient.name, p.allowed])).toEqual([["Officer", false], ["Jurist", false]]);
    expect(preview[0]?.reason).toContain("article 4.2");
  });

  it("lets an ad-hoc partner join one table only by signing the agreement for it, logged", async () => {
    const candidates = await care.client.ok<{ id: string; adHocOnly: boolean }[]>("GET", `/api/tables/${table.id}/candidates`);
    expect(candidates.find((c) => c.id === youth.account.id)?.adHocOnly).toBe(true);
    const plain = await care.client.request("POST", `/api/tables/${table.id}/participants`, { accountId: youth.account.id });
    expect(plain.status).toBe(403);
    expect(plain.text).toContain("ad-hoc partner");
    await care.client.ok("POST", `/api/tables/${table.id}/participants`, { accountId: youth.account.id, adHocPartner: true });
    const invitation = await youth.client.ok<{ adHocPartner: boolean; agreement?: { title: string; version?: number } }>("GET", `/api/tables/${table.id}/invitation`);
    expect(invitation).toMatchObject({ adHocPartner: true, agreement: { title: "Antwerpen IFG charter", version: 1 } });
    const unsigned = await youth.client.request("POST", `/api/tables/${table.id}/accept`, { confidentialityAccepted: true });
    expect(unsigned.status).toBe(403);
    expect(unsigned.text).toContain("Sign it for this table");
    expect((await youth.client.get(`/api/tables/${table.id}`)).status).toBe(403);
    await youth.client.ok("POST", `/api/tables/${table.id}/accept`, { confidentialityAccepted: true, signAgreementForTable: true });
    const log = await care.client.ok<LogView>("GET", `/api/tables/${table.id}/log`);
    const signed = log.entries.find((e) => e.type === "agreement-signed-for-table");
    expect(signed).toMatchObject({ actor: { id: youth.account.id }, agreement: { id: agreement.id, version: 1 } });
    // Care may receive risk assessments under the matrix: the ad-hoc partner does.
    const preview = await care.client.ok<ReleaseCheckView[]>("GET", `/api/tables/${table.id}/release-check?category=risk-assessment&purpose=integrity`);
    expect(preview.find((p) => p.recipient.id === youth.account.id)?.allowed).toBe(true);
    // At another table under the same agreement, the same organisation is no member.
    const other = await care.client.ok<TableView>("POST", "/api/tables", {
      caseCode: "CO3-3", purpose: "integrity", purposeDetail: "x", personsConcerned: [{ pseudonym: "V2" }], confidentialityAccepted: true, agreementId: agreement.id,
    });
    expect((await care.client.request("POST", `/api/tables/${other.id}/participants`, { accountId: youth.account.id })).status).toBe(403);
  });

  it("takes a new version into force at once: a departed organisation loses the table, disallowed releases are flagged", async () => {
    const secret = canary();
    const d = await draft(care, table.id, secret);
    const released = await care.client.ok<AuthoredFragmentView>(
      "POST", `/api/tables/${table.id}/drafts/${d.id}/release`, releaseBody([police.account.id, justice.account.id], "risk-assessment"),
    );
    await eventually("the police officer got it", () => sockets[0]?.deliveries.find((x) => x.fragment.id === released.id));

    await care.client.ok("POST", `/api/agreements/${agreement.id}/versions`, charter([orgs.care, orgs.police], false));
    await care.client.ok("POST", `/api/agreements/${agreement.id}/versions/2/signatures`);
    // Not all members signed v2: v1 still decides, the jurist is still at the table.
    expect((await justice.client.get(`/api/tables/${table.id}`)).status).toBe(200);

    await police.client.ok("POST", `/api/agreements/${agreement.id}/versions/2/signatures`);
    const jurist = sockets[1] as RecordingSocket;
    await eventually("the jurist's socket loses the table", () => jurist.events.find((e) => e.name === "table:access-ended"));
    expect((await justice.client.get(`/api/tables/${table.id}`)).status).toBe(403);

    const [mine] = (await care.client.ok<AuthoredFragmentView[]>("GET", `/api/tables/${table.id}/fragments/released`)).filter((f) => f.id === released.id);
    expect(mine?.flag?.agreementVersion).toBe(2);
    expect(mine?.flag?.reasons.join(" ")).toContain("article 4.3");
    const officerRow = mine?.recipients.find((r) => r.recipient.id === police.account.id);
    expect(officerRow?.revokedAt).toBeUndefined(); // flagged, not silently revoked

    const log = await care.client.ok<LogView>("GET", `/api/tables/${table.id}/log`);
    const types = log.entries.map((e) => e.type);
    expect(types.filter((t) => t === "agreement-signed")).toHaveLength(2);
    expect(types).toContain("agreement-in-force");
    const removedForAgreement = log.entries.filter((e) => e.type === "removed" && e.because === "agreement").map((e) => e.subject?.id);
    // The jurist's organisation left; the ad-hoc partner signed v1 only and must sign again.
    expect(removedForAgreement.sort()).toEqual([justice.account.id, youth.account.id].sort());
    expect(log.entries.find((e) => e.type === "release-flagged")?.fragmentId).toBe(released.id);
    const table2 = await care.client.ok<TableView>("GET", `/api/tables/${table.id}`);
    expect(table2.agreement?.version).toBe(2);
  });

  it("compares versions article by article", async () => {
    const changes = await care.client.ok<AgreementChange[]>("GET", `/api/agreements/${agreement.id}/compare?from=1&to=2`);
    expect(changes).toContainEqual({ where: "member Parket Antwerpen", before: "justice partner", after: "(not a member)" });
    expect(changes).toContainEqual({ where: "article 4.3 (Risk assessment): may go to", before: "care, justice, police", after: "care, justice" });
    expect(changes.find((c) => c.where === "title")).toBeUndefined();
  });

  it("lists organisations (name and sector) to members drafting an agreement, not to the administrator", async () => {
    const list = await care.client.ok<OrganisationView[]>("GET", "/api/organisations");
    expect(list.map((o) => o.name)).toContain("Politiezone Antwerpen");
    expect(list.map((o) => o.name)).not.toContain("Platform administration");
    expect(Object.keys(list[0] ?? {}).sort()).toEqual(["id", "name", "secrecy", "sector"]);
    expect((await admin.get("/api/organisations")).status).toBe(403);
  });

  it("refuses bad agreements with a 400 per field, and strangers with no data", async () => {
    const bad = await care.client.request<{ error: { fields: { path: string }[] } }>("POST", "/api/agreements", {
      ...charter([orgs.care], true),
      matrix: [{ category: "youth-care", sector: "care", allowed: true }],
      reviewDate: "soon",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f) => f.path)).toContain("reviewDate");
    const notMine = await care.client.request("POST", "/api/agreements", charter([orgs.police], true));
    expect(notMine.status).toBe(403);
    expect((await youth.client.get(`/api/agreements/${agreement.id}`)).status).toBe(404);
    expect((await admin.get(`/api/agreements/${agreement.id}`)).status).toBe(403);
  });
});
