// A feedback sheet as participants see it: its text, who approved it, who is awaited.
import type { FeedbackSheetView } from "../../shared/types.js";
import type { FeedbackSheet, GlobalData } from "../store/records.js";
import { presentPerson } from "./person.js";

export function presentFeedbackSheet(global: Readonly<GlobalData>, sheet: FeedbackSheet, active: readonly string[]): FeedbackSheetView {
  return {
    id: sheet.id,
    addressee: sheet.addressee,
    outcome: sheet.outcome,
    summary: sheet.summary,
    draftedBy: presentPerson(global, sheet.draftedBy),
    updatedAt: sheet.updatedAt,
    approvals: sheet.approvals.map((a) => ({ by: presentPerson(global, a.accountId), at: a.at })),
    awaiting: active.filter((id) => !sheet.approvals.some((a) => a.accountId === id)).map((id) => presentPerson(global, id)),
    ...(sheet.sentAt ? { sentAt: sheet.sentAt } : {}),
  };
}
