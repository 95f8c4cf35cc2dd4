// A referral is anonymous until the triage table accepts it: its schema has no field for
// a name, so a canary name cannot even be submitted; the description is sealed at rest,
// reaches only the triage table's participants and (until triage) its referrer, and the
// triage log records ids and statuses only. Only members of the partnership refer.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LogView, MyReferralView, ReferralView } from "../../shared/types.js";
import { canary } from "../support/factories.js";
import { buildPartnership, checkAll, referralBody, type Partnership } from "../support/lifecycle.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

let server: TestServer;
let p: Partnership;

beforeAll(async () => {
  server = await startServer();
  p = await buildPartnership(server, "Anon");
}, 120_000);
afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
});

async function everythingOnDisk(dir: string): Promise<string> {
  const parts: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const raw = (await readFile(path.join(entry.parentPath, entry.name))).toString("latin1");
    parts.push(raw, ...raw.split("\n").map((l) => Buffer.from(l, "base64").toString("latin1")));
  }
  return parts.join("\n");
}

const everyClient = () => [p.admin, p.coordinator.client, p.referrer.client, p.police.client, p.parket.client, p.outsider.client];
const queue = () => p.coordinator.client.ok<ReferralView[]>("GET", `/api/tables/${p.triage.id}/referrals`);
const logOf = () => p.coordinator.client.ok<LogView>("GET", `/api/tables/${p.triage.id}/log`);

