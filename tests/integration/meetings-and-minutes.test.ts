// A meeting run by the chair: attendance, each attendee's confirmation, decisions and
// attributed actions; then the minutes: the board frozen into a version, one copy per
// participant (logged per copy), and per-recipient renditions in which each canary
// appears exactly where it was released and nowhere else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { boardDocName } from "../../shared/collab.js";
import { FRAGMENT_REF_ATTR, FRAGMENT_REF_NODE, MINUTES_FIELD, NOT_RELEASED, renderMinutes, renditionText } from "../../shared/minutes.js";
import type { ActionView, FragmentReadView, LogView, MeetingView, MinutesCopyView } from "../../shared/types.js";
import { fromBase64 } from "../../server/log/treeHead.js";
import { CollabPool } from "../support/collab.js";
import { buildWorld, releaseCanary, type Member, type World } from "../support/factories.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

let server: TestServer;
let world: World;
let alice: Member;
let bob: Member;
let carol: Member;
let toBob: { id: string; canary: string };
let toChairAndAlice: { id: string; canary: string };
let meeting: MeetingView;
const pool = new CollabPool();

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 3);
  [alice, bob, carol] = world.members as [Member, Member, Member];
  const a = await releaseCanary(alice, world.table, [bob.account.id]);
  const b = await releaseCanary(bob, world.table, [world.chair.account.id, alice.account.id]);
  toBob = { id: a.fragment.id, canary: a.canary };
  toChairAndAlice = { id: b.fragment.id, canary: b.canary };
});

afterAll(async () => {
  await pool.closeAll();
  await server.stop();
  await removeDir(server.dataDir);
});

const base = () => `/api/tables/${world.table.id}`;

/** A reader's rendition, resolving each reference through the fragment API as that reader. */
async function renditionFor(member: Member, copy: MinutesCopyView): Promise<string> {
  const blocks = await renderMinutes(fromBase64(copy.boardState), async (fragmentId) => {
    const reply = await member.client.get<FragmentReadView>(`${base()}/fragments/${fragmentId}`);
    if (reply.status !== 200) return null;
    return { title: reply.body.fragment.title, body: reply.body.fragment.body, author: reply.body.fragment.author.name };
  });
  return renditionText(blocks);
}

