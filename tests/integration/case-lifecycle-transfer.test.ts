// Transfer of a case to another table or area: the receiving partnership's agreement is
// checked (in force, purpose, its member organisations, and that identity data may go
// to the receiving case director's sector); the case moves with its persons and track
// to a new case table there, this one closes as transferred; both logs say so.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgreementView, CaseView, LogView } from "../../shared/types.js";
import { buildMember, canary, type Member } from "../support/factories.js";
import { acceptedCase, agreementInForce, buildPartnership, charter, organisationsByName, type Partnership } from "../support/lifecycle.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

let server: TestServer;
let p: Partnership;
let bCare: Member;
let bPolice: Member;
let areaB: AgreementView;
let notInForce: AgreementView;
let otherPurpose: AgreementView;
let noIdentityForCare: AgreementView;
let tableId: string;
const name = canary();

beforeAll(async () => {
  server = await startServer();
  p = await buildPartnership(server, "Transfer");
  bCare = await buildMember(server, p.admin, { name: "B Care", sector: "care", organisation: "OCMW Area B" });
  bPolice = await buildMember(server, p.admin, { name: "B Police", sector: "police", organisation: "Politie Area B" });
  const org = await organisationsByName(p.admin);
  const b = [org("OCMW Area B"), org("Politie Area B")];
  areaB = await agreementInForce(bCare, [bPolice], charter(b, "Partnership Area B"));
  notInForce = await bCare.client.ok<AgreementView>("POST", "/api/agreements", charter(b, "Area B draft"));
  await bCare.client.ok("POST", `/api/agreements/${notInForce.id}/versions/1/signatures`);
  otherPurpose = await agreementInForce(bCare, [bPolice], { ...charter(b, "Area B terrorism"), purpose: "terrorism" });
  noIdentityForCare = await agreementInForce(bCare, [bPolice], charter(b, "Area B police only", { identityTo: ["police"] }));
  tableId = await acceptedCase(p, p.police, [{ name: `Person ${name}`, birthDate: "1990-09-09" }], 2);
}, 180_000);
afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
});

const transfer = (who: Member, agreementId: string, directorId: string) =>
  who.client.request("POST", `/api/tables/${tableId}/case/transfer`, { agreementId, casusregisseurId: directorId, reason: "The family moved to area B." });
const logOf = (who: Member, id: string) => who.client.ok<LogView>("GET", `/api/tables/${id}/log`);

