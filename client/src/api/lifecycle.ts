// The REST endpoints of the case from referral to closure (issue 9), typed like api/tafel.ts.
import type {
  CaseCloseBody,
  CaseReviewBody,
  CaseTrackBody,
  CaseTransferBody,
  ChecklistBody,
  ReferralBody,
  TriageDecisionBody,
} from "../../../shared/schemas";
import type { CaseView, MyReferralView, PartnershipView, PersonView, ReferralView } from "../../../shared/types";
import { http } from "./http";

const seg = encodeURIComponent;
const table = (id: string) => `/api/tables/${seg(id)}`;

export const lifecycleApi = {
  partnerships: () => http.get<PartnershipView[]>("/api/partnerships"),
  partnershipAccounts: (agreementId: string) => http.get<PersonView[]>(`/api/partnerships/${seg(agreementId)}/accounts`),
  refer: (body: ReferralBody) => http.post<MyReferralView>("/api/referrals", body),
  myReferrals: () => http.get<MyReferralView[]>("/api/referrals/mine"),
  referrals: (tableId: string) => http.get<ReferralView[]>(`${table(tableId)}/referrals`),
  checklist: (tableId: string, referralId: string, body: ChecklistBody) => http.put<ReferralView>(`${table(tableId)}/referrals/${seg(referralId)}/checklist`, body),
  decide: (tableId: string, referralId: string, body: TriageDecisionBody) => http.post<ReferralView>(`${table(tableId)}/referrals/${seg(referralId)}/decision`, body),
  caseFile: (tableId: string) => http.get<CaseView>(`${table(tableId)}/case`),
  setReview: (tableId: string, body: CaseReviewBody) => http.put<CaseView>(`${table(tableId)}/case/review`, body),
  changeTrack: (tableId: string, body: CaseTrackBody) => http.post<CaseView>(`${table(tableId)}/case/track`, body),
  close: (tableId: string, body: CaseCloseBody) => http.post<CaseView>(`${table(tableId)}/case/close`, body),
  transfer: (tableId: string, body: CaseTransferBody) => http.post<CaseView>(`${table(tableId)}/case/transfer`, body),
};