describe("a meeting", () => {
  it("is opened by the chair, records attendance, confirmations, decisions and attributed actions", async () => {
    expect((await alice.client.request("POST", `${base()}/meetings`, { agenda: ["Safety"] })).status).toBe(403);
    meeting = await world.chair.client.ok<MeetingView>("POST", `${base()}/meetings`, { agenda: ["Safety plan", "School"] });
    for (const [m, status] of [[world.chair, "present"], [alice, "present"], [bob, "present"], [carol, "apologies"]] as const) {
      await world.chair.client.ok("PUT", `${base()}/meetings/${meeting.id}/attendance`, { accountId: m.account.id, status });
    }
    await alice.client.ok("POST", `${base()}/meetings/${meeting.id}/confirmations`);
    expect((await carol.client.request("POST", `${base()}/meetings/${meeting.id}/confirmations`)).status).toBe(403);
    meeting = await world.chair.client.ok<MeetingView>("POST", `${base()}/meetings/${meeting.id}/decisions`, { text: "Police drive-by twice a week.", agendaItem: 0 });
    expect((await world.chair.client.request("POST", `${base()}/meetings/${meeting.id}/decisions`, { text: "x", agendaItem: 7 })).status).toBe(400);
    expect(meeting.attendance.map((a) => a.status)).toEqual(["present", "present", "present", "apologies"]);

    const action = await world.chair.client.ok<ActionView>("POST", `${base()}/actions`, { title: "Home visit", ownerId: bob.account.id, due: "2026-12-01" });
    expect((await alice.client.request("PATCH", `${base()}/actions/${action.id}`, { status: "done" })).status).toBe(403);
    const updated = await bob.client.ok<ActionView>("PATCH", `${base()}/actions/${action.id}`, { status: "not-possible", note: "Nobody home." });
    expect(updated.history.map((h) => [h.status, h.by.id])).toEqual([["open", world.chair.account.id], ["not-possible", bob.account.id]]);
    await world.chair.client.ok("PATCH", `${base()}/actions/${action.id}`, { status: "open" });
  });

  it("freezes the board into minutes that each participant gets in their own rendition", async () => {
    // The chair writes the minutes on the board, referencing both fragments by id.
    const board = await pool.synced(world.chair.client, boardDocName(world.table.id));
    board.doc.transact(() => {
      const minutes = board.doc.getXmlFragment(MINUTES_FIELD);
      const para = (text: string) => {
        const p = new Y.XmlElement("paragraph");
        p.insert(0, [new Y.XmlText(text)]);
        return p;
      };
      const ref = (id: string) => {
        const r = new Y.XmlElement(FRAGMENT_REF_NODE);
        r.setAttribute(FRAGMENT_REF_ATTR, id);
        return r;
      };
      minutes.insert(0, [para("Item 1: safety plan discussed."), ref(toBob.id), para("Item 2: school."), ref(toChairAndAlice.id)]);
    });
    await board.ack();
    expect(board.receivedText()).not.toContain(toBob.canary); // the board holds ids only

    expect((await alice.client.request("POST", `${base()}/meetings/${meeting.id}/finalise`)).status).toBe(403);
    expect((await bob.client.request("GET", `${base()}/meetings/${meeting.id}/minutes`)).status).toBe(409);
    meeting = await world.chair.client.ok<MeetingView>("POST", `${base()}/meetings/${meeting.id}/finalise`);
    expect(meeting.minutes?.version).toBe(1);
    // Later board edits do not change the frozen minutes.
    board.doc.getXmlFragment(MINUTES_FIELD).insert(0, [new Y.XmlText("After the meeting.")]);
    await board.ack();

    const renditions = new Map<Member, string>();
    for (const m of [world.chair, alice, bob, carol]) {
      const copy = await m.client.ok<MinutesCopyView>("GET", `${base()}/meetings/${meeting.id}/minutes`);
      expect(copy.hash).toBe(meeting.minutes?.hash);
      renditions.set(m, await renditionFor(m, copy));
    }
    const r = (m: Member) => renditions.get(m) as string;
    for (const m of [world.chair, alice, bob, carol]) {
      expect(r(m)).toContain("Item 1: safety plan discussed.");
      expect(r(m)).not.toContain("After the meeting.");
    }
    // Alice's fragment went to Bob only. The fragment API delivers to recipients (an
    // author reads her own under "released by me"), so only Bob's rendition has it.
    expect(r(bob)).toContain(toBob.canary);
    for (const m of [world.chair, alice, carol]) expect(r(m)).not.toContain(toBob.canary);
    // Bob's fragment went to the chair and Alice.
    for (const m of [world.chair, alice]) expect(r(m)).toContain(toChairAndAlice.canary);
    for (const m of [bob, carol]) expect(r(m)).not.toContain(toChairAndAlice.canary);
    expect(r(carol).split(NOT_RELEASED).length - 1).toBe(2);

    const log = await world.chair.client.ok<LogView>("GET", `${base()}/log`);
    const distributed = log.entries.filter((e) => e.type === "minutes-distributed").map((e) => e.subject?.id);
    expect(distributed.sort()).toEqual([world.chair, alice, bob, carol].map((m) => m.account.id).sort());
    expect(log.entries.some((e) => e.type === "minutes-finalised")).toBe(true);
    expect(JSON.stringify(log)).not.toContain(toBob.canary);
    for (const c of [toBob.canary, toChairAndAlice.canary]) expect(server.lines.join("\n")).not.toContain(c);
  });

  it("carries open actions into the next meeting's review list, and final minutes do not change", async () => {
    expect((await world.chair.client.request("POST", `${base()}/meetings/${meeting.id}/decisions`, { text: "late" })).status).toBe(409);
    const next = await world.chair.client.ok<MeetingView>("POST", `${base()}/meetings`, { agenda: ["Review"] });
    const actions = await world.chair.client.ok<ActionView[]>("GET", `${base()}/actions`);
    expect(next.review).toEqual(actions.filter((a) => a.status === "open").map((a) => a.id));
    expect(next.review).toHaveLength(1);
    expect((await world.chair.client.request("POST", `${base()}/meetings`, { agenda: ["Another"] })).status).toBe(409);
  });
});
