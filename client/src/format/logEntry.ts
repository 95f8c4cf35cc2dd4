// One sentence per log entry, in the reader's language: what happened, with the ids,
// pseudonyms and participants' names the entry carries. Built from the entry's metadata
// only (the log holds no content), so a description can never show content either.
import type { TFunction } from "i18next";
import { en } from "../i18n/en";
import type { LogEntryView } from "../../../shared/types";
import { formatDate } from "./date";
import { shortId } from "./person";

type Described = keyof typeof en.logDescriptions;
export const isDescribed = (type: string): type is Described => Object.hasOwn(en.logDescriptions, type);
type AttendanceStatus = keyof typeof en.attendanceStatuses;
type ActionStatus = keyof typeof en.actionStatuses;
const isAttendance = (s: string): s is AttendanceStatus => Object.hasOwn(en.attendanceStatuses, s);
const isActionStatus = (s: string): s is ActionStatus => Object.hasOwn(en.actionStatuses, s);

function status(t: TFunction, e: LogEntryView): string {
  if (!e.status) return "";
  if (e.type === "attendance-recorded" && isAttendance(e.status)) return t(`attendanceStatuses.${e.status}`);
  if (e.type === "action-updated" && isActionStatus(e.status)) return t(`actionStatuses.${e.status}`);
  return e.status;
}

function outcome(t: TFunction, e: LogEntryView): string {
  const caseTable = e.caseTable ? shortId(e.caseTable) : "";
  if (e.outcome === "accept") return t("logDescriptionParts.accepted", { caseTable, track: e.track ?? "" });
  if (e.outcome === "refer-elsewhere" || e.outcome === "no-action") return t(`logDescriptionParts.${e.outcome}`);
  return e.outcome ?? "";
}

/** The entry's description; null for a type this client does not know (a newer server). */
export function describeLogEntry(t: TFunction, e: LogEntryView, pseudonyms: ReadonlyMap<string, string>): string | null {
  if (!isDescribed(e.type)) return null;
  const list = (names: string[]) => (names.length > 0 ? names.join(t("common.listSeparator")) : t("logDescriptionParts.nobody"));
  const caseTable = e.caseTable ? shortId(e.caseTable) : "";
  return t(`logDescriptions.${e.type}`, {
    persons: list((e.personsConcerned ?? []).map((id) => pseudonyms.get(id) ?? shortId(id))),
    subject: e.subject?.name ?? "",
    recipients: list((e.recipients ?? []).map((r) => r.name)),
    fragment: e.fragmentId ? shortId(e.fragmentId) : "",
    category: e.category ? t(`categories.${e.category}`) : "",
    referral: e.referral ? shortId(e.referral) : "",
    outcome: outcome(t, e),
    track: e.track ?? "",
    date: e.date ? formatDate(e.date) : "",
    caseTable,
    direction: e.status === "in" ? t("logDescriptionParts.transferIn", { caseTable }) : t("logDescriptionParts.transferOut", { caseTable }),
    meeting: e.meeting ? shortId(e.meeting) : "",
    action: e.action ? shortId(e.action) : "",
    status: status(t, e),
    sheet: e.sheet ? shortId(e.sheet) : "",
    organisation: e.organisation ?? "",
    version: e.agreement?.version ?? "",
    article: e.retention?.article ?? "",
    days: e.retention?.retentionDays ?? "",
  });
}
