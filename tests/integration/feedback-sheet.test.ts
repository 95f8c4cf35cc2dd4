// An outbound feedback sheet carries no secret and goes out only with everyone's
// consent (GwH 52/2021); each approval and the sending are logged with the text's hash.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FeedbackSheetView, LogView } from "../../shared/types.js";
import { buildWorld, releaseCanary, type Member, type World } from "../support/factories.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

let server: TestServer;
let world: World;
let secretBody: string;

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 2);
  const [alice, bob] = world.members as [Member, Member];
  const { fragment } = await releaseCanary(alice, world.table, [bob.account.id]);
  secretBody = fragment.body;
});
afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
});

const base = () => `/api/tables/${world.table.id}/feedback-sheets`;
const sheet = { addressee: "CAW intake service", outcome: "accepted", summary: "The case was accepted by the table; a case director was appointed." };

describe("the feedback sheet", () => {
  it("refuses a text that repeats a passage of any fragment, even one the chair never received", async () => {
    const pasted = await world.chair.client.request<{ error: { message: string; fields: { path: string }[] } }>("POST", base(), {
      ...sheet,
      summary: `Summary: ${secretBody.slice(2, 40).toUpperCase()}   and more.`,
    });
    expect(pasted.status).toBe(400);
    expect(pasted.body.error.fields.map((f) => f.path)).toEqual(["summary"]);
    expect(pasted.text).not.toContain(secretBody.slice(2, 40));
    expect(server.lines.join("\n")).not.toContain("CANARY");
    expect(await world.chair.client.ok<FeedbackSheetView[]>("GET", base())).toEqual([]);
  });

  it("goes out only after every participant approved exactly this text", async () => {
    const [alice, bob] = world.members as [Member, Member];
    const draft = await world.chair.client.ok<FeedbackSheetView>("POST", base(), sheet);
    expect(draft.awaiting.map((p) => p.id).sort()).toEqual([world.chair.account.id, alice.account.id, bob.account.id].sort());
    expect((await alice.client.request("POST", base(), sheet)).status).toBe(403); // only the chair drafts

    await world.chair.client.ok("POST", `${base()}/${draft.id}/approvals`);
    await alice.client.ok("POST", `${base()}/${draft.id}/approvals`);
    const early = await world.chair.client.request<{ error: { message: string } }>("POST", `${base()}/${draft.id}/send`);
    expect(early.status).toBe(403);
    expect(early.body.error.message).toContain("1 still to approve");

    // Changing the text clears the approvals.
    const changed = await world.chair.client.ok<FeedbackSheetView>("PUT", `${base()}/${draft.id}`, { ...sheet, summary: `${sheet.summary} Next review in March.` });
    expect(changed.approvals).toEqual([]);
    for (const m of [world.chair, alice, bob]) await m.client.ok("POST", `${base()}/${draft.id}/approvals`);
    expect((await bob.client.request("POST", `${base()}/${draft.id}/approvals`)).status).toBe(409);
    const sent = await world.chair.client.ok<FeedbackSheetView>("POST", `${base()}/${draft.id}/send`);
    expect(sent.sentAt).toBeDefined();
    expect((await world.chair.client.request("PUT", `${base()}/${draft.id}`, sheet)).status).toBe(409);

    const log = await world.chair.client.ok<LogView>("GET", `/api/tables/${world.table.id}/log`);
    const types = log.entries.filter((e) => e.sheet === draft.id).map((e) => e.type);
    expect(types).toEqual(["feedback-drafted", "feedback-approved", "feedback-approved", "feedback-drafted", "feedback-approved", "feedback-approved", "feedback-approved", "feedback-sent"]);
  });

  it("is refused to outsiders and the administrator", async () => {
    expect((await world.admin.get(base())).status).toBe(403);
    expect((await world.admin.post(base(), sheet)).status).toBe(403);
  });
});
