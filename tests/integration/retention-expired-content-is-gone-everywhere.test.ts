// Retention: when a category's period (its agreement article) ends, the daily job
// deletes the fragment's content from every store — the table document, and nothing
// else ever held it (the board and the frozen minutes hold its id) — while the metadata,
// the commitment and the log stay, and the log says so. The clock is injected: the test
// moves time forward and runs the job; nothing sleeps.
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boardDocName } from "../../shared/collab.js";
import { FRAGMENT_REF_ATTR, FRAGMENT_REF_NODE, MINUTES_FIELD, NOT_RELEASED, renderMinutes, renditionText } from "../../shared/minutes.js";
import type {
  AuthoredFragmentView,
  DraftView,
  ExpiredFragmentView,
  FragmentReadView,
  LogExport,
  MeetingView,
  MinutesCopyView,
  RetentionTableView,
  TableView,
} from "../../shared/types.js";
import { verifyExport } from "../../server/log/verifyExport.js";
import { fromBase64 } from "../../server/log/treeHead.js";
import { CollabPool } from "../support/collab.js";
import { activate, bootstrapAdmin, buildMember, canary, createAccountAs, type Member } from "../support/factories.js";
import { ApiClient } from "../support/api.js";
import { entries, expectAbsent, expectApiError, expectPresent, logOf, SocketPool } from "../support/adversary.js";
import { eventually } from "../support/realtime.js";
import { agreementInForce, everythingOnDisk, tableUnder } from "../support/retention.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

const DAY = 86_400_000;
let offset = 0;
const now = () => new Date(Date.now() + offset);

let server: TestServer;
let chair: Member;
let alice: Member;
let bob: Member;
let carol: Member;
let dpo: ApiClient;
let table: TableView;
let table2: TableView;
const sockets = new SocketPool();
const pool = new CollabPool();

/** Releases a draft holding `secret` in its title, body and justification. */
async function plant(author: Member, t: TableView, recipients: Member[], category: "social-financial" | "medical-psychiatric", secret: string) {
  const draft = await author.client.ok<DraftView>("POST", `/api/tables/${t.id}/drafts`, { title: `T ${secret}`, body: `B ${secret}` });
  return author.client.ok<AuthoredFragmentView>("POST", `/api/tables/${t.id}/drafts/${draft.id}/release`, {
    recipients: recipients.map((r) => r.account.id),
    category,
    kind: "fact",
    personsConcerned: [t.personsConcerned[0]?.id],
    purpose: "integrity",
    justification: `Because ${secret}`,
  });
}

const dueSecret = canary(); // social-financial, 30 days: due
const keptSecret = canary(); // medical-psychiatric, 365 days: not due
const crashSecret = canary(); // at table 2, due, expired by a run that "crashes"
const draftSecret = canary(); // an unreleased draft: its owner's, not the job's
let due: AuthoredFragmentView;
let kept: AuthoredFragmentView;
let crashed: AuthoredFragmentView;
/** How many responses each person had received when the content was deleted. */
const seenBefore = new Map<Member, number>();

beforeAll(async () => {
  server = await startServer({ now });
  const admin = await bootstrapAdmin(server);
  chair = await buildMember(server, admin, { name: "Chair" });
  alice = await buildMember(server, admin, { name: "Alice" });
  bob = await buildMember(server, admin, { name: "Bob" });
  carol = await buildMember(server, admin, { name: "Carol" });
  const dpoAccount = await createAccountAs(admin, { name: "DPO", username: "dpo", organisationId: chair.account.organisation.id, role: "dpo" });
  dpo = new ApiClient(server);
  await activate(dpo, "dpo", dpoAccount.temporaryPassword);
  const agreement = await agreementInForce([chair, alice, bob, carol], [
    { key: "social-financial", article: "5.1", retentionDays: 30 },
    { key: "medical-psychiatric", article: "5.2", retentionDays: 365 },
  ]);
  table = await tableUnder(chair, [alice, bob, carol], agreement.id, "RET-1");
  table2 = await tableUnder(chair, [alice, bob], agreement.id, "RET-2");

  due = await plant(alice, table, [bob], "social-financial", dueSecret);
  kept = await plant(alice, table, [bob], "medical-psychiatric", keptSecret);
  crashed = await plant(alice, table2, [bob], "social-financial", crashSecret);
  await alice.client.ok("POST", `/api/tables/${table.id}/drafts`, { title: "Mine", body: draftSecret });
  // Bob has read it (a delivery), and the minutes reference it by id.
  expect((await bob.client.ok<FragmentReadView>("GET", `/api/tables/${table.id}/fragments/${due.id}`)).fragment.body).toContain(dueSecret);
  const board = await pool.synced(chair.client, boardDocName(table.id));
  board.doc.transact(() => {
    const ref = new Y.XmlElement(FRAGMENT_REF_NODE);
    ref.setAttribute(FRAGMENT_REF_ATTR, due.id);
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText("Discussed:")]);
    board.doc.getXmlFragment(MINUTES_FIELD).insert(0, [p, ref]);
  });
  await board.ack();
  const meeting = await chair.client.ok<MeetingView>("POST", `/api/tables/${table.id}/meetings`, { agenda: ["Safety"] });
  await chair.client.ok("POST", `/api/tables/${table.id}/meetings/${meeting.id}/finalise`);
  await pool.closeAll();
});

