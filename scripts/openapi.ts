// Generates docs/openapi.json from the zod schemas of shared/schemas.ts, so the API
// description cannot drift from what the server validates. `npm run openapi` writes
// it; a unit test fails when the committed file is out of date.
import { writeFileSync } from "node:fs";
import { z } from "zod";
import * as S from "../shared/schemas.js";

interface Route {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  body?: z.ZodType;
  ok: number;
  returns: string;
  tag: string;
}

const T = "/api/tables/{tableId}";
export const ROUTES: Route[] = [
  { tag: "setup", method: "get", path: "/api/setup", summary: "Whether the first administrator still has to be created", ok: 200, returns: "SetupStatus" },
  { tag: "setup", method: "post", path: "/api/setup", summary: "Create the first administrator with the one-time token printed at start", body: S.SetupBody, ok: 200, returns: "SessionView; sets the session cookie" },
  { tag: "auth", method: "post", path: "/api/auth/login", summary: "Sign in (throttled: 10 failures per 15 minutes per username and address); with a second factor, no session yet but a 5-minute single-use pending token", body: S.LoginBody, ok: 200, returns: "SessionView and the session cookie, or SecondFactorChallenge" },
  { tag: "auth", method: "post", path: "/api/auth/logout", summary: "Sign out; ends the session and its sockets", ok: 204, returns: "nothing" },
  { tag: "auth", method: "post", path: "/api/auth/password", summary: "Choose a new password (required first after an administrator set a temporary one); ends my other sessions", body: S.ChangePasswordBody, ok: 204, returns: "nothing" },
  { tag: "auth", method: "post", path: "/api/auth/sessions/end-all", summary: "Sign out everywhere: end every session of my account, on every channel", ok: 200, returns: "{ ended: number }" },
  { tag: "admin", method: "post", path: "/api/admin/accounts/{accountId}/end-sessions", summary: "End every session of an account (administrators only)", ok: 200, returns: "{ ended: number }" },
  { tag: "auth", method: "get", path: "/api/auth/session", summary: "The signed-in account", ok: 200, returns: "SessionView" },
  { tag: "auth", method: "put", path: "/api/auth/preferences", summary: "Choose the language of my interface (kept on my account, returned in the session)", body: S.PreferencesBody, ok: 200, returns: "PreferencesView" },
  { tag: "admin", method: "get", path: "/api/admin/organisations", summary: "List organisations (administrators only)", ok: 200, returns: "AdminOrganisationView[]" },
  { tag: "admin", method: "post", path: "/api/admin/organisations", summary: "Create an organisation (administrators only)", body: S.CreateOrganisationBody, ok: 201, returns: "AdminOrganisationView" },
  { tag: "admin", method: "get", path: "/api/admin/accounts", summary: "List accounts (administrators only)", ok: 200, returns: "AdminAccountView[]" },
  { tag: "admin", method: "post", path: "/api/admin/accounts", summary: "Create an account (administrators only); the server generates a temporary password (valid 72 h), shown in this answer only", body: S.CreateAccountBody, ok: 201, returns: "CreatedAccountView" },
  { tag: "admin", method: "post", path: "/api/admin/accounts/{accountId}/temporary-password", summary: "Issue a new generated temporary password (valid 72 h, shown once); ends the person's sessions (administrators only)", ok: 200, returns: "TemporaryPasswordView" },
  { tag: "admin", method: "post", path: "/api/admin/accounts/{accountId}/second-factor/reset", summary: "Remove a person's second factor (lost phone); ends their sessions (administrators only)", ok: 200, returns: "{ ended: number }" },
  { tag: "admin", method: "post", path: "/api/admin/accounts/{accountId}/disable", summary: "Disable an account: its sessions, sockets and live documents end at once, sign-in is refused; it stays on record at its tables (administrators only, never their own)", ok: 200, returns: "DisabledAccountView" },
  { tag: "admin", method: "post", path: "/api/admin/accounts/{accountId}/enable", summary: "Enable a disabled account again; the person signs in anew (administrators only)", ok: 200, returns: "AdminAccountView" },
  { tag: "admin", method: "post", path: "/api/admin/sessions/end-all", summary: "End every session of every account, the administrator's own included (administrators only)", ok: 200, returns: "{ ended: number }" },
  { tag: "admin", method: "put", path: "/api/admin/organisations/{organisationId}/second-factor", summary: "Require (or not) a second factor for an organisation's members (administrators only)", body: S.OrganisationSecondFactorBody, ok: 200, returns: "AdminOrganisationView" },
  { tag: "auth", method: "post", path: "/api/auth/login/second-factor", summary: "Second sign-in step: the pending token from /api/auth/login and a TOTP or recovery code (throttled like the password step)", body: S.SecondFactorSignInBody, ok: 200, returns: "SessionView; sets the session cookie" },
  { tag: "auth", method: "get", path: "/api/auth/second-factor", summary: "Whether my second factor is on, required, and how many recovery codes are left", ok: 200, returns: "SecondFactorStatus" },
  { tag: "auth", method: "post", path: "/api/auth/second-factor/enrolment", summary: "Start setting up a TOTP app: the secret, shown only in this answer", ok: 201, returns: "EnrolmentView" },
  { tag: "auth", method: "post", path: "/api/auth/second-factor/enrolment/confirm", summary: "Complete the set-up with a right code: ten recovery codes, shown only in this answer", body: S.ConfirmEnrolmentBody, ok: 200, returns: "RecoveryCodesView" },
  { tag: "auth", method: "post", path: "/api/auth/second-factor/disable", summary: "Turn my second factor off (password and a code; throttled)", body: S.DisableSecondFactorBody, ok: 204, returns: "nothing" },
  { tag: "tables", method: "get", path: "/api/tables", summary: "My tables and invitations (invitations carry no case data)", ok: 200, returns: "TableListItem[]" },
  { tag: "tables", method: "post", path: "/api/tables", summary: "Open a case table; the creator becomes its chair", body: S.CreateTableBody, ok: 201, returns: "TableView" },
  { tag: "tables", method: "get", path: "/api/tables/confidentiality-statement", summary: "The confidentiality statement every participant accepts", ok: 200, returns: "StatementView" },
  { tag: "tables", method: "get", path: T, summary: "A table, for its active participants", ok: 200, returns: "TableView" },
  { tag: "tables", method: "get", path: `${T}/invitation`, summary: "My invitation: who invites, and the confidentiality statement", ok: 200, returns: "InvitationView" },
  { tag: "tables", method: "post", path: `${T}/accept`, summary: "Accept the confidentiality statement and join (logged as joined)", body: S.AcceptBody, ok: 200, returns: "TableView" },
  { tag: "participants", method: "get", path: `${T}/candidates`, summary: "People the chair may invite (adHocOnly: their organisation is outside the table's agreement)", ok: 200, returns: "CandidateView[]" },
  { tag: "agreements", method: "get", path: "/api/organisations", summary: "Organisations (name, sector) for members drafting an agreement", ok: 200, returns: "OrganisationView[]" },
  { tag: "participants", method: "post", path: `${T}/participants`, summary: "Invite a participant (chair)", body: S.InviteBody, ok: 201, returns: "ParticipantView" },
  { tag: "participants", method: "delete", path: `${T}/participants/{accountId}`, summary: "Remove a participant (chair); their sockets lose the table at once", ok: 204, returns: "nothing" },
  { tag: "drafts", method: "get", path: `${T}/drafts`, summary: "My private drafts at this table", ok: 200, returns: "DraftView[]" },
  { tag: "drafts", method: "post", path: `${T}/drafts`, summary: "Write a private draft", body: S.DraftBody, ok: 201, returns: "DraftView" },
  { tag: "drafts", method: "put", path: `${T}/drafts/{draftId}`, summary: "Change a private draft", body: S.DraftBody, ok: 200, returns: "DraftView" },
  { tag: "drafts", method: "delete", path: `${T}/drafts/{draftId}`, summary: "Delete a private draft", ok: 204, returns: "nothing" },
  { tag: "fragments", method: "post", path: `${T}/drafts/{draftId}/release`, summary: "Release a draft as a fragment to chosen participants (all-or-nothing)", body: S.ReleaseBody, ok: 201, returns: "AuthoredFragmentView" },
  { tag: "risk", method: "get", path: `${T}/risk-template`, summary: "The risk checklist this table uses: its agreement's, or Tafel's neutral example", ok: 200, returns: "RiskTemplateView" },
  { tag: "risk", method: "post", path: `${T}/risk-drafts`, summary: "Write a risk checklist as a private draft; the server scores it and refuses a judgement below the computed level", body: S.RiskChecklistBody, ok: 201, returns: "DraftView" },
  { tag: "risk", method: "put", path: `${T}/risk-drafts/{draftId}`, summary: "Change a risk checklist draft (scored again)", body: S.RiskChecklistBody, ok: 200, returns: "DraftView" },
  { tag: "retention", method: "get", path: `${T}/retention`, summary: "The chair's review: every release at the table, when it falls due and under which article (query: within days)", ok: 200, returns: "RetentionTableView" },
  { tag: "retention", method: "get", path: `${T}/fragments/expired`, summary: "Expired fragments I wrote or received: when and under which article, never content", ok: 200, returns: "ExpiredFragmentView[]" },
  { tag: "retention", method: "get", path: "/api/dpo/retention", summary: "The DPO's overview: per table, what falls due within N days (query: within, default 30)", ok: 200, returns: "RetentionTableView[]" },
  { tag: "retention", method: "get", path: "/api/dpo/retention/case-data", summary: "The DPO's overview of case data beyond fragments: referrals not accepted and closed cases' names that fall due within N days (query: within, default 30)", ok: 200, returns: "CaseDataRetentionItemView[]" },
  { tag: "fragments", method: "get", path: `${T}/fragments/released`, summary: "What I released, with each recipient's sent / delivered / opened / revoked", ok: 200, returns: "AuthoredFragmentView[]" },
  { tag: "fragments", method: "get", path: `${T}/fragments/{fragmentId}`, summary: "Read one fragment released to me (a delivery: logged as fragment-sent before it is sent)", ok: 200, returns: "FragmentReadView" },
  { tag: "fragments", method: "post", path: `${T}/fragments/{fragmentId}/revoke`, summary: "Revoke a release for some or all recipients (author)", body: S.RevokeBody, ok: 200, returns: "AuthoredFragmentView" },
  { tag: "declines", method: "get", path: `${T}/declines`, summary: "'Declined to share' answers recorded at this table", ok: 200, returns: "DeclineView[]" },
  { tag: "declines", method: "post", path: `${T}/declines`, summary: "Record 'declined to share' on a question asked at the table (logged)", body: S.DeclineBody, ok: 201, returns: "DeclineView" },
  { tag: "log", method: "get", path: "/api/log/key", summary: "The log's Ed25519 public key (raw, hex), to pin", ok: 200, returns: "LogKeyView" },
  { tag: "log", method: "get", path: `${T}/log`, summary: "The table's log with names resolved and a signed tree head over exactly these entries: metadata only, never content", ok: 200, returns: "LogView" },
  { tag: "log", method: "get", path: `${T}/log/sth`, summary: "CT get-sth: the latest signed tree head", ok: 200, returns: "SignedTreeHead" },
  { tag: "log", method: "get", path: `${T}/log/proof-by-hash`, summary: "CT get-proof-by-hash: inclusion proof for a leaf hash (query: hash (base64), tree_size)", ok: 200, returns: "InclusionProofView" },
  { tag: "log", method: "get", path: `${T}/log/sth-consistency`, summary: "CT get-sth-consistency: consistency proof between tree sizes (query: first, second)", ok: 200, returns: "ConsistencyProofView" },
  { tag: "log", method: "get", path: `${T}/log/entries`, summary: "CT get-entries: canonical entries start…end inclusive, at most 1000 (query: start, end)", ok: 200, returns: "LogEntriesView" },
  { tag: "log", method: "get", path: `${T}/log/export`, summary: "The whole log with a signed head, for `npm run verify-log` (the export is logged first)", ok: 200, returns: "LogExport" },
  { tag: "fragments", method: "get", path: `${T}/release-check`, summary: "Before releasing: for each possible recipient, whether the agreement allows this category and purpose, and why not (query: category, purpose)", ok: 200, returns: "ReleaseCheckView[]" },
  { tag: "meetings", method: "get", path: `${T}/meetings`, summary: "Meetings of this table", ok: 200, returns: "MeetingView[]" },
  { tag: "meetings", method: "post", path: `${T}/meetings`, summary: "Open a meeting with its agenda (chair); open actions become its review list", body: S.OpenMeetingBody, ok: 201, returns: "MeetingView" },
  { tag: "meetings", method: "put", path: `${T}/meetings/{meetingId}/attendance`, summary: "Record present / apologies / information sent (chair)", body: S.AttendanceBody, ok: 200, returns: "MeetingView" },
  { tag: "meetings", method: "post", path: `${T}/meetings/{meetingId}/confirmations`, summary: "An attendee confirms the confidentiality statement for this meeting (logged)", ok: 201, returns: "MeetingView" },
  { tag: "meetings", method: "post", path: `${T}/meetings/{meetingId}/decisions`, summary: "Record a decision (chair)", body: S.DecisionBody, ok: 201, returns: "MeetingView" },
  { tag: "meetings", method: "post", path: `${T}/meetings/{meetingId}/finalise`, summary: "Freeze the board into this meeting's minutes (chair); stored, hashed, logged", ok: 200, returns: "MeetingView" },
  { tag: "meetings", method: "get", path: `${T}/meetings/{meetingId}/minutes`, summary: "My copy of the finalised minutes (the frozen board); logged per recipient", ok: 200, returns: "MinutesCopyView" },
  { tag: "meetings", method: "get", path: `${T}/actions`, summary: "Actions of this table with their attributed history", ok: 200, returns: "ActionView[]" },
  { tag: "meetings", method: "post", path: `${T}/actions`, summary: "Create an action with an owner and a due date (chair)", body: S.ActionBody, ok: 201, returns: "ActionView" },
  { tag: "meetings", method: "patch", path: `${T}/actions/{actionId}`, summary: "Change an action's status (owner or chair); attributed and logged", body: S.ActionStatusBody, ok: 200, returns: "ActionView" },
  { tag: "feedback", method: "get", path: `${T}/feedback-sheets`, summary: "Feedback sheets of this table, with approvals and who is awaited", ok: 200, returns: "FeedbackSheetView[]" },
  { tag: "feedback", method: "post", path: `${T}/feedback-sheets`, summary: "Draft a feedback sheet (chair); refused if it repeats a passage of any fragment", body: S.FeedbackSheetBody, ok: 201, returns: "FeedbackSheetView" },
  { tag: "feedback", method: "put", path: `${T}/feedback-sheets/{sheetId}`, summary: "Change a feedback sheet (chair); clears every approval", body: S.FeedbackSheetBody, ok: 200, returns: "FeedbackSheetView" },
  { tag: "feedback", method: "post", path: `${T}/feedback-sheets/{sheetId}/approvals`, summary: "Approve exactly this text (logged with its hash)", ok: 201, returns: "FeedbackSheetView" },
  { tag: "feedback", method: "post", path: `${T}/feedback-sheets/{sheetId}/send`, summary: "Send it (chair), only once every participant approved; logged", ok: 200, returns: "FeedbackSheetView" },
  { tag: "agreements", method: "get", path: "/api/agreements", summary: "Sharing agreements my organisation is a member of", ok: 200, returns: "AgreementView[]" },
  { tag: "agreements", method: "post", path: "/api/agreements", summary: "Draft a sharing agreement (version 1); my organisation must be a member", body: S.AgreementBody, ok: 201, returns: "AgreementView" },
  { tag: "agreements", method: "get", path: "/api/agreements/{agreementId}", summary: "An agreement, its versions, signatures and the version in force", ok: 200, returns: "AgreementView" },
  { tag: "agreements", method: "post", path: "/api/agreements/{agreementId}/versions", summary: "Draft the next version (immutable once created; in force when every member signed)", body: S.AgreementBody, ok: 201, returns: "AgreementVersionView" },
  { tag: "agreements", method: "post", path: "/api/agreements/{agreementId}/versions/{number}/signatures", summary: "Sign a version for my organisation; the last signature puts it in force and applies it to every table at once", ok: 201, returns: "AgreementVersionView" },
  { tag: "agreements", method: "get", path: "/api/agreements/{agreementId}/compare", summary: "What changed between two versions, article by article (query: from, to)", ok: 200, returns: "AgreementChange[]" },
  { tag: "dpo", method: "get", path: "/api/dpo/tables", summary: "Tables and their persons concerned, for the data protection officer (no content)", ok: 200, returns: "DpoTableView[]" },
  { tag: "dpo", method: "get", path: "/api/dpo/tables/{tableId}/persons/{personId}/report", summary: "Disclosure report for one person concerned (GDPR art. 15(1)(c)); query format=json|csv|pdf, lang=en|nl (language of the CSV or PDF); logged at the table", ok: 200, returns: "DisclosureReportView, or CSV, or PDF" },
  { tag: "dpo", method: "post", path: "/api/dpo/tables/{tableId}/persons/{personId}/deferrals", summary: "Record a deferral of the answer (GDPR art. 23) with its reason; logged", body: S.DeferralBody, ok: 201, returns: "DeferralView" },
  { tag: "referrals", method: "get", path: "/api/partnerships", summary: "Partnerships (sharing agreements in force): whether I am a member, whether they have a triage table, and (for members) their triage criteria and tracks", ok: 200, returns: "PartnershipView[]" },
  { tag: "referrals", method: "get", path: "/api/partnerships/{agreementId}/accounts", summary: "Member accounts of a partnership's organisations: who may be chosen as case director (for its members, and for case directors choosing where to transfer a case)", ok: 200, returns: "PersonView[]" },
  { tag: "referrals", method: "post", path: "/api/partnerships/{agreementId}/triage-table", summary: "Open the partnership's one triage table; the opener (a member) chairs it as coordinator", body: S.TriageTableBody, ok: 201, returns: "TableView" },
  { tag: "referrals", method: "post", path: "/api/referrals", summary: "Refer a case, anonymously, to a partnership's triage table (members only; no field for names; logged there without content)", body: S.ReferralBody, ok: 201, returns: "MyReferralView" },
  { tag: "referrals", method: "get", path: "/api/referrals/mine", summary: "My referrals: the description until triage starts, then the status alone", ok: 200, returns: "MyReferralView[]" },
  { tag: "referrals", method: "get", path: `${T}/referrals`, summary: "A triage table's referrals with their checklist and decision, for its participants", ok: 200, returns: "ReferralView[]" },
  { tag: "referrals", method: "put", path: `${T}/referrals/{referralId}/checklist`, summary: "Check triage criteria as met or not (coordinator or parket seat; logged as indexes)", body: S.ChecklistBody, ok: 200, returns: "ReferralView" },
  { tag: "referrals", method: "post", path: `${T}/referrals/{referralId}/decision`, summary: "Decide accept / refer elsewhere / no action with a reason (coordinator, once; accept needs every criterion met, identifies the persons and opens a case table with its case director and track)", body: S.TriageDecisionBody, ok: 200, returns: "ReferralView" },
  { tag: "cases", method: "get", path: `${T}/case`, summary: "The table's case file: status, track, review date (overdue), persons (names where identified at triage), repeat flag, history", ok: 200, returns: "CaseView" },
  { tag: "cases", method: "put", path: `${T}/case/review`, summary: "Set the next review date (case director; logged)", body: S.CaseReviewBody, ok: 200, returns: "CaseView" },
  { tag: "cases", method: "post", path: `${T}/case/track`, summary: "Change the track with a reason, e.g. de-escalation (case director; logged)", body: S.CaseTrackBody, ok: 200, returns: "CaseView" },
  { tag: "cases", method: "post", path: `${T}/case/close`, summary: "Close the case with a reason (case director, once): nothing new is released, scheduled or invited afterwards; logged", body: S.CaseCloseBody, ok: 200, returns: "CaseView" },
  { tag: "cases", method: "post", path: `${T}/case/transfer`, summary: "Transfer the case to a new case table under a receiving partnership (its agreement checked); this table closes as transferred; logged on both sides", body: S.CaseTransferBody, ok: 200, returns: "CaseView" },
];

