// The table log as every participant sees it: metadata with names resolved. Entries
// carry no content by construction (log/entries.ts); this adds names and the leaf hash.
import type { LogEntryView, LogView, PersonView, SignedTreeHead } from "../../shared/types.js";
import type { LogEntry } from "../log/entries.js";
import type { TableLog } from "../log/tableLog.js";
import type { GlobalData, TableData } from "../store/records.js";
import { presentPerson } from "./person.js";

function organisationName(global: Readonly<GlobalData>, id: string): string {
  return global.organisations.find((o) => o.id === id)?.name ?? "(unknown organisation)";
}

function details(global: Readonly<GlobalData>, table: Readonly<TableData>, e: LogEntry): Partial<LogEntryView> {
  const person = (id: string): PersonView => presentPerson(global, id);
  switch (e.type) {
    case "table-opened":
      return { personsConcerned: e.personsConcerned, purpose: e.purpose, ...(e.agreement ? { agreement: e.agreement } : {}) };
    case "invited":
      return { subject: person(e.subject) };
    case "removed":
      return { subject: person(e.subject), ...(e.because ? { because: e.because } : {}) };
    case "agreement-signed":
    case "agreement-signed-for-table":
      return { agreement: { id: e.agreement, version: e.version, hash: e.hash }, organisation: organisationName(global, e.organisation) };
    case "agreement-in-force":
      return { agreement: { id: e.agreement, version: e.version, hash: e.hash } };
    case "release-flagged":
      return { fragmentId: e.fragment, agreement: { id: e.agreement, version: e.version } };
    case "joined":
      return {};
    case "fragment-released":
      return {
        fragmentId: e.fragment,
        category: e.category,
        personsConcerned: e.personsConcerned,
        recipients: e.recipients.map(person),
        purpose: e.purpose,
      };
    case "fragment-sent":
      return { fragmentId: e.fragment, subject: person(e.recipient), channel: e.channel };
    case "fragment-delivered":
    case "fragment-opened":
      return { fragmentId: e.fragment, subject: person(e.recipient) };
    case "fragment-revoked":
      return {
        fragmentId: e.fragment,
        subject: person(e.recipient),
        alreadyDelivered: e.alreadyDelivered,
        ...(e.because ? { because: e.because } : {}),
      };
    case "fragment-expired":
      return {
        fragmentId: e.fragment,
        category: e.category,
        agreement: { id: e.rule.agreement, version: e.rule.version },
        retention: { article: e.rule.article, retentionDays: e.rule.retentionDays, releasedAt: e.releasedAt },
      };
    case "log-exported":
      return {};
    case "meeting-opened":
    case "meeting-confirmed":
    case "decision-recorded":
    case "minutes-finalised":
      return { meeting: e.meeting };
    case "attendance-recorded":
      return { meeting: e.meeting, subject: person(e.subject), status: e.status };
    case "minutes-distributed":
      return { meeting: e.meeting, subject: person(e.recipient) };
    case "action-created":
      return { action: e.action, subject: person(e.subject) };
    case "action-updated":
      return { action: e.action, status: e.status };
    case "feedback-drafted":
    case "feedback-approved":
    case "feedback-sent":
      return { sheet: e.sheet };
    case "disclosure-report":
    case "disclosure-deferred":
      return { personsConcerned: [e.person] };
    case "referral-received":
      return { referral: e.referral, organisation: organisationName(global, e.organisation) };
    case "triage-checked":
      return { referral: e.referral };
    case "triage-decided":
      return { referral: e.referral, outcome: e.outcome, ...(e.caseTable ? { caseTable: e.caseTable } : {}), ...(e.track ? { track: e.track } : {}) };
    case "case-opened":
      return { track: e.track, ...(e.referral ? { referral: e.referral } : {}), ...(e.fromTable ? { caseTable: e.fromTable } : {}) };
    case "case-repeat":
      return { personsConcerned: e.personsConcerned };
    case "case-review-set":
      return { date: e.date };
    case "case-track-changed":
    case "case-closed": {
      // The reason is in the sealed case file, which every participant of this table reads anyway.
      const change = table.caseFile?.history.find((h) => h.id === e.change);
      return { ...(e.type === "case-track-changed" ? { track: e.to } : {}), ...(change?.reason ? { reason: change.reason } : {}) };
    }
    case "case-transferred":
      return { caseTable: e.table, status: e.direction, agreement: e.agreement };
    case "referral-expired":
      return { referral: e.referral, outcome: e.outcome, date: e.decidedAt };
    case "identities-expired":
      return { personsConcerned: e.personsConcerned, date: e.closedAt };
    case "declined": {
      const decline = table.declines.find((d) => d.id === e.decline);
      return decline ? { question: decline.question } : {};
    }
  }
}

export function presentLog(global: Readonly<GlobalData>, table: Readonly<TableData>, log: TableLog, treeHead: SignedTreeHead): LogView {
  return {
    tableId: table.id,
    treeHead,
    size: log.size,
    rootHash: log.rootHash(),
    entries: log.entries.map((e, i) => ({
      seq: e.seq,
      at: e.at,
      type: e.type,
      actor: e.actor ? presentPerson(global, e.actor) : null,
      leafHash: log.leafHashAt(i),
      ...details(global, table, e),
    })),
  };
}
