// A risk checklist is a fragment: a structured draft about one person concerned, scored
// by the server against the table's template (the agreement's, or Tafel's neutral
// example), released through the same door as any fragment. Professional judgement may
// raise the computed level, never lower it; non-recipients never see the answers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRiskContent } from "../../shared/risk.js";
import { DEFAULT_RISK_TEMPLATE } from "../../shared/riskTemplate.js";
import type { RiskTemplate } from "../../shared/schemas.js";
import type { AuthoredFragmentView, DraftView, FragmentReadView, RiskTemplateView, TableView } from "../../shared/types.js";
import { bootstrapAdmin, buildMember, canary, type Member } from "../support/factories.js";
import { entries, expectAbsent, expectApiError, expectPresent, fieldPaths, logOf, SocketPool } from "../support/adversary.js";
import { eventually, settle } from "../support/realtime.js";
import { agreementInForce, tableUnder } from "../support/retention.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

let server: TestServer;
let chair: Member;
let alice: Member;
let bob: Member;
let carol: Member;
let table: TableView;
let agreed: TableView;
const sockets = new SocketPool();

/** Every default item answered "no" except those given. */
function answers(yes: string[] = [], unknown: string[] = []): Record<string, string> {
  return Object.fromEntries(DEFAULT_RISK_TEMPLATE.items.map((i) => [i.key, yes.includes(i.key) ? "yes" : unknown.includes(i.key) ? "unknown" : "no"]));
}

const OWN: RiskTemplate = {
  id: "partnership-2",
  title: "Partnership checklist",
  items: [
    { key: "a", label: "Item A", options: [{ key: "n", label: "No", points: 0 }, { key: "y", label: "Yes", points: 4 }] },
    { key: "b", label: "Item B", options: [{ key: "n", label: "No", points: 0 }, { key: "y", label: "Yes", points: 4 }] },
  ],
  levels: [
    { key: "green", label: "Green", minScore: 0 },
    { key: "red", label: "Red", minScore: 8 },
  ],
};

beforeAll(async () => {
  server = await startServer();
  const admin = await bootstrapAdmin(server);
  chair = await buildMember(server, admin, { name: "Chair" });
  alice = await buildMember(server, admin, { name: "Alice" });
  bob = await buildMember(server, admin, { name: "Bob" });
  carol = await buildMember(server, admin, { name: "Carol" });
  // One table without an agreement (the neutral example), one whose agreement brings its own.
  const plain = await agreementInForce([chair, alice, bob, carol], [{ key: "risk-assessment", article: "6", retentionDays: 365 }]);
  table = await tableUnder(chair, [alice, bob, carol], plain.id, "RISK-1");
  const own = await agreementInForce([chair, alice], [{ key: "risk-assessment", article: "6", retentionDays: 365 }], { riskChecklist: OWN });
  agreed = await tableUnder(chair, [alice], own.id, "RISK-2");
});

afterAll(async () => {
  sockets.closeAll();
  await server.stop();
  await removeDir(server.dataDir);
  await removeDir(`${server.dataDir}.key`);
});

const person = () => table.personsConcerned[0]?.id as string;
const drafts = (m: Member, t = table) => m.client.ok<DraftView[]>("GET", `/api/tables/${t.id}/drafts`);

