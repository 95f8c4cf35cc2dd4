// The DPO answers "who received data about me?" (GDPR art. 15(1)(c)) from the log's
// metadata: every release about the person, to whom, when, why, delivered / opened /
// revoked — and never a word of what was shared.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreatedAccountView, DisclosureReportView, DpoTableView, LogView, OrganisationView } from "../../shared/types.js";
import { ApiClient } from "../support/api.js";
import { activate, buildWorld, releaseCanary, type Member, type World } from "../support/factories.js";
import { connect, eventually } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { pdfText } from "../support/pdfText.js";
import { logQuiet } from "../support/adversary.js";

let server: TestServer;
let world: World;
let dpo: ApiClient;
const canaries: string[] = [];
let aboutV1: string;
let aboutK1: string;

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 2);
  const [alice, bob] = world.members as [Member, Member];
  const orgs = await world.admin.ok<OrganisationView[]>("GET", "/api/admin/organisations");
  const dpoAccount = await world.admin.ok<CreatedAccountView>("POST", "/api/admin/accounts", {
    name: "Dana DPO",
    username: "dpo",
    organisationId: orgs[0]?.id,
    role: "dpo",
  });
  dpo = new ApiClient(server);
  await activate(dpo, "dpo", dpoAccount.temporaryPassword);

  const bobSocket = await connect(bob.client);
  await bobSocket.openTable(world.table.id);
  const v1 = await releaseCanary(alice, world.table, [bob.account.id, world.chair.account.id]);
  aboutV1 = v1.fragment.id;
  await eventually("bob's device received it", () => bobSocket.deliveries.length === 1);
  // The report below shows Bob's receipt, which is logged when his ack arrives.
  await logQuiet(alice, world.table.id, [bobSocket]);
  const k1 = await alice.client.ok<{ id: string }>("POST", `/api/tables/${world.table.id}/drafts`, { title: "K1 CANARY-k1-title", body: "CANARY-k1-body" });
  const released = await alice.client.ok<{ id: string }>("POST", `/api/tables/${world.table.id}/drafts/${k1.id}/release`, {
    recipients: [bob.account.id],
    category: "youth-care",
    kind: "fact",
    personsConcerned: [world.table.personsConcerned[1]?.id],
    purpose: "integrity",
    justification: "School signals.",
  });
  aboutK1 = released.id;
  await eventually("bob's device received K1", () => bobSocket.deliveries.some((d) => d.fragment.id === aboutK1));
  canaries.push(v1.canary, "CANARY-k1-title", "CANARY-k1-body");
  await alice.client.ok("POST", `/api/tables/${world.table.id}/fragments/${aboutV1}/revoke`, { recipients: [world.chair.account.id] });
  // Nothing left on its way into the log when the tests start reading it.
  await logQuiet(alice, world.table.id, [bobSocket]);
  bobSocket.close();
});

afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
});

const v1Path = () => `/api/dpo/tables/${world.table.id}/persons/${world.table.personsConcerned[0]?.id}`;

describe("the disclosure report", () => {
  it("lets the DPO find persons concerned but not open any table", async () => {
    const tables = await dpo.ok<DpoTableView[]>("GET", "/api/dpo/tables");
    expect(tables.map((t) => t.caseCode)).toEqual([world.table.caseCode]);
    expect(tables[0]?.personsConcerned.map((p) => p.pseudonym)).toEqual(["V1", "K1"]);
    const refused = await dpo.get<{ error: { message: string } }>(`/api/tables/${world.table.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/data protection officer/);
    await expect(connect(dpo)).rejects.toThrow();
    expect((await dpo.ok<unknown[]>("GET", "/api/tables")).length).toBe(0);
  });

  it("lists every release about the person with each recipient's path, and nothing about others", async () => {
    const report = await dpo.ok<DisclosureReportView>("GET", `${v1Path()}/report`);
    expect(report.person.pseudonym).toBe("V1");
    expect(report.releases.map((r) => r.fragmentId)).toEqual([aboutV1]);
    const release = report.releases[0] as DisclosureReportView["releases"][number];
    expect(release.legalBasis).toMatch(/458ter/);
    const bob = release.recipients.find((r) => r.recipient.id === world.members[1]?.account.id);
    const chair = release.recipients.find((r) => r.recipient.id === world.chair.account.id);
    expect(bob?.deliveredAt).toBeDefined();
    expect(chair?.revokedAt).toBeDefined();
    expect(chair?.sentAt).toBeUndefined();
    expect(JSON.stringify(report)).not.toContain(aboutK1);
  });

  it("never carries content, in JSON, CSV or PDF", async () => {
    const bodies = [
      (await dpo.get(`${v1Path()}/report?format=json`)).text,
      (await dpo.get(`${v1Path()}/report?format=csv`)).text,
    ];
    const pdf = await fetch(`${server.url}${v1Path()}/report?format=pdf`, { headers: { cookie: dpo.cookie ?? "" } });
    expect(pdf.headers.get("content-type")).toContain("application/pdf");
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.toString("latin1", 0, 4)).toBe("%PDF");
    const drawn = pdfText(bytes);
    // The extraction works (so the canary check below means something):
    expect(drawn).toContain(world.members[1]?.account.name);
    expect(drawn).toContain("Person concerned: V1");
    bodies.push(drawn, bytes.toString("latin1"));
    expect(bodies[1]).toContain("recipient organisation");
    expect(bodies[1]).toContain(world.members[1]?.account.name);
    for (const c of canaries) for (const b of bodies) expect(b).not.toContain(c);
    for (const c of canaries) expect(server.lines.join("\n")).not.toContain(c);
  });

  it("is logged at the table each time it is produced, and so is a deferral", async () => {
    const deferral = await dpo.request("POST", `${v1Path()}/deferrals`, { reason: "A criminal investigation is running (art. 23 GDPR).", until: "2027-03-01" });
    expect(deferral.status).toBe(201);
    const report = await dpo.ok<DisclosureReportView>("GET", `${v1Path()}/report`);
    expect(report.deferrals.map((d) => d.until)).toEqual(["2027-03-01"]);
    const log = await world.chair.client.ok<LogView>("GET", `/api/tables/${world.table.id}/log`);
    const types = log.entries.map((e) => e.type);
    expect(types.filter((t) => t === "disclosure-report").length).toBeGreaterThanOrEqual(4);
    expect(types).toContain("disclosure-deferred");
  });

  it("is refused to members and administrators, and bad input is a 400", async () => {
    for (const client of [world.chair.client, world.admin]) {
      expect((await client.get(`${v1Path()}/report`)).status).toBe(403);
      expect((await client.get("/api/dpo/tables")).status).toBe(403);
    }
    expect((await dpo.get(`${v1Path()}/report?format=docx`)).status).toBe(400);
    expect((await dpo.post(`${v1Path()}/deferrals`, { reason: "" })).status).toBe(400);
    expect((await dpo.post(`${v1Path()}/deferrals`, { reason: "x", until: "tomorrow" })).status).toBe(400);
    expect((await dpo.get(`/api/dpo/tables/${world.table.id}/persons/${world.table.id}/report`)).status).toBe(404);
  });
});
