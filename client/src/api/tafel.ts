// Every REST endpoint of Tafel as a typed function. Bodies are the zod-inferred types
// of shared/schemas.ts; answers are the views of shared/types.ts.
import type {
  AcceptBody,
  ChangePasswordBody,
  ActionBody,
  ActionStatusBody,
  AttendanceBody,
  DecisionBody,
  OpenMeetingBody,
  AgreementBody,
  Category,
  CreateAccountBody,
  CreateOrganisationBody,
  CreateTableBody,
  DeclineBody,
  DeferralBody,
  DraftBody,
  FeedbackSheetBody,
  InviteBody,
  Locale,
  LoginBody,
  ReleaseBody,
  RevokeBody,
  SetupBody,
  TablePurpose,
} from "../../../shared/schemas";
import type {
  AdminAccountView,
  AdminOrganisationView,
  CreatedAccountView,
  LoginResult,
  ActionView,
  FragmentReadView,
  MeetingView,
  MinutesCopyView,
  AgreementChange,
  AgreementVersionView,
  AgreementView,
  AuthoredFragmentView,
  CandidateView,
  ConsistencyProofView,
  DeclineView,
  DeferralView,
  DisclosureReportView,
  DpoTableView,
  DraftView,
  FeedbackSheetView,
  InclusionProofView,
  InvitationView,
  LogEntriesView,
  LogKeyView,
  LogView,
  OrganisationView,
  ParticipantView,
  ReleaseCheckView,
  SessionView,
  SetupStatus,
  StatementView,
  TableListItem,
  TableView,
} from "../../../shared/types";
import { http } from "./http";

const table = (id: string) => `/api/tables/${encodeURIComponent(id)}`;
const agreement = (id: string) => `/api/agreements/${encodeURIComponent(id)}`;
const seg = encodeURIComponent;
const query = (params: Record<string, string | number>) =>
  new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
const report = (tableId: string, personId: string) => `/api/dpo/tables/${seg(tableId)}/persons/${seg(personId)}`;

/** Plain download links (the session cookie goes along; the server names the file). */
export const downloads = {
  logExport: (id: string) => `${table(id)}/log/export`,
  /** `lang`: the language of the file, the one the person concerned reads. */
  reportCsv: (tableId: string, personId: string, lang: Locale = "en") => `${report(tableId, personId)}/report?format=csv&lang=${lang}`,
  reportPdf: (tableId: string, personId: string, lang: Locale = "en") => `${report(tableId, personId)}/report?format=pdf&lang=${lang}`,
};

