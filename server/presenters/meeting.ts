// Meetings and actions as participants see them: names resolved, every change attributed.
import type { ActionView, MeetingView } from "../../shared/types.js";
import type { Action, GlobalData, Meeting } from "../store/records.js";
import { presentPerson } from "./person.js";

export function presentMeeting(global: Readonly<GlobalData>, m: Meeting): MeetingView {
  const person = (id: string) => presentPerson(global, id);
  return {
    id: m.id,
    number: m.number,
    openedAt: m.openedAt,
    openedBy: person(m.openedBy),
    agenda: m.agenda,
    attendance: m.attendance.map((a) => ({ person: person(a.accountId), status: a.status, at: a.at })),
    confirmations: m.confirmations.map((c) => ({ person: person(c.accountId), at: c.at })),
    decisions: m.decisions.map((d) => ({ id: d.id, text: d.text, ...(d.agendaItem !== undefined ? { agendaItem: d.agendaItem } : {}), by: person(d.by), at: d.at })),
    review: m.review,
    ...(m.minutes ? { minutes: { version: m.minutes.version, hash: m.minutes.hash, finalisedAt: m.minutes.finalisedAt, finalisedBy: person(m.minutes.finalisedBy) } } : {}),
  };
}

export function presentAction(global: Readonly<GlobalData>, a: Action): ActionView {
  const person = (id: string) => presentPerson(global, id);
  return {
    id: a.id,
    title: a.title,
    owner: person(a.ownerId),
    due: a.due,
    status: a.status,
    createdBy: person(a.createdBy),
    createdAt: a.createdAt,
    history: a.history.map((h) => ({ status: h.status, by: person(h.by), at: h.at, ...(h.note ? { note: h.note } : {}) })),
  };
}
