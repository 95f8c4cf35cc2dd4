// What the server sends: the output of `server/presenters/`. The client renders these;
// nothing else about stored records ever crosses the wire.
import type {
  AccountRole,
  Category,
  FragmentKind,
  Locale,
  SecrecyProfile,
  Sector,
  TablePurpose,
} from "./schemas.js";

/** Every error response: a sentence a person can act on, plus the offending fields. */
export interface ApiError {
  error: {
    code: ErrorCode;
    message: string;
    fields?: { path: string; message: string }[];
  };
}

export type ErrorCode =
  | "invalid-input"
  | "not-signed-in"
  | "forbidden"
  | "not-found"
  | "conflict"
  | "too-many-requests"
  | "payload-too-large"
  | "bad-origin"
  | "password-change-required"
  | "second-factor-required"
  /** An administrator disabled the account: sign-in is refused until it is enabled again. */
  | "account-disabled"
  /** A fragment whose retention period ended: its content was deleted (410). */
  | "expired"
  | "internal";

export interface OrganisationView {
  id: string;
  name: string;
  sector: Sector;
  secrecy: SecrecyProfile;
}

export interface AccountView {
  id: string;
  name: string;
  username: string;
  role: AccountRole;
  organisation: OrganisationView;
}

/** A person as other participants see them: enough to choose a recipient. */
export interface PersonView {
  id: string;
  name: string;
  organisation: string;
  sector: Sector;
}

/** Someone the chair may invite. `adHocOnly`: their organisation is not a member of the table's agreement. */
export interface CandidateView extends PersonView {
  adHocOnly: boolean;
}

export interface SessionView {
  account: AccountView;
  expiresAt: string;
  /** Set by an administrator's temporary password: nothing else works until the person chooses their own. */
  mustChangePassword: boolean;
  /** The account signs in with a TOTP code after the password. */
  secondFactorEnrolled: boolean;
  /** The organisation requires a second factor and this account has none: only the enrolment works. */
  mustEnrolSecondFactor: boolean;
  /** The language the person chose for the interface; absent until they choose one. */
  locale?: Locale;
}

/** The answer to changing one's preferences. */
export interface PreferencesView {
  locale: Locale;
}

/** The password was right and a code is due: no session yet, only this short-lived token. */
export interface SecondFactorChallenge {
  secondFactorRequired: true;
  pendingToken: string;
  expiresAt: string;
}

/** What signing in with a password answers. */
export type LoginResult = SessionView | SecondFactorChallenge;

export interface SecondFactorStatus {
  enrolled: boolean;
  /** Required by the person's organisation. */
  required: boolean;
  enrolledAt?: string;
  recoveryCodesLeft: number;
}

/** Shown once, while enrolling: the secret as an otpauth:// URI (for the QR code) and as text. */
export interface EnrolmentView {
  uri: string;
  key: string;
}

/** Shown once, when the enrolment is confirmed. */
export interface RecoveryCodesView {
  recoveryCodes: string[];
}

/** An organisation as administrators see it. */
export interface AdminOrganisationView extends OrganisationView {
  requiresSecondFactor: boolean;
}

/** An account as administrators see it: never a secret, only whether one is set. */
export interface AdminAccountView extends AccountView {
  secondFactorEnrolled: boolean;
  /** When an administrator disabled the account; absent while it is enabled. */
  disabledAt?: string;
}

/** The answer to disabling an account: how many of its sessions ended with it. */
export type DisabledAccountView = AdminAccountView & { sessionsEnded: number };

/** A server-generated temporary password, shown to the administrator once. */
export interface TemporaryPasswordView {
  temporaryPassword: string;
  expiresAt: string;
}

export type CreatedAccountView = AdminAccountView & {
  temporaryPassword: string;
  temporaryPasswordExpiresAt: string;
};

export interface SetupStatus {
  needsSetup: boolean;
}

export type ParticipantState = "invited" | "active" | "removed";
export type TableRole = "chair" | "participant";

/** One row of "my tables". An invitation shows no case data at all. */
export type TableListItem =
  | {
      id: string;
      state: "active";
      role: TableRole;
      caseCode: string;
      purpose: TablePurpose;
      createdAt: string;
      /** A triage table or a case table (tables from before issue 9 are case tables). */
      kind: import("./schemas.js").TableKind;
      closed: boolean;
    }
  | {
      id: string;
      state: "invited";
      invitedBy: PersonView;
      invitedAt: string;
    };

export interface ParticipantView extends PersonView {
  role: TableRole;
  state: ParticipantState;
  invitedAt: string;
  joinedAt?: string;
  removedAt?: string;
}

export interface PersonConcernedView {
  id: string;
  pseudonym: string;
}

