// REST for risk checklists and retention (kept apart from tafel.ts: one concern per file).
import type { RiskChecklistBody } from "../../../shared/schemas";
import type { CaseDataRetentionItemView, DraftView, ExpiredFragmentView, RetentionTableView, RiskTemplateView } from "../../../shared/types";
import { http } from "./http";

const table = (id: string) => `/api/tables/${encodeURIComponent(id)}`;

export const riskApi = {
  template: (id: string) => http.get<RiskTemplateView>(`${table(id)}/risk-template`),
  createDraft: (id: string, body: RiskChecklistBody) => http.post<DraftView>(`${table(id)}/risk-drafts`, body),
  updateDraft: (id: string, draftId: string, body: RiskChecklistBody) =>
    http.put<DraftView>(`${table(id)}/risk-drafts/${encodeURIComponent(draftId)}`, body),
};

export const retentionApi = {
  /** The chair's review of the table: every release and when it falls due. */
  atTable: (id: string) => http.get<RetentionTableView>(`${table(id)}/retention`),
  expired: (id: string) => http.get<ExpiredFragmentView[]>(`${table(id)}/fragments/expired`),
  dpo: (withinDays: number) => http.get<RetentionTableView[]>(`/api/dpo/retention?within=${withinDays}`),
  /** Referrals not accepted and closed cases' names that fall due (server/domain/caseDataRetention.ts). */
  dpoCaseData: (withinDays: number) => http.get<CaseDataRetentionItemView[]>(`/api/dpo/retention/case-data?within=${withinDays}`),
};