const ERROR = {
  description: "An error a person can act on",
  content: {
    "application/json": {
      schema: {
        type: "object",
        required: ["error"],
        properties: {
          error: {
            type: "object",
            required: ["code", "message"],
            properties: {
              code: { type: "string", enum: ["invalid-input", "not-signed-in", "forbidden", "not-found", "conflict", "too-many-requests", "payload-too-large", "bad-origin", "internal"] },
              message: { type: "string" },
              fields: { type: "array", items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } } },
            },
          },
        },
      },
    },
  },
};

export function openapi(): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const r of ROUTES) {
    const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: m[1] === "number" ? { type: "integer", minimum: 1 } : { type: "string", format: "uuid" },
    }));
    const { $schema: _drop, ...schema } = r.body ? (z.toJSONSchema(r.body, { io: "input", unrepresentable: "any" }) as Record<string, unknown>) : {};
    (paths[r.path] ??= {})[r.method] = {
      tags: [r.tag],
      summary: r.summary,
      ...(params.length ? { parameters: params } : {}),
      ...(r.body ? { requestBody: { required: true, content: { "application/json": { schema } } } } : {}),
      responses: {
        [r.ok]: { description: `${r.returns} (shapes in shared/types.ts)` },
        "4XX": { $ref: "#/components/responses/Error" },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Tafel API",
      version: "0.1.0",
      description:
        "REST API of Tafel. Requests that change data must carry an Origin header of Tafel's own pages. " +
        "The session is an HttpOnly, SameSite=Strict cookie `tafel_session`. Bodies are at most 64 KiB. " +
        "Realtime events (socket.io on /realtime) are typed in shared/protocol.ts.",
    },
    paths,
    components: {
      responses: { Error: ERROR },
      securitySchemes: { session: { type: "apiKey", in: "cookie", name: "tafel_session" } },
    },
    security: [{ session: [] }],
  };
}

export const OPENAPI_FILE = "docs/openapi.json";

if (process.argv[1]?.endsWith("openapi.ts")) {
  writeFileSync(OPENAPI_FILE, `${JSON.stringify(openapi(), null, 2)}\n`);
  process.stdout.write(`wrote ${OPENAPI_FILE} (${ROUTES.length} operations)\n`);
}