describe("a risk checklist", () => {
  it("uses the agreement's template, else Tafel's neutral example", async () => {
    const neutral = await alice.client.ok<RiskTemplateView>("GET", `/api/tables/${table.id}/risk-template`);
    expect(neutral).toMatchObject({ source: "default", template: { id: "tafel-neutral-1" } });
    expect(neutral.template.items.length).toBeGreaterThanOrEqual(10);
    const own = await alice.client.ok<RiskTemplateView>("GET", `/api/tables/${agreed.id}/risk-template`);
    expect(own).toMatchObject({ source: "agreement", template: { id: "partnership-2" } });
    // Scored against that template: both yes is 8 points, "red".
    const draft = await alice.client.ok<DraftView>("POST", `/api/tables/${agreed.id}/risk-drafts`, {
      title: "RA", person: agreed.personsConcerned[0]?.id, answers: { a: "y", b: "y" }, judgement: "red",
    });
    expect(parseRiskContent(draft.body)).toMatchObject({ score: 8, computed: "red", judgement: "red", template: { id: "partnership-2" } });
    // The other template's keys are unknown here.
    const wrong = await alice.client.post(`/api/tables/${agreed.id}/risk-drafts`, { title: "RA", person: agreed.personsConcerned[0]?.id, answers: answers(), judgement: "low" });
    expectApiError(wrong, 400, "invalid-input");
  });

  it("is scored by the server: a judgement below the computed level is refused, and nothing is saved", async () => {
    const before = (await drafts(alice)).length;
    // threats, weapons, escalation: 9 points; plus separation: 11, "high".
    const high = answers(["threats", "weapons", "escalation", "separation"]);
    const lower = await alice.client.post(`/api/tables/${table.id}/risk-drafts`, { title: "RA", person: person(), answers: high, judgement: "medium" });
    const error = expectApiError(lower, 400, "invalid-input");
    expect(fieldPaths(lower)).toEqual(["judgement"]);
    expect(error.error.message).toMatch(/never lower it: choose high/);
    const raisedUnexplained = await alice.client.post(`/api/tables/${table.id}/risk-drafts`, { title: "RA", person: person(), answers: answers(), judgement: "high" });
    expect(fieldPaths(raisedUnexplained)).toEqual(["justification"]);
    const partial = { ...answers() } as Record<string, string>;
    delete partial.threats;
    expect(fieldPaths(await alice.client.post(`/api/tables/${table.id}/risk-drafts`, { title: "RA", person: person(), answers: partial, judgement: "low" }))).toEqual(["answers.threats"]);
    expect(fieldPaths(await alice.client.post(`/api/tables/${table.id}/risk-drafts`, { title: "RA", person: person(), answers: { ...answers(), threats: "maybe" }, judgement: "low" }))).toEqual(["answers.threats.maybe"]);
    expect(fieldPaths(await alice.client.post(`/api/tables/${table.id}/risk-drafts`, { title: "RA", person: agreed.personsConcerned[0]?.id, answers: answers(), judgement: "low" }))).toEqual(["person"]);
    expect(fieldPaths(await alice.client.post(`/api/tables/${table.id}/risk-drafts`, { title: "RA", person: person(), answers: answers(), judgement: "LOW!" }))).toEqual(["judgement"]);
    expect((await drafts(alice)).length).toBe(before);

    // A checklist draft's body is the server's: the text-draft route cannot rewrite it.
    const ok = await alice.client.ok<DraftView>("POST", `/api/tables/${table.id}/risk-drafts`, { title: "RA", person: person(), answers: high, judgement: "high" });
    expect(ok.kind).toBe("risk-assessment");
    expect(parseRiskContent(ok.body)).toMatchObject({ score: 11, computed: "high", judgement: "high" });
    expectApiError(await alice.client.put(`/api/tables/${table.id}/drafts/${ok.id}`, { title: "RA", body: "{}" }), 400, "invalid-input");
    expectApiError(await alice.client.put(`/api/tables/${table.id}/risk-drafts/${ok.id}`, { title: "RA", person: person(), answers: high, judgement: "low" }), 400, "invalid-input");
    // Another person's draft id is "not found", exactly as a missing one.
    expectApiError(await bob.client.put(`/api/tables/${table.id}/risk-drafts/${ok.id}`, { title: "RA", person: person(), answers: high, judgement: "high" }), 404, "not-found");
    await alice.client.ok("DELETE", `/api/tables/${table.id}/drafts/${ok.id}`);
  });

  it("is released like any fragment: only to its recipients, with the raised level and its reason; others never see the answers", async () => {
    const secret = canary();
    const base = `/api/tables/${table.id}`;
    const bobSocket = await sockets.online(bob, table.id);
    const carolSocket = await sockets.online(carol, table.id);
    const chairSocket = await sockets.online(chair, table.id);
    const draft = await alice.client.ok<DraftView>("POST", `${base}/risk-drafts`, {
      title: `Risk V1 ${secret}`, person: person(), answers: answers(["children"]), judgement: "high", justification: `Raised: ${secret}`,
    });
    const release = { recipients: [bob.account.id], category: "risk-assessment", kind: "risk-assessment", personsConcerned: [person()], purpose: "integrity", justification: "Safety plan." };
    // Released as what it is, about whom it is, or not at all.
    expect(fieldPaths(await alice.client.post(`${base}/drafts/${draft.id}/release`, { ...release, kind: "fact" }))).toEqual(["kind"]);
    expect(fieldPaths(await alice.client.post(`${base}/drafts/${draft.id}/release`, { ...release, category: "social-financial" }))).toContain("category");
    expect(fieldPaths(await alice.client.post(`${base}/drafts/${draft.id}/release`, { ...release, personsConcerned: [table.personsConcerned[1]?.id] }))).toEqual(["personsConcerned"]);
    const text = await alice.client.ok<DraftView>("POST", `${base}/drafts`, { title: "Plain", body: "Not a checklist" });
    expect(fieldPaths(await alice.client.post(`${base}/drafts/${text.id}/release`, release))).toEqual(["kind"]);

    const released = await alice.client.ok<AuthoredFragmentView>("POST", `${base}/drafts/${draft.id}/release`, release);
    expect(released.kind).toBe("risk-assessment");
    const delivered = await eventually("bob receives it", () => bobSocket.deliveries.find((d) => d.fragment.id === released.id));
    const content = parseRiskContent(delivered.fragment.body);
    expect(content).toMatchObject({ computed: "low", judgement: "high", justification: `Raised: ${secret}`, person: person() });
    expect(content?.items.find((i) => i.key === "children")).toMatchObject({ option: "yes", label: DEFAULT_RISK_TEMPLATE.items[4]?.label });
    expectPresent("bob's frames", bobSocket.frames, secret);

    // The log: released with its commitment and kind, nothing of the answers.
    const log = await logOf(carol, table.id);
    const [entry] = entries(log, { type: "fragment-released", fragmentId: released.id });
    expect(entry).toMatchObject({ category: "risk-assessment" });
    expectAbsent("the log", JSON.stringify(log), secret);
    expectAbsent("the log", JSON.stringify(log), "children");

    await settle();
    for (const [who, socket] of [["carol", carolSocket], ["chair", chairSocket]] as const) expectAbsent(`${who}'s frames`, socket.frames, secret);
    for (const m of [carol, chair]) {
      expectApiError(await m.client.get(`${base}/fragments/${released.id}`), 404, "not-found");
      expect((await m.client.get(`${base}/fragments/released`)).status).toBe(200);
      expectAbsent(`${m.account.name}'s responses`, m.client.received, secret);
    }
    expect((await bob.client.ok<FragmentReadView>("GET", `${base}/fragments/${released.id}`)).fragment.kind).toBe("risk-assessment");
    expectAbsent("server log lines", server.lines, secret);
  });
});