export interface TableView {
  id: string;
  caseCode: string;
  purpose: TablePurpose;
  purposeDetail: string;
  createdAt: string;
  personsConcerned: PersonConcernedView[];
  participants: ParticipantView[];
  me: { id: string; role: TableRole };
  /** The sharing agreement and its version in force (none while awaiting signatures). */
  agreement?: { id: string; title: string; version?: number; hash?: string };
}

export interface StatementView {
  statement: string;
}

/** Shown before accepting: the statement, who invites. No case data. */
export interface InvitationView {
  tableId: string;
  invitedBy: PersonView;
  invitedAt: string;
  statement: string;
  /** The agreement the table works under, which an ad-hoc partner must sign to join. */
  agreement?: { id: string; title: string; version?: number; hash?: string };
  /** True when the invitee's organisation is not a member: accepting signs the agreement for this table. */
  adHocPartner: boolean;
}

export interface DraftView {
  id: string;
  title: string;
  body: string;
  updatedAt: string;
  /** A risk checklist draft: `body` is its completed content (JSON, shared/risk.ts). */
  kind?: "risk-assessment";
}

/** A received fragment, as its recipient sees it: content, who released it and why. */
export interface ReceivedFragmentView {
  id: string;
  tableId: string;
  title: string;
  body: string;
  category: Category;
  kind: FragmentKind;
  personsConcerned: PersonConcernedView[];
  author: PersonView;
  releasedAt: string;
  purpose: TablePurpose;
  justification: string;
}

export interface RecipientStatusView {
  recipient: PersonView;
  releasedAt: string;
  /** First time content was handed to a socket or response for this person. */
  sentAt?: string;
  /** First device acknowledgement. */
  deliveredAt?: string;
  /** First time it was shown to the person. */
  openedAt?: string;
  revokedAt?: string;
}

/** A fragment as its author sees it: content plus the full path. */
export interface AuthoredFragmentView extends Omit<ReceivedFragmentView, "author"> {
  /** In the log: SHA-256(salt || canonical {title, body}); see server/log/commitment.ts. */
  commitment: string;
  /** The author's alone: revealing it with the content proves what was released. */
  salt: string;
  /** A newer agreement version no longer allows this release: the author may revoke. */
  flag?: { agreementVersion: number; reasons: string[]; at: string };
  recipients: RecipientStatusView[];
  /** Its retention period ended: title, body and salt are gone (empty). */
  expired?: ExpiryView;
}

// ---- retention and risk checklists --------------------------------------------------

/** When and under which article a fragment's content was deleted. */
export interface ExpiryView {
  at: string;
  dueAt: string;
  agreement: { id: string; version: number };
  article: string;
  retentionDays: number;
}

/** An expired fragment as its author or a recipient sees it: metadata, never content. */
export interface ExpiredFragmentView {
  id: string;
  category: Category;
  kind: FragmentKind;
  personsConcerned: PersonConcernedView[];
  author: PersonView;
  releasedAt: string;
  expired: ExpiryView;
}

/** One released fragment's retention: when it falls due, under which article. No content. */
export interface RetentionItemView {
  fragmentId: string;
  category: Category;
  kind: FragmentKind;
  author: PersonView;
  personsConcerned: PersonConcernedView[];
  releasedAt: string;
  /** Absent when no agreement article sets a period for the category (never deleted by the job). */
  dueAt?: string;
  rule?: { agreement: { id: string; version: number }; article: string; retentionDays: number };
  expiredAt?: string;
}

/** What is due at one table: for its chair (the review at closure) and the DPO. */
export interface RetentionTableView {
  table: { id: string; caseCode: string };
  /** The moment "due" was measured at (the server's clock). */
  asOf: string;
  /** Items due on or before asOf + within days; absent within: every item. */
  withinDays?: number;
  items: RetentionItemView[];
}

/**
 * Case data other than fragments that the daily job erases when its term ends: a
 * referral not accepted (its description and the decision's reason) or the names and
 * birth dates of a closed case's persons concerned. Ids and pseudonyms only.
 */
export interface CaseDataRetentionItemView {
  kind: "referral" | "identities";
  table: { id: string; caseCode: string };
  referral?: string;
  personsConcerned?: PersonConcernedView[];
  /** What the term counts from: the triage decision or the closure. */
  since: string;
  dueAt: string;
  term: { days: number } | { months: number };
}

/** The risk checklist a table uses: its agreement's, or Tafel's neutral example. */
export interface RiskTemplateView {
  source: "agreement" | "default";
  agreement?: { id: string; version: number };
  template: import("./schemas.js").RiskTemplate;
}

export interface DeclineView {
  id: string;
  by: PersonView;
  question: string;
  reason?: string;
  at: string;
}