export const api = {
  setupStatus: () => http.get<SetupStatus>("/api/setup"),
  setup: (body: SetupBody) => http.post<SessionView>("/api/setup", body),

  login: (body: LoginBody) => http.post<LoginResult>("/api/auth/login", body),
  logout: () => http.post<void>("/api/auth/logout"),
  changePassword: (body: ChangePasswordBody) => http.post<void>("/api/auth/password", body),
  session: () => http.get<SessionView>("/api/auth/session"),

  organisations: () => http.get<AdminOrganisationView[]>("/api/admin/organisations"),
  createOrganisation: (body: CreateOrganisationBody) => http.post<AdminOrganisationView>("/api/admin/organisations", body),
  accounts: () => http.get<AdminAccountView[]>("/api/admin/accounts"),
  createAccount: (body: CreateAccountBody) => http.post<CreatedAccountView>("/api/admin/accounts", body),

  tables: () => http.get<TableListItem[]>("/api/tables"),
  confidentialityStatement: () => http.get<StatementView>("/api/tables/confidentiality-statement"),
  createTable: (body: CreateTableBody) => http.post<TableView>("/api/tables", body),
  table: (id: string) => http.get<TableView>(table(id)),
  invitation: (id: string) => http.get<InvitationView>(`${table(id)}/invitation`),
  accept: (id: string, body: AcceptBody) => http.post<TableView>(`${table(id)}/accept`, body),

  candidates: (id: string) => http.get<CandidateView[]>(`${table(id)}/candidates`),
  invite: (id: string, body: InviteBody) => http.post<ParticipantView>(`${table(id)}/participants`, body),
  removeParticipant: (id: string, accountId: string) => http.delete(`${table(id)}/participants/${seg(accountId)}`),

  drafts: (id: string) => http.get<DraftView[]>(`${table(id)}/drafts`),
  createDraft: (id: string, body: DraftBody) => http.post<DraftView>(`${table(id)}/drafts`, body),
  updateDraft: (id: string, draftId: string, body: DraftBody) =>
    http.put<DraftView>(`${table(id)}/drafts/${seg(draftId)}`, body),
  deleteDraft: (id: string, draftId: string) => http.delete(`${table(id)}/drafts/${seg(draftId)}`),
  release: (id: string, draftId: string, body: ReleaseBody) =>
    http.post<AuthoredFragmentView>(`${table(id)}/drafts/${seg(draftId)}/release`, body),

  releaseCheck: (id: string, category: Category, purpose: TablePurpose) =>
    http.get<ReleaseCheckView[]>(`${table(id)}/release-check?${query({ category, purpose })}`),

  released: (id: string) => http.get<AuthoredFragmentView[]>(`${table(id)}/fragments/released`),
  revoke: (id: string, fragmentId: string, body: RevokeBody) =>
    http.post<AuthoredFragmentView>(`${table(id)}/fragments/${seg(fragmentId)}/revoke`, body),

  fragment: (id: string, fragmentId: string) => http.get<FragmentReadView>(`${table(id)}/fragments/${seg(fragmentId)}`),

  meetings: (id: string) => http.get<MeetingView[]>(`${table(id)}/meetings`),
  openMeeting: (id: string, body: OpenMeetingBody) => http.post<MeetingView>(`${table(id)}/meetings`, body),
  recordAttendance: (id: string, meetingId: string, body: AttendanceBody) =>
    http.put<MeetingView>(`${table(id)}/meetings/${seg(meetingId)}/attendance`, body),
  confirmMeeting: (id: string, meetingId: string) => http.post<MeetingView>(`${table(id)}/meetings/${seg(meetingId)}/confirmations`),
  recordDecision: (id: string, meetingId: string, body: DecisionBody) =>
    http.post<MeetingView>(`${table(id)}/meetings/${seg(meetingId)}/decisions`, body),
  finaliseMinutes: (id: string, meetingId: string) => http.post<MeetingView>(`${table(id)}/meetings/${seg(meetingId)}/finalise`),
  minutesCopy: (id: string, meetingId: string) => http.get<MinutesCopyView>(`${table(id)}/meetings/${seg(meetingId)}/minutes`),
  actions: (id: string) => http.get<ActionView[]>(`${table(id)}/actions`),
  createAction: (id: string, body: ActionBody) => http.post<ActionView>(`${table(id)}/actions`, body),
  updateAction: (id: string, actionId: string, body: ActionStatusBody) =>
    http.patch<ActionView>(`${table(id)}/actions/${seg(actionId)}`, body),

  declines: (id: string) => http.get<DeclineView[]>(`${table(id)}/declines`),
  decline: (id: string, body: DeclineBody) => http.post<DeclineView>(`${table(id)}/declines`, body),

  feedbackSheets: (id: string) => http.get<FeedbackSheetView[]>(`${table(id)}/feedback-sheets`),
  draftFeedbackSheet: (id: string, body: FeedbackSheetBody) => http.post<FeedbackSheetView>(`${table(id)}/feedback-sheets`, body),
  updateFeedbackSheet: (id: string, sheetId: string, body: FeedbackSheetBody) =>
    http.put<FeedbackSheetView>(`${table(id)}/feedback-sheets/${seg(sheetId)}`, body),
  approveFeedbackSheet: (id: string, sheetId: string) =>
    http.post<FeedbackSheetView>(`${table(id)}/feedback-sheets/${seg(sheetId)}/approvals`),
  sendFeedbackSheet: (id: string, sheetId: string) => http.post<FeedbackSheetView>(`${table(id)}/feedback-sheets/${seg(sheetId)}/send`),

  /** Organisations (name, sector) a member may name in an agreement. */
  memberOrganisations: () => http.get<OrganisationView[]>("/api/organisations"),
  agreements: () => http.get<AgreementView[]>("/api/agreements"),
  agreement: (id: string) => http.get<AgreementView>(agreement(id)),
  createAgreement: (body: AgreementBody) => http.post<AgreementView>("/api/agreements", body),
  draftAgreementVersion: (id: string, body: AgreementBody) => http.post<AgreementVersionView>(`${agreement(id)}/versions`, body),
  signAgreement: (id: string, version: number) =>
    http.post<AgreementVersionView>(`${agreement(id)}/versions/${seg(String(version))}/signatures`),
  compareAgreement: (id: string, from: number, to: number) =>
    http.get<AgreementChange[]>(`${agreement(id)}/compare?${query({ from, to })}`),

  log: (id: string) => http.get<LogView>(`${table(id)}/log`),
  logKey: () => http.get<LogKeyView>("/api/log/key"),
  /** `hash` is the leaf hash in base64, as in CT's get-proof-by-hash. */
  logProof: (id: string, hash: string, treeSize: number) =>
    http.get<InclusionProofView>(`${table(id)}/log/proof-by-hash?${query({ hash, tree_size: treeSize })}`),
  logConsistency: (id: string, first: number, second: number) =>
    http.get<ConsistencyProofView>(`${table(id)}/log/sth-consistency?${query({ first, second })}`),
  /** Inclusive range, at most MAX_ENTRIES_PER_CALL entries per call. */
  logEntries: (id: string, start: number, end: number) =>
    http.get<LogEntriesView>(`${table(id)}/log/entries?${query({ start, end })}`),

  dpoTables: () => http.get<DpoTableView[]>("/api/dpo/tables"),
  dpoReport: (tableId: string, personId: string) => http.get<DisclosureReportView>(`${report(tableId, personId)}/report`),
  dpoDefer: (tableId: string, personId: string, body: DeferralBody) =>
    http.post<DeferralView>(`${report(tableId, personId)}/deferrals`, body),
};
