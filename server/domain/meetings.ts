// Meetings, run by the chair: agenda, attendance, each attendee's confidentiality
// confirmation, decisions, actions (attributed by the server, so "done", "not done"
// and "not possible" each say who and when), and finalised minutes: the board frozen
// into a version that each participant receives as their own copy, logged per copy.
import { randomUUID } from "node:crypto";
import { sha256 } from "@noble/hashes/sha2.js";
import type { ActionBody, ActionStatusBody, AttendanceBody, DecisionBody, OpenMeetingBody } from "../../shared/schemas.js";
import { toHex } from "../log/merkle.js";
import { STATEMENT_HASH } from "./tables.js";
import type { Account, Action, Meeting } from "../store/records.js";
import type { TableFiles } from "../store/store.js";
import { activeParticipation, tableFor, type Context } from "./context.js";
import { forbidden, invalid, notFound, TafelError } from "./errors.js";

const minutesBlob = (meeting: Meeting) => `minutes-${meeting.number}`;

function meetingIn(files: TableFiles, meetingId: string): Meeting {
  const m = (files.doc.data.meetings ?? []).find((x) => x.id === meetingId);
  if (!m) throw notFound("No meeting with this id at this table.");
  return m;
}

function openMeeting(files: TableFiles, meetingId: string): Meeting {
  const m = meetingIn(files, meetingId);
  if (m.minutes) throw new TafelError("conflict", "This meeting's minutes are final; it can no longer change.");
  return m;
}

async function saveMeeting(files: TableFiles, meeting: Meeting): Promise<void> {
  await files.doc.update((d) => {
    d.meetings = (d.meetings ?? []).map((m) => (m.id === meeting.id ? meeting : m));
  });
}

export async function listMeetings(ctx: Context, actor: Account, tableId: string): Promise<Meeting[]> {
  return (await tableFor(ctx, actor, tableId, "view")).files.doc.data.meetings ?? [];
}

export async function startMeeting(ctx: Context, actor: Account, tableId: string, body: OpenMeetingBody): Promise<Meeting> {
  const { files } = await tableFor(ctx, actor, tableId, "invite"); // the chair runs meetings
  const meeting = await files.lock.runExclusive(async () => {
    const meetings = files.doc.data.meetings ?? [];
    if (meetings.some((m) => !m.minutes)) throw new TafelError("conflict", "Finalise the open meeting's minutes before opening the next one.");
    const m: Meeting = {
      id: randomUUID(),
      number: meetings.length + 1,
      openedAt: new Date().toISOString(),
      openedBy: actor.id,
      agenda: body.agenda,
      attendance: [],
      confirmations: [],
      decisions: [],
      // Open actions carry over: the new meeting reviews them.
      review: (files.doc.data.actions ?? []).filter((a) => a.status === "open").map((a) => a.id),
    };
    await files.log.append([{ actor: actor.id, type: "meeting-opened", meeting: m.id, number: m.number }]);
    await files.doc.update((d) => {
      d.meetings = [...(d.meetings ?? []), m];
    });
    return m;
  });
  ctx.notifier.tableChanged(tableId, ["log"]);
  return meeting;
}

export async function recordAttendance(ctx: Context, actor: Account, tableId: string, meetingId: string, body: AttendanceBody): Promise<Meeting> {
  const { files } = await tableFor(ctx, actor, tableId, "invite");
  const meeting = await files.lock.runExclusive(async () => {
    const m = openMeeting(files, meetingId);
    if (!activeParticipation(ctx, tableId, body.accountId)) {
      throw invalid("accountId: is not an active participant of this table.", [{ path: "accountId", message: "is not an active participant" }]);
    }
    const at = new Date().toISOString();
    const next = { ...m, attendance: [...m.attendance.filter((a) => a.accountId !== body.accountId), { accountId: body.accountId, status: body.status, at }] };
    await files.log.append([{ actor: actor.id, type: "attendance-recorded", meeting: m.id, subject: body.accountId, status: body.status }]);
    await saveMeeting(files, next);
    return next;
  });
  ctx.notifier.tableChanged(tableId, ["log"]);
  return meeting;
}

/** Each attendee confirms the confidentiality statement for this meeting (logged by its hash). */
export async function confirmForMeeting(ctx: Context, actor: Account, tableId: string, meetingId: string): Promise<Meeting> {
  const { files } = await tableFor(ctx, actor, tableId, "view");
  const meeting = await files.lock.runExclusive(async () => {
    const m = openMeeting(files, meetingId);
    if (m.attendance.find((a) => a.accountId === actor.id)?.status !== "present") {
      throw forbidden("Only attendees recorded as present confirm the statement for this meeting.");
    }
    if (m.confirmations.some((c) => c.accountId === actor.id)) throw new TafelError("conflict", "You have already confirmed the statement for this meeting.");
    const next = { ...m, confirmations: [...m.confirmations, { accountId: actor.id, at: new Date().toISOString() }] };
    await files.log.append([{ actor: actor.id, type: "meeting-confirmed", meeting: m.id, statement: STATEMENT_HASH }]);
    await saveMeeting(files, next);
    return next;
  });
  ctx.notifier.tableChanged(tableId, ["log"]);
  return meeting;
}