/** A log entry as shown to a participant: metadata only, names resolved. */
export interface LogEntryView {
  seq: number;
  at: string;
  type: string;
  actor: PersonView | null;
  /** Other people the entry is about (recipient, invitee, removed participant). */
  subject?: PersonView;
  recipients?: PersonView[];
  fragmentId?: string;
  category?: Category;
  personsConcerned?: string[];
  purpose?: TablePurpose;
  channel?: string;
  alreadyDelivered?: boolean;
  /** Why: a revocation because the recipient was removed; a removal because of the agreement. */
  because?: "removed" | "agreement";
  agreement?: { id: string; version: number; hash?: string };
  organisation?: string;
  /** A feedback sheet the entry is about. */
  sheet?: string;
  meeting?: string;
  action?: string;
  /** An attendance or action status. */
  status?: string;
  question?: string;
  /** A fragment-expired entry: the article and period that ended its retention. */
  retention?: { article: string; retentionDays: number; releasedAt: string };
  /** The case from referral to closure: the referral, a triage outcome, a track, a date, a table, a reason. */
  referral?: string;
  outcome?: string;
  track?: number;
  date?: string;
  caseTable?: string;
  reason?: string;
  leafHash: string;
}

export interface LogView {
  tableId: string;
  /** A signed head over exactly these entries. */
  treeHead: SignedTreeHead;
  size: number;
  rootHash: string;
  entries: LogEntryView[];
}

/** A REST read of one received fragment; `deliveryId` is what `fragment:opened` names. */
export interface FragmentReadView {
  deliveryId: string;
  fragment: ReceivedFragmentView;
}

// ---- the transparent log, in Certificate Transparency's shapes (RFC 6962 §4) -----
// Hashes and signatures are base64, as in CT. The signed message is defined in
// server/log/treeHead.ts.

/** get-sth */
export interface SignedTreeHead {
  tree_size: number;
  /** Milliseconds since the epoch. */
  timestamp: number;
  sha256_root_hash: string;
  tree_head_signature: string;
}

/** get-proof-by-hash */
export interface InclusionProofView {
  leaf_index: number;
  audit_path: string[];
}

/** get-sth-consistency */
export interface ConsistencyProofView {
  consistency: string[];
}

/** get-entries: each leaf_input is the canonical entry's UTF-8 bytes, base64. */
export interface LogEntriesView {
  entries: { leaf_input: string }[];
}

/** The log's public key: Ed25519, raw 32 bytes as hex. */
export interface LogKeyView {
  algorithm: "Ed25519";
  publicKey: string;
}

/** `GET /log/export`: a self-contained file `npm run verify-log` checks offline. */
export interface LogExport {
  format: "tafel-log-export/v1";
  tableId: string;
  publicKey: string;
  /** The canonical entries, one string each, in order. */
  entries: string[];
  treeHead: SignedTreeHead;
}

// ---- the data protection officer's disclosure report (GDPR art. 15(1)(c)) ---------

/** A table as the DPO sees it: enough to find a person concerned, no content. */
export interface DpoTableView {
  id: string;
  caseCode: string;
  createdAt: string;
  personsConcerned: PersonConcernedView[];
}

export interface DisclosureReleaseView {
  fragmentId: string;
  category: Category;
  kind: FragmentKind;
  author: PersonView;
  releasedAt: string;
  purpose: TablePurpose;
  legalBasis: string;
  recipients: RecipientStatusView[];
}

export interface DeferralView {
  id: string;
  reason: string;
  until?: string;
  by: PersonView;
  at: string;
}

/** Every release of a fragment about one person: to whom, when, why — never content. */
export interface DisclosureReportView {
  table: { id: string; caseCode: string };
  person: PersonConcernedView;
  generatedAt: string;
  generatedBy: PersonView;
  releases: DisclosureReleaseView[];
  deferrals: DeferralView[];
}

// ---- sharing agreements ------------------------------------------------------------

export interface AgreementVersionView {
  number: number;
  content: import("./schemas.js").AgreementBody;
  hash: string;
  createdBy: PersonView;
  createdAt: string;
  signatures: { organisation: OrganisationView; by: PersonView; at: string }[];
  /** Member organisations that have not signed yet. */
  awaiting: OrganisationView[];
  inForceAt?: string;
}

export interface AgreementView {
  id: string;
  createdAt: string;
  /** The number of the version in force, if any. */
  inForce?: number;
  versions: AgreementVersionView[];
}

export interface AgreementChange {
  /** "article 4.2", "members", "legal basis", … */
  where: string;
  before: string;
  after: string;
}

/** The release dialog's preview: which recipients the agreement excludes, and why. */
export interface ReleaseCheckView {
  recipient: PersonView;
  allowed: boolean;
  reason?: string;
}

