// `npm start -- --demo` seeds a fictional case a newcomer can explore: five
// organisations under one signed agreement, one table, a few releases, each password
// usable once printed — and it seeds only into an empty data directory.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthoredFragmentView, TableListItem, TableView } from "../../shared/types.js";
import { seedDemo, type DemoAccount } from "../../server/demo.js";
import { ApiClient } from "../support/api.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

let server: TestServer;
let accounts: DemoAccount[];

beforeAll(async () => {
  server = await startServer();
  const seeded = await seedDemo(server.tafel.ctx);
  if (!seeded) throw new Error("the demo did not seed into an empty data directory");
  accounts = seeded.accounts;
});
afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
});

async function as(username: string): Promise<ApiClient> {
  const client = new ApiClient(server);
  await client.signIn(username, accounts.find((a) => a.username === username)?.password ?? "");
  return client;
}

describe("the demo case", () => {
  it("prints a working password for each account, the administrator included", async () => {
    expect(accounts.map((a) => a.username)).toEqual(["admin", "ocmw", "caw", "jeugdhulp", "politie", "parket"]);
    for (const a of accounts) await as(a.username);
  }, 60_000); // six scrypt sign-ins: ~12-17 s on a loaded 2-core machine

  it("opens one table under a signed agreement, with releases that reach only their recipients", async () => {
    const chair = await as("ocmw");
    const [item] = await chair.ok<TableListItem[]>("GET", "/api/tables");
    if (!item || item.state !== "active") throw new Error("the chair has no table");
    const table = await chair.ok<TableView>("GET", `/api/tables/${item.id}`);
    expect(table.agreement?.version).toBe(1);
    expect(table.participants.filter((p) => p.state === "active")).toHaveLength(5);
    const caw = await as("caw");
    const released = await caw.ok<AuthoredFragmentView[]>("GET", `/api/tables/${item.id}/fragments/released`);
    expect(released.map((f) => f.recipients.map((r) => r.recipient.name).sort())).toEqual([["Koen Maes", "Sara Peeters"]]);
    const parket = await as("parket");
    const read = await parket.request("GET", `/api/tables/${item.id}/fragments/${released[0]?.id}`);
    expect(read.status).toBe(404); // not released to the parket
  });

  it("has the partnership's triage table, with the parket's seat and one anonymous referral waiting for triage", async () => {
    const parket = await as("parket");
    const triage = (await parket.ok<TableListItem[]>("GET", "/api/tables")).find((t) => t.state === "active" && t.caseCode === "CO3-ANT-TRIAGE");
    if (!triage) throw new Error("the parket has no triage table");
    const referrals = await parket.ok<{ status: string; referrer: { name: string }; checklist: unknown[] }[]>("GET", `/api/tables/${triage.id}/referrals`);
    expect(referrals.map((r) => [r.status, r.referrer.name, r.checklist.length])).toEqual([["referred", "Tom Janssens", 3]]);
    const caw = await as("caw");
    expect((await caw.ok<{ status: string }[]>("GET", "/api/referrals/mine")).map((r) => r.status)).toEqual(["referred"]);
  }, 30_000);

  it("seeds nothing into a data directory that already holds accounts", async () => {
    expect(await seedDemo(server.tafel.ctx)).toBeNull();
  });
});
