// What a participant sees of a table, and what an invitee sees (nothing of the case).
import type {
  DeclineView,
  DraftView,
  InvitationView,
  ParticipantView,
  TableListItem,
  TableView,
} from "../../shared/types.js";
import type { Decline, Draft, GlobalData, Participation, TableData } from "../store/records.js";
import { presentPerson } from "./person.js";
import { versionInForce } from "../policies/agreement.js";
import { caseStatus } from "../policies/case.js";

export const CONFIDENTIALITY_STATEMENT =
  "I am bound to secrecy about everything shared at this case consultation (art. 458ter Criminal Code). " +
  "I will use what I receive only for the purpose of this consultation, share it with no one outside it, " +
  "and I know that every fragment I receive and open is recorded in the table's log.";

export function presentParticipant(global: Readonly<GlobalData>, p: Participation): ParticipantView {
  return {
    ...presentPerson(global, p.accountId),
    role: p.role,
    state: p.state,
    invitedAt: p.invitedAt,
    ...(p.joinedAt ? { joinedAt: p.joinedAt } : {}),
    ...(p.removedAt ? { removedAt: p.removedAt } : {}),
  };
}

export function presentTable(global: Readonly<GlobalData>, table: Readonly<TableData>, me: Participation): TableView {
  return {
    id: table.id,
    caseCode: table.caseCode,
    purpose: table.purpose,
    purposeDetail: table.purposeDetail,
    createdAt: table.createdAt,
    personsConcerned: table.personsConcerned.map((p) => ({ id: p.id, pseudonym: p.pseudonym })),
    participants: global.participations
      .filter((p) => p.tableId === table.id)
      .map((p) => presentParticipant(global, p)),
    me: { id: me.accountId, role: me.role },
    ...agreementOf(global, table.agreementId),
  };
}

/** The agreement the table works under and its version in force, for every participant. */
function agreementOf(global: Readonly<GlobalData>, agreementId: string | undefined): Pick<TableView, "agreement"> {
  const agreement = agreementId ? (global.agreements ?? []).find((a) => a.id === agreementId) : undefined;
  if (!agreement) return {};
  const version = versionInForce(agreement);
  const latest = agreement.versions.at(-1);
  return {
    agreement: {
      id: agreement.id,
      title: (version ?? latest)?.content.title ?? "",
      ...(version ? { version: version.number, hash: version.hash } : {}),
    },
  };
}

export function presentInvitation(global: Readonly<GlobalData>, p: Participation, table: Readonly<TableData>): InvitationView {
  return {
    tableId: p.tableId,
    invitedBy: presentPerson(global, p.invitedBy),
    invitedAt: p.invitedAt,
    statement: CONFIDENTIALITY_STATEMENT,
    // The agreement's name is not case data: the invitee must know what they would sign.
    ...agreementOf(global, table.agreementId),
    adHocPartner: p.adHocPartner === true,
  };
}

export function presentTableListItem(
  global: Readonly<GlobalData>,
  p: Participation,
  table: Readonly<TableData> | null,
): TableListItem | null {
  if (p.state === "invited") {
    return { id: p.tableId, state: "invited", invitedBy: presentPerson(global, p.invitedBy), invitedAt: p.invitedAt };
  }
  if (p.state === "active" && table) {
    return {
      id: table.id,
      state: "active",
      role: p.role,
      caseCode: table.caseCode,
      purpose: table.purpose,
      createdAt: table.createdAt,
      kind: table.kind ?? "case",
      closed: caseStatus(table) === "closed",
    };
  }
  return null;
}

export function presentDraft(d: Draft): DraftView {
  return { id: d.id, title: d.title, body: d.body, updatedAt: d.updatedAt, ...(d.kind ? { kind: d.kind } : {}) };
}

export function presentDecline(global: Readonly<GlobalData>, d: Decline): DeclineView {
  return {
    id: d.id,
    by: presentPerson(global, d.accountId),
    question: d.question,
    ...(d.reason ? { reason: d.reason } : {}),
    at: d.at,
  };
}