/** A feedback sheet for outside the table (GwH 52/2021: needs everyone's consent, no secrets). */
export interface FeedbackSheetView {
  id: string;
  addressee: string;
  outcome: (typeof import("./schemas.js").FEEDBACK_OUTCOMES)[number];
  summary: string;
  draftedBy: PersonView;
  updatedAt: string;
  approvals: { by: PersonView; at: string }[];
  /** Active participants who have not approved this text yet. */
  awaiting: PersonView[];
  sentAt?: string;
}

// ---- meetings -----------------------------------------------------------------------

export interface ActionView {
  id: string;
  title: string;
  owner: PersonView;
  due: string;
  status: (typeof import("./schemas.js").ACTION_STATUSES)[number];
  createdBy: PersonView;
  createdAt: string;
  /** Every status change, attributed by the server. */
  history: { status: string; by: PersonView; at: string; note?: string }[];
}

export interface MeetingView {
  id: string;
  number: number;
  openedAt: string;
  openedBy: PersonView;
  agenda: string[];
  attendance: { person: PersonView; status: (typeof import("./schemas.js").ATTENDANCE)[number]; at: string }[];
  /** Who confirmed the confidentiality statement for this meeting. */
  confirmations: { person: PersonView; at: string }[];
  decisions: { id: string; text: string; agendaItem?: number; by: PersonView; at: string }[];
  /** Actions still open when the meeting opened: its review list. */
  review: string[];
  minutes?: { version: number; hash: string; finalisedAt: string; finalisedBy: PersonView };
}

/** One participant's copy of finalised minutes: the frozen board (a Yjs update, base64). */
export interface MinutesCopyView {
  meeting: MeetingView;
  hash: string;
  boardState: string;
}

// ---- the case from referral to closure (issue 9) ----------------------------------------

export type ReferralStatus = "referred" | "in-triage" | "accepted" | "referred-elsewhere" | "no-action";
export type CaseStatus = "open" | "closed";

export interface TrackView {
  track: import("./schemas.js").Track;
  label: string;
  description: string;
}

/** A partnership (a sharing agreement in force) one may refer a case to or transfer a case to. */
export interface PartnershipView {
  id: string;
  title: string;
  purpose: TablePurpose;
  /** My organisation is a member of the version in force: I may refer cases to it. */
  member: boolean;
  /** Whether it has a triage table that receives referrals. */
  hasTriageTable: boolean;
  criteria: string[];
  tracks: TrackView[];
}

/** A referral as the triage table's participants see it: anonymous by construction. */
export interface ReferralView {
  id: string;
  tableId: string;
  createdAt: string;
  status: ReferralStatus;
  referrer: PersonView;
  description: string;
  consent: import("./schemas.js").ReferralBody["consent"];
  informed: import("./schemas.js").ReferralBody["informed"];
  agreement: { id: string; version: number; hash: string };
  checklist: { criterion: number; text: string; met?: boolean; by?: PersonView; at?: string }[];
  decision?: {
    outcome: import("./schemas.js").TriageOutcome;
    reason: string;
    referredTo?: string;
    track?: import("./schemas.js").Track;
    caseTableId?: string;
    by: PersonView;
    at: string;
  };
  /** When its term ended and the description and reason were erased (a referral not accepted). */
  expiredAt?: string;
}

/** A referral as its referrer sees it: the description only until triage, then the status alone. */
export interface MyReferralView {
  id: string;
  createdAt: string;
  partnership: { id: string; title: string };
  status: ReferralStatus;
  description?: string;
  decidedAt?: string;
}

export interface CaseHistoryView {
  id: string;
  kind: "opened" | "review" | "track" | "closed" | "transferred-out" | "transferred-in";
  by: PersonView | null;
  at: string;
  from?: number;
  to?: number;
  date?: string;
  reason?: string;
}

/** A table's case file, for its active participants: status, track, review date, persons, history. */
export interface CaseView {
  tableId: string;
  kind: import("./schemas.js").TableKind;
  status: CaseStatus;
  track?: import("./schemas.js").Track;
  tracks: TrackView[];
  reviewDate?: string;
  /** The review date has passed while the case is open. */
  reviewOverdue: boolean;
  /** Names and birth dates exist only at case tables opened from an accepted referral. */
  persons: { id: string; pseudonym: string; name?: string; birthDate?: string }[];
  /** Persons concerned whose earlier case closed less than 12 months before this one opened. */
  repeat: { personId: string; previousClosedAt: string }[];
  origin?: { kind: "referral"; referralId: string } | { kind: "transfer"; fromTableId: string; partnership: string };
  closedAt?: string;
  transferredTo?: { tableId: string; partnership: string };
  history: CaseHistoryView[];
}
