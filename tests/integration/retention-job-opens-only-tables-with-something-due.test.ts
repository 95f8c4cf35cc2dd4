// Tables load lazily, and the retention job (one run at every start) must not undo that:
// it opens a table only when that table's index entry in tafel.json says something there
// may be due — some category's oldest kept release plus the period in force now. A
// shortened period (a new agreement version) needs no upkeep of the index; a table from
// before the index is opened once and indexed. What the server opened is read from the
// store's set of loaded tables; the clock is injected, nothing sleeps.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgreementBody } from "../../shared/schemas.js";
import type { AgreementView, RetentionTableView, TableView } from "../../shared/types.js";
import type { GlobalData } from "../../server/store/records.js";
import { ApiClient } from "../support/api.js";
import { expectApiError } from "../support/adversary.js";
import { activate, bootstrapAdmin, buildMember, createAccountAs, join, openTable, releaseCanary, type Member } from "../support/factories.js";
import { agreementInForce, tableUnder } from "../support/retention.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

const DAY = 86_400_000;
let offset = 0;
const now = () => new Date(Date.now() + offset);

/** Tables where nothing falls due for a year. */
const QUIET = 12;

let server: TestServer;
let chair: Member;
let alice: Member;
let dpo: { username: string; password: string };
const quiet: TableView[] = [];
let empty: TableView;
let noAgreement: TableView;
let dueTable: TableView;
let shortened: TableView;
let unindexed: TableView;
const fragments = new Map<string, string>(); // table id → the fragment released there

/** The same person, same cookie, on a new server over the same data directory. */
function on(s: TestServer, member: Member): ApiClient {
  const client = new ApiClient(s);
  client.cookie = member.client.cookie;
  return client;
}

/** Stops the server and starts a new one on its data directory; returns once the start-up retention run is over. */
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

beforeAll(async () => {
  server = await startServer({ now });
  const admin = await bootstrapAdmin(server);
  chair = await buildMember(server, admin, { name: "Chair" });
  alice = await buildMember(server, admin, { name: "Alice" });
  const dpoAccount = await createAccountAs(admin, { name: "DPO", username: "dpo-index", organisationId: chair.account.organisation.id, role: "dpo" });
  await activate(new ApiClient(server), "dpo-index", dpoAccount.temporaryPassword);
  dpo = { username: "dpo-index", password: "correct horse battery staple" };
  const rules = [
    { key: "social-financial" as const, article: "5.1", retentionDays: 30 },
    { key: "medical-psychiatric" as const, article: "5.2", retentionDays: 365 },
  ];
  const agreement = await agreementInForce([chair, alice], rules);
  // A second agreement whose medical period will be shortened by a new version.
  const second = await agreementInForce([chair, alice], rules, { title: "Charter to be shortened" });

  for (let i = 0; i < QUIET; i += 1) {
    const t = await tableUnder(chair, [alice], agreement.id, `QUIET-${i}`);
    fragments.set(t.id, (await releaseCanary(alice, t, [chair.account.id], "medical-psychiatric")).fragment.id);
    quiet.push(t);
  }
  empty = await tableUnder(chair, [alice], agreement.id, "EMPTY");
  noAgreement = await openTable(chair, "NO-AGREEMENT");
  // Without an agreement no period applies: old content there is never the job's.
  await join(chair, alice, noAgreement.id);
  await releaseCanary(alice, noAgreement, [chair.account.id], "social-financial");
  dueTable = await tableUnder(chair, [alice], agreement.id, "DUE");
  fragments.set(dueTable.id, (await releaseCanary(alice, dueTable, [chair.account.id], "social-financial")).fragment.id);
  unindexed = await tableUnder(chair, [alice], agreement.id, "UNINDEXED");
  fragments.set(unindexed.id, (await releaseCanary(alice, unindexed, [chair.account.id], "medical-psychiatric")).fragment.id);
  shortened = await tableUnder(chair, [alice], second.id, "SHORTENED");
  fragments.set(shortened.id, (await releaseCanary(alice, shortened, [chair.account.id], "medical-psychiatric")).fragment.id);

  // Version 2 of the second agreement keeps medical information 10 days instead of 365.
  const v1 = (await chair.client.ok<AgreementView>("GET", `/api/agreements/${second.id}`)).versions[0];
  if (!v1) throw new Error("no version 1");
  const body: AgreementBody = {
    title: "Charter to be shortened",
    legalBasis: { kind: "procureur-permission", reference: "PG 2026/1" },
    purpose: "integrity",
    members: [...new Set([chair, alice].map((m) => m.account.organisation.id))].map((organisationId) => ({ organisationId, role: "partner" as const })),
    categories: rules.map((c) => ({ key: c.key, label: c.key, article: c.article, retentionDays: c.key === "medical-psychiatric" ? 10 : c.retentionDays })),
    matrix: rules.map((c) => ({ category: c.key, sector: "care" as const, allowed: true })),
    minutesRules: "Per recipient.",
    reviewDate: "2027-06-30",
  };
  await chair.client.ok("POST", `/api/agreements/${second.id}/versions`, body);
  await chair.client.ok("POST", `/api/agreements/${second.id}/versions/2/signatures`);
  await alice.client.ok("POST", `/api/agreements/${second.id}/versions/2/signatures`);
});

afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
  await removeDir(`${server.dataDir}.key`);
});

describe("the retention job at start-up", () => {
  it("opens only the tables with something due, and the one from before the index, once", async () => {
    offset = 31 * DAY;
    // A table indexed before `oldestKept` existed: its entry has none.
    await restart((g) => {
      const entry = g.tables.find((t) => t.id === unindexed.id);
      if (!entry?.oldestKept) throw new Error("the release should have indexed the table");
      delete entry.oldestKept;
    });
    expect(loaded()).toEqual(new Set([dueTable.id, shortened.id, unindexed.id]));

    // What it opened, it processed: the 30-day fragment and the shortened one are gone…
    const chairClient = on(server, chair);
    for (const t of [dueTable, shortened]) {
      expectApiError(await chairClient.get(`/api/tables/${t.id}/fragments/${fragments.get(t.id) ?? ""}`), 410, "expired");
    }
    // …and what it did not open was not due: a quiet table's fragment is still there.
    const [first] = quiet;
    if (!first) throw new Error("no quiet table");
    expect((await chairClient.get(`/api/tables/${first.id}/fragments/${fragments.get(first.id) ?? ""}`)).status).toBe(200);
    expect((await chairClient.get(`/api/tables/${unindexed.id}/fragments/${fragments.get(unindexed.id) ?? ""}`)).status).toBe(200);
  });

  it("opens nothing at the next start when nothing is due, and the DPO's overview opens nothing either", async () => {
    await restart();
    expect(loaded()).toEqual(new Set());
    const dpoClient = new ApiClient(server);
    await dpoClient.signIn(dpo.username, dpo.password);
    expect(await dpoClient.ok<RetentionTableView[]>("GET", "/api/dpo/retention?within=30")).toEqual([]);
    expect(loaded()).toEqual(new Set());
    // Past a year, the quiet tables fall due: every one of them is opened and expired.
    offset = 366 * DAY;
    const run = await server.tafel.retention.run();
    const expected = [...quiet, unindexed].map((t) => ({ tableId: t.id, fragmentId: fragments.get(t.id) }));
    expect(run.expired.sort((a, b) => a.tableId.localeCompare(b.tableId))).toEqual(expected.sort((a, b) => a.tableId.localeCompare(b.tableId)));
    expect(loaded()).toEqual(new Set([...quiet, unindexed].map((t) => t.id)));
    expect(loaded().has(empty.id) || loaded().has(noAgreement.id)).toBe(false);
  });
});