afterAll(async () => {
  sockets.closeAll();
  await pool.closeAll();
  await server.stop();
  await removeDir(server.dataDir);
  await removeDir(`${server.dataDir}.key`);
});

async function exportVerifies(member: Member, tableId: string): Promise<boolean> {
  const file = await member.client.ok<LogExport>("GET", `/api/tables/${tableId}/log/export`);
  return verifyExport(file).ok;
}

describe("retention", () => {
  it("shows the chair and the DPO what falls due, and nothing is deleted before its time", async () => {
    const review = await chair.client.ok<RetentionTableView>("GET", `/api/tables/${table.id}/retention`);
    const item = review.items.find((i) => i.fragmentId === due.id);
    expect(item?.rule).toMatchObject({ article: "5.1", retentionDays: 30 });
    expect(Date.parse(item?.dueAt ?? "") - Date.parse(due.releasedAt)).toBe(30 * DAY);
    expectAbsent("the chair's review", JSON.stringify(review), dueSecret);
    // Only the chair reviews; others are refused, strangers see no table.
    expectApiError(await alice.client.get(`/api/tables/${table.id}/retention`), 403, "forbidden");
    expectApiError(await chair.client.get(`/api/tables/${table.id}/retention?within=-1`), 400, "invalid-input");

    offset = 29 * DAY;
    const run = await server.tafel.retention.run();
    expect(run.expired).toEqual([]);
    const soon = await chair.client.ok<RetentionTableView>("GET", `/api/tables/${table.id}/retention?within=7`);
    expect(soon.items.map((i) => i.fragmentId)).toEqual([due.id]);
    expect((await bob.client.ok<FragmentReadView>("GET", `/api/tables/${table.id}/fragments/${due.id}`)).fragment.body).toContain(dueSecret);

    // The DPO: per table, what falls due within N days (30 by default); metadata only.
    const overview = await dpo.ok<RetentionTableView[]>("GET", "/api/dpo/retention?within=7");
    expect(overview.map((v) => [v.table.caseCode, v.items.map((i) => i.fragmentId)]).sort()).toEqual([
      ["RET-1", [due.id]],
      ["RET-2", [crashed.id]],
    ]);
    expect((await dpo.ok<RetentionTableView[]>("GET", "/api/dpo/retention?within=400")).flatMap((v) => v.items).map((i) => i.fragmentId)).toContain(kept.id);
    expectAbsent("the DPO's overview", dpo.received, dueSecret);
    expectApiError(await chair.client.get("/api/dpo/retention"), 403, "forbidden");
    expectApiError(await dpo.get(`/api/tables/${table.id}/retention`), 403, "forbidden");
  });

  it("deletes the content from every store when due, survives a crash between erasing and logging, and runs idempotently", async () => {
    const bobSocket = await sockets.online(bob, table.id);
    const sizeBefore = (await logOf(chair, table2.id)).size;
    offset = 31 * DAY;
    // The run "crashes" at table 2 after the content was erased and before the log entry.
    const first = await server.tafel.retention.run({
      afterErase: (tableId) => {
        if (tableId === table2.id) throw new Error("simulated crash");
      },
    });
    for (const m of [alice, bob, carol, chair]) seenBefore.set(m, m.client.received.length);
    expect(first.expired).toEqual([{ tableId: table.id, fragmentId: due.id }]);
    expect(first.failed).toEqual([table2.id]);
    expect((await logOf(chair, table2.id)).size).toBe(sizeBefore); // no entry yet…
    let disk = await everythingOnDisk(server.dataDir);
    expectAbsent("the data directory after the crashed run", disk.text, crashSecret); // …and no content either

    // The next run (the daily one, or the one at start) writes the missing entry once.
    const second = await server.tafel.retention.run();
    expect(second.expired).toEqual([]);
    expect(second.failed).toEqual([]);
    expect(entries(await logOf(chair, table2.id), { type: "fragment-expired", fragmentId: crashed.id })).toHaveLength(1);

    // Every file, sealed ones opened: the expired content is nowhere; what is not due is.
    disk = await everythingOnDisk(server.dataDir);
    expect(disk.opened).toBeGreaterThan(3);
    for (const gone of [dueSecret, crashSecret]) expectAbsent("the data directory", disk.text, gone);
    expectPresent("the data directory (not due)", disk.text, keptSecret);
    expectPresent("the data directory (a private draft)", disk.text, draftSecret);

    // The recipient's open view drops it at once.
    await eventually("bob's socket hears it ended", () => bobSocket.events.some((e) => e.name === "fragment:revoked" && JSON.stringify(e.payload).includes(due.id)));

    // Idempotent: nothing more happens, at either table.
    const sizes = [(await logOf(chair, table.id)).size, (await logOf(chair, table2.id)).size];
    expect((await server.tafel.retention.run()).expired).toEqual([]);
    expect([(await logOf(chair, table.id)).size, (await logOf(chair, table2.id)).size]).toEqual(sizes);
  });

  it("leaves recipients an 'expired on <date> under article X' view, never content; the log records it and still verifies", async () => {
    const base = `/api/tables/${table.id}`;
    const read = expectApiError(await bob.client.get(`${base}/fragments/${due.id}`), 410, "expired");
    expect(read.error.message).toMatch(/expired on \d{4}-\d{2}-\d{2} under article 5\.1/);
    // Someone it was never released to learns nothing more than before: not found.
    expectApiError(await carol.client.get(`${base}/fragments/${due.id}`), 404, "not-found");
    const expired = await bob.client.ok<ExpiredFragmentView[]>("GET", `${base}/fragments/expired`);
    expect(expired.map((e) => [e.id, e.expired.article, e.expired.retentionDays])).toEqual([[due.id, "5.1", 30]]);
    expect(await carol.client.ok<ExpiredFragmentView[]>("GET", `${base}/fragments/expired`)).toEqual([]);
    // The author keeps the metadata and the commitment, not the content.
    const mine = (await alice.client.ok<AuthoredFragmentView[]>("GET", `${base}/fragments/released`)).find((f) => f.id === due.id);
    expect(mine).toMatchObject({ title: "", body: "", salt: "", commitment: due.commitment, expired: { article: "5.1" } });
    // The fragment not yet due is untouched.
    expect((await bob.client.ok<FragmentReadView>("GET", `${base}/fragments/${kept.id}`)).fragment.body).toContain(keptSecret);

    // A fresh socket gets the kept fragment again, never the expired one.
    const fresh = await sockets.online(bob, table.id);
    await eventually("the kept fragment is re-delivered", () => fresh.deliveries.find((d) => d.fragment.id === kept.id));
    expect(fresh.deliveries.some((d) => d.fragment.id === due.id)).toBe(false);

    // The frozen minutes still reference it by id; each reader's rendition reads "not released".
    const meetings = await bob.client.ok<MeetingView[]>("GET", `${base}/meetings`);
    const copy = await bob.client.ok<MinutesCopyView>("GET", `${base}/meetings/${meetings[0]?.id}/minutes`);
    const blocks = await renderMinutes(fromBase64(copy.boardState), async (id) => {
      const reply = await bob.client.get<FragmentReadView>(`${base}/fragments/${id}`);
      return reply.status === 200 ? { title: reply.body.fragment.title, body: reply.body.fragment.body, author: "" } : null;
    });
    expect(renditionText(blocks)).toContain(NOT_RELEASED);

    // Every participant sees the deletion in the log: by the server, with the article.
    const log = await logOf(carol, table.id);
    const [entry] = entries(log, { type: "fragment-expired", fragmentId: due.id });
    expect(entry).toMatchObject({ actor: null, category: "social-financial", retention: { article: "5.1", retentionDays: 30 } });
    expect(entries(log, { type: "fragment-released", fragmentId: due.id })).toHaveLength(1);
    expect(await exportVerifies(carol, table.id)).toBe(true);
    expect(await exportVerifies(chair, table2.id)).toBe(true);

    // Nothing anyone received since the expiry, and no server log line, carries it.
    for (const m of [alice, bob, carol, chair]) expectAbsent(`${m.account.name}'s responses since`, m.client.received.slice(seenBefore.get(m) ?? 0), dueSecret);
    expectAbsent("bob's fresh socket", fresh.frames, dueSecret);
    expectAbsent("server log lines", server.lines, dueSecret);
  });

  it("stays deleted after a restart, whose run at start adds nothing", async () => {
    const size = (await logOf(chair, table.id)).size;
    sockets.closeAll();
    server = await server.restart();
    await server.tafel.retention.run();
    expect((await logOf(chair, table.id)).size).toBe(size);
    expectApiError(await bob.client.get(`/api/tables/${table.id}/fragments/${due.id}`), 410, "expired");
    expectAbsent("the data directory after restart", (await everythingOnDisk(server.dataDir)).text, dueSecret);
  });
});