describe("a referral before triage", () => {
  it("has no field for identifying data: a canary name cannot be submitted anywhere in it, and nothing is written", async () => {
    const name = canary();
    const before = (await logOf()).size;
    const attempts: Record<string, unknown>[] = [
      { ...referralBody(p.agreement.id), name },
      { ...referralBody(p.agreement.id), persons: [{ name, birthDate: "1990-01-01" }] },
      { ...referralBody(p.agreement.id), personsConcerned: [{ pseudonym: name }] },
      { ...referralBody(p.agreement.id), birthDate: "1990-01-01" },
      { ...referralBody(p.agreement.id), consent: { status: "given", name } },
      { ...referralBody(p.agreement.id), informed: { status: "yes", person: name } },
      // The organisation comes from the account; a body cannot name another one.
      { ...referralBody(p.agreement.id), organisationId: p.agreement.versions[0]?.content.members[0]?.organisationId },
    ];
    for (const body of attempts) {
      const reply = await p.referrer.client.request<{ error: { code: string; message: string } }>("POST", "/api/referrals", body);
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe("invalid-input");
      expect(reply.text).not.toContain(name);
    }
    expect((await logOf()).size).toBe(before);
    expect(await queue()).toEqual([]);
    for (const client of everyClient()) expect(client.received.join("\n")).not.toContain(name);
    expect(server.lines.join("\n")).not.toContain(name);
    expect(await everythingOnDisk(server.dataDir)).not.toContain(name);
  });

  it("requires a reason when consent was refused or not asked, and when the person was deliberately not informed", async () => {
    const base = referralBody(p.agreement.id);
    for (const [field, value] of [
      ["consent", { status: "refused" }],
      ["consent", { status: "not-asked" }],
      ["consent", { status: "maybe" }],
      ["informed", { status: "no" }],
    ] as const) {
      const reply = await p.referrer.client.request<{ error: { fields: { path: string }[] } }>("POST", "/api/referrals", { ...base, [field]: value });
      expect(reply.status).toBe(400);
      expect(reply.body.error.fields.map((f) => f.path).join(" ")).toContain(field);
    }
    expect(await queue()).toEqual([]);
  });

  it("comes only from an active member of the partnership, to a partnership with a triage table", async () => {
    const outsider = await p.outsider.client.request("POST", "/api/referrals", referralBody(p.agreement.id));
    expect(outsider.status).toBe(403);
    expect(outsider.text).toContain("Elders Anon");
    expect(outsider.text).toContain("not a member");
    const admin = await p.admin.request("POST", "/api/referrals", referralBody(p.agreement.id));
    expect(admin.status).toBe(403);
    const unknown = await p.referrer.client.request("POST", "/api/referrals", referralBody("00000000-0000-4000-8000-000000000000"));
    expect(unknown.status).toBe(404);
    expect(await queue()).toEqual([]);
  });

  it("is sealed at rest, shown to the triage table's participants with the referrer's organisation, and logged without content", async () => {
    const secret = canary();
    const made = await p.referrer.client.ok<MyReferralView>("POST", "/api/referrals", referralBody(p.agreement.id, `Situation ${secret} at home.`));
    expect(made).toMatchObject({ status: "referred", description: `Situation ${secret} at home.`, partnership: { id: p.agreement.id } });

    for (const reader of [p.coordinator, p.parket]) {
      const [r] = await reader.client.ok<ReferralView[]>("GET", `/api/tables/${p.triage.id}/referrals`);
      expect(r).toMatchObject({ id: made.id, status: "referred", description: `Situation ${secret} at home.`, referrer: { name: "Referrer", organisation: "CAW Anon" } });
      expect(r?.consent).toEqual({ status: "not-asked", reason: "Asking would put the mother at risk." });
      expect(r?.checklist.map((c) => c.met)).toEqual([undefined, undefined, undefined]);
      // Nothing in the view could hold a name.
      expect(Object.keys(r ?? {}).sort()).toEqual(["agreement", "checklist", "consent", "createdAt", "description", "id", "informed", "referrer", "status", "tableId"]);
    }
    const log = await logOf();
    const entry = log.entries.find((e) => e.type === "referral-received");
    expect(entry).toMatchObject({ referral: made.id, organisation: "CAW Anon", actor: { name: "Referrer" } });
    expect(JSON.stringify(log)).not.toContain(secret);
    const disk = await everythingOnDisk(server.dataDir);
    expect(disk).not.toContain(secret);

    // Outside the triage table: nobody else sees it, not even that it exists.
    expect(await p.police.client.ok<MyReferralView[]>("GET", "/api/referrals/mine")).toEqual([]);
    expect((await p.police.client.request("GET", `/api/tables/${p.triage.id}/referrals`)).status).toBe(404);
    expect((await p.admin.request("GET", `/api/tables/${p.triage.id}/referrals`)).status).toBe(403);
    for (const client of [p.police.client, p.outsider.client, p.admin]) expect(client.received.join("\n")).not.toContain(secret);
    expect(server.lines.join("\n")).not.toContain(secret);

    // The referrer sees the description until triage starts, then the status alone.
    expect((await p.referrer.client.ok<MyReferralView[]>("GET", "/api/referrals/mine")).map((r) => r.description)).toEqual([`Situation ${secret} at home.`]);
    await checkAll(p, made.id);
    const [after] = await p.referrer.client.ok<MyReferralView[]>("GET", "/api/referrals/mine");
    expect(after).toEqual({ id: made.id, createdAt: made.createdAt, partnership: made.partnership, status: "in-triage" });
  });

  it("cannot go to a partnership that has no triage table yet", async () => {
    const other = await p.coordinator.client.ok<{ id: string }>("POST", "/api/agreements", {
      ...p.agreement.versions[0]?.content,
      title: "No triage yet",
    });
    for (const m of [p.coordinator, p.referrer, p.police, p.parket]) await m.client.ok("POST", `/api/agreements/${other.id}/versions/1/signatures`);
    const reply = await p.referrer.client.request("POST", "/api/referrals", referralBody(other.id));
    expect(reply.status).toBe(409);
    expect(reply.text).toContain("no triage table");
    const twice = await p.coordinator.client.request("POST", `/api/partnerships/${p.agreement.id}/triage-table`, { confidentialityAccepted: true });
    expect(twice.status).toBe(409);
    const byOutsider = await p.outsider.client.request("POST", `/api/partnerships/${other.id}/triage-table`, { confidentialityAccepted: true });
    expect(byOutsider.status).toBe(403);
  });
});