export async function recordDecision(ctx: Context, actor: Account, tableId: string, meetingId: string, body: DecisionBody): Promise<Meeting> {
  const { files } = await tableFor(ctx, actor, tableId, "invite");
  const meeting = await files.lock.runExclusive(async () => {
    const m = openMeeting(files, meetingId);
    if (body.agendaItem !== undefined && body.agendaItem >= m.agenda.length) {
      throw invalid("agendaItem: there is no such agenda item.", [{ path: "agendaItem", message: "no such agenda item" }]);
    }
    const decision = { id: randomUUID(), text: body.text, ...(body.agendaItem !== undefined ? { agendaItem: body.agendaItem } : {}), by: actor.id, at: new Date().toISOString() };
    const next = { ...m, decisions: [...m.decisions, decision] };
    await files.log.append([{ actor: actor.id, type: "decision-recorded", meeting: m.id, decision: decision.id }]);
    await saveMeeting(files, next);
    return next;
  });
  ctx.notifier.tableChanged(tableId, ["log"]);
  return meeting;
}

export async function listActions(ctx: Context, actor: Account, tableId: string): Promise<Action[]> {
  return (await tableFor(ctx, actor, tableId, "view")).files.doc.data.actions ?? [];
}

export async function createAction(ctx: Context, actor: Account, tableId: string, body: ActionBody): Promise<Action> {
  const { files } = await tableFor(ctx, actor, tableId, "invite");
  if (!activeParticipation(ctx, tableId, body.ownerId)) {
    throw invalid("ownerId: is not an active participant of this table.", [{ path: "ownerId", message: "is not an active participant" }]);
  }
  const action = await files.lock.runExclusive(async () => {
    const at = new Date().toISOString();
    const current = (files.doc.data.meetings ?? []).find((m) => !m.minutes);
    const a: Action = {
      id: randomUUID(),
      title: body.title,
      ownerId: body.ownerId,
      due: body.due,
      status: "open",
      createdBy: actor.id,
      createdAt: at,
      ...(current ? { meetingId: current.id } : {}),
      history: [{ status: "open", by: actor.id, at }],
    };
    await files.log.append([{ actor: actor.id, type: "action-created", action: a.id, subject: a.ownerId, due: a.due }]);
    await files.doc.update((d) => {
      d.actions = [...(d.actions ?? []), a];
    });
    return a;
  });
  ctx.notifier.tableChanged(tableId, ["log"]);
  return action;
}

/** The owner or the chair changes an action's status; every change is kept and logged. */
export async function updateAction(ctx: Context, actor: Account, tableId: string, actionId: string, body: ActionStatusBody): Promise<Action> {
  const { files, participation } = await tableFor(ctx, actor, tableId, "view");
  const action = await files.lock.runExclusive(async () => {
    const a = (files.doc.data.actions ?? []).find((x) => x.id === actionId);
    if (!a) throw notFound("No action with this id at this table.");
    if (a.ownerId !== actor.id && participation.role !== "chair") throw forbidden("Only the action's owner or the chair changes its status.");
    const at = new Date().toISOString();
    const next: Action = { ...a, status: body.status, history: [...a.history, { status: body.status, by: actor.id, at, ...(body.note ? { note: body.note } : {}) }] };
    await files.log.append([{ actor: actor.id, type: "action-updated", action: a.id, status: body.status }]);
    await files.doc.update((d) => {
      d.actions = (d.actions ?? []).map((x) => (x.id === actionId ? next : x));
    });
    return next;
  });
  ctx.notifier.tableChanged(tableId, ["log"]);
  return action;
}

/** The chair freezes the board into this meeting's minutes: stored durably, hashed, logged. */
export async function finaliseMinutes(ctx: Context, actor: Account, tableId: string, meetingId: string): Promise<Meeting> {
  const { files } = await tableFor(ctx, actor, tableId, "invite");
  const meeting = await files.lock.runExclusive(async () => {
    const m = openMeeting(files, meetingId);
    const state = await ctx.boardState(tableId);
    const hash = toHex(sha256(state));
    const version = (files.doc.data.meetings ?? []).filter((x) => x.minutes).length + 1;
    // The frozen state first, then the log, then the record that points at it.
    await ctx.store.writeBlob(tableId, minutesBlob(m), state);
    await files.log.append([{ actor: actor.id, type: "minutes-finalised", meeting: m.id, version, hash }]);
    const next = { ...m, minutes: { version, hash, finalisedAt: new Date().toISOString(), finalisedBy: actor.id } };
    await saveMeeting(files, next);
    return next;
  });
  ctx.notifier.tableChanged(tableId, ["log"]);
  return meeting;
}

/**
 * One participant's copy of the finalised minutes, logged per recipient before it is
 * sent. The board holds fragment ids only; the reader's browser resolves each through
 * the fragment API, which answers only what was released to them (and logs it).
 */
export async function minutesCopy(ctx: Context, actor: Account, tableId: string, meetingId: string): Promise<{ meeting: Meeting; state: Uint8Array }> {
  const { files } = await tableFor(ctx, actor, tableId, "view");
  const copy = await files.lock.runExclusive(async () => {
    const m = meetingIn(files, meetingId);
    if (!m.minutes) throw new TafelError("conflict", "This meeting's minutes are not final yet.");
    const state = await ctx.store.readBlob(tableId, minutesBlob(m));
    if (!state || toHex(sha256(state)) !== m.minutes.hash) throw new TafelError("internal", "The stored minutes do not match their recorded hash.");
    await files.log.append([{ actor: actor.id, type: "minutes-distributed", meeting: m.id, recipient: actor.id, hash: m.minutes.hash }]);
    return { meeting: m, state };
  });
  ctx.notifier.tableChanged(tableId, ["log"]);
  return copy;
}