describe("transferring a case", () => {
  it("lets a case director, and the partnership's own members, list the receiving partnership's accounts; nobody else", async () => {
    const names = async (who: Member) => (await who.client.ok<{ name: string }[]>("GET", `/api/partnerships/${areaB.id}/accounts`)).map((a) => a.name).sort();
    expect(await names(p.police)).toEqual(["B Care", "B Police"]); // directs an open case in another area
    expect(await names(bPolice)).toEqual(["B Care", "B Police"]); // a member
    const outsider = await p.outsider.client.request("GET", `/api/partnerships/${areaB.id}/accounts`);
    expect(outsider.status).toBe(403);
    expect(p.outsider.client.received.join("\n")).not.toContain("B Care");
    // Other areas' partnerships are listed (to transfer to), without their inner workings.
    const listed = await p.outsider.client.ok<{ id: string; member: boolean; criteria: string[]; tracks: unknown[] }[]>("GET", "/api/partnerships");
    expect(listed.find((x) => x.id === areaB.id)).toMatchObject({ member: false, criteria: [], tracks: [] });
    expect(listed.find((x) => x.id === p.agreement.id)?.member).toBe(false);
  });

  it("is refused, writing nothing, unless the receiving partnership's agreement allows it", async () => {
    const before = (await logOf(p.police, tableId)).size;
    const cases: [Member, string, string, number, string][] = [
      [p.referrer, areaB.id, bCare.account.id, 404, "No table"], // not at the case table
      [p.police, "00000000-0000-4000-8000-000000000000", bCare.account.id, 404, "No sharing agreement"],
      [p.police, notInForce.id, bCare.account.id, 403, "no version in force"],
      [p.police, otherPurpose.id, bCare.account.id, 403, "purpose"],
      [p.police, areaB.id, p.referrer.account.id, 403, "CAW Transfer"],
      [p.police, noIdentityForCare.id, bCare.account.id, 403, "article 3.1"],
    ];
    for (const [who, agreementId, directorId, status, text] of cases) {
      const reply = await transfer(who, agreementId, directorId);
      expect(reply.status, text).toBe(status);
      expect(reply.text).toContain(text);
    }
    const invalid = await p.police.client.request("POST", `/api/tables/${tableId}/case/transfer`, { agreementId: areaB.id, casusregisseurId: bCare.account.id });
    expect(invalid.status).toBe(400);
    expect((await logOf(p.police, tableId)).size).toBe(before);
    expect((await p.police.client.ok<CaseView>("GET", `/api/tables/${tableId}/case`)).status).toBe("open");
    expect((await bCare.client.ok<unknown[]>("GET", "/api/tables"))).toEqual([]);
  });

  it("opens a case table in the receiving area with the persons and track, closes this one, and logs it on both sides", async () => {
    const reply = await transfer(p.police, areaB.id, bCare.account.id);
    expect(reply.status).toBe(200);
    const sent = reply.body as CaseView;
    expect(sent).toMatchObject({ status: "closed", transferredTo: { partnership: "Partnership Area B" } });
    const receivingId = sent.transferredTo?.tableId as string;
    const outLog = await logOf(p.police, tableId);
    expect(outLog.entries.slice(-2).map((e) => e.type)).toEqual(["case-transferred", "case-closed"]);
    expect(outLog.entries.at(-2)).toMatchObject({ caseTable: receivingId, status: "out", agreement: { id: areaB.id, version: 1, hash: areaB.versions[0]?.hash } });

    // The receiving case director sees it once they accept the statement; B's other members do not.
    expect((await bPolice.client.request("GET", `/api/tables/${receivingId}/case`)).status).toBe(404);
    await bCare.client.ok("POST", `/api/tables/${receivingId}/accept`, { confidentialityAccepted: true });
    const received = await bCare.client.ok<CaseView>("GET", `/api/tables/${receivingId}/case`);
    expect(received).toMatchObject({ status: "open", track: 2, repeat: [], origin: { kind: "transfer", fromTableId: tableId, partnership: "Partnership Transfer" } });
    expect(received.persons.map((x) => [x.name, x.birthDate])).toEqual([[`Person ${name}`, "1990-09-09"]]);
    const inLog = await logOf(bCare, receivingId);
    expect(inLog.entries.map((e) => e.type)).toEqual(["table-opened", "case-opened", "case-transferred", "invited", "joined"]);
    expect(inLog.entries[0]?.agreement).toEqual({ id: areaB.id, version: 1, hash: areaB.versions[0]?.hash });
    expect(inLog.entries[2]).toMatchObject({ caseTable: tableId, status: "in" });
    for (const log of [outLog, inLog]) expect(JSON.stringify(log)).not.toContain(name);
    expect(bPolice.client.received.join("\n")).not.toContain(name);
    expect(server.lines.join("\n")).not.toContain(name);

    // Transferred means closed here: not twice.
    const again = await transfer(p.police, areaB.id, bCare.account.id);
    expect(again.status).toBe(409);
    expect(again.text).toContain("transferred");

    // Within the same area, to another table and case director.
    const within = await bCare.client.ok<CaseView>("POST", `/api/tables/${receivingId}/case/transfer`, { agreementId: areaB.id, casusregisseurId: bPolice.account.id, reason: "Police lead now." });
    expect(within.status).toBe("closed");
    await bPolice.client.ok("POST", `/api/tables/${within.transferredTo?.tableId}/accept`, { confidentialityAccepted: true });
    expect((await bPolice.client.ok<CaseView>("GET", `/api/tables/${within.transferredTo?.tableId}/case`)).persons[0]?.name).toBe(`Person ${name}`);
  });
});
