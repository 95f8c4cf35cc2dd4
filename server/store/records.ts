// What is stored. These records never leave the server as they are: presenters turn
// them into the views of shared/types.ts for one viewer.
import type { ACTION_STATUSES, ATTENDANCE } from "../../shared/schemas.js";
import type {
  AccountRole,
  AgreementBody,
  FeedbackSheetBody,
  Category,
  FragmentKind,
  Locale,
  SecrecyProfile,
  Sector,
  TablePurpose,
} from "../../shared/schemas.js";
import type { ParticipantState, TableRole } from "../../shared/types.js";

export interface Organisation {
  id: string;
  name: string;
  sector: Sector;
  secrecy: SecrecyProfile;
  createdAt: string;
  /** Its members must sign in with a second factor; without one they reach only the enrolment. */
  requireSecondFactor?: boolean;
}

export interface PasswordHash {
  algorithm: "scrypt";
  N: number;
  r: number;
  p: number;
  salt: string;
  hash: string;
}

export interface Account {
  id: string;
  name: string;
  username: string;
  organisationId: string;
  role: AccountRole;
  password: PasswordHash;
  /** An administrator chose the password: the person must replace it before anything else. */
  mustChangePassword?: boolean;
  /** Until when the administrator's temporary password opens the account (absent: no limit, e.g. older data). */
  temporaryPasswordExpiresAt?: string;
  /** TOTP second factor; present from the start of an enrolment, in use once `enrolledAt` is set. */
  secondFactor?: SecondFactor;
  /** Language of the interface the person chose; absent: the browser's preference decides. */
  locale?: Locale;
  createdAt: string;
  /** Disabled by an administrator: no sign-in, no session, nothing delivered; still on record at its tables. */
  disabled?: { at: string; by: string };
}

export interface SecondFactor {
  /** The TOTP secret (base32), sealed with the keyring (place `accounts/<id>/second-factor`), base64. */
  sealedSecret: string;
  startedAt: string;
  /** Set when a correct code confirmed the enrolment; only then does sign-in ask for a code. */
  enrolledAt?: string;
  /** The last time step a code was accepted for: no code of that step or before is accepted again. */
  lastUsedStep?: number;
  /** SHA-256 of each unused recovery code; a used one is removed. */
  recoveryCodeHashes: string[];
}

/** Password checked, second factor still due: an opaque single-use token, never a session. */
export interface PendingSignIn {
  /** SHA-256 of the token the client holds. */
  tokenHash: string;
  accountId: string;
  expiresAt: string;
  /** Wrong codes given with this token; at the limit the token ends. */
  failures: number;
}

export interface Session {
  /** SHA-256 of the cookie token: a stolen data file does not yield live sessions. */
  tokenHash: string;
  id: string;
  accountId: string;
  createdAt: string;
  expiresAt: string;
}

/** Who sits at which table. Kept in the global document: it is what every request checks. */
export interface Participation {
  tableId: string;
  accountId: string;
  role: TableRole;
  state: ParticipantState;
  invitedBy: string;
  invitedAt: string;
  joinedAt?: string;
  removedAt?: string;
  /** Invited from an organisation that is not a member of the table's agreement. */
  adHocPartner?: boolean;
}

export interface TableIndexEntry {
  id: string;
  createdAt: string;
  createdBy: string;
  /** Indexed here so that an agreement's tables are found without loading every table. */
  agreementId?: string;
  /** "triage": the partnership's triage table; absent or "case": a case table. */
  kind?: import("../../shared/schemas.js").TableKind;
  /**
   * Per category, when the oldest fragment whose content the table still keeps was
   * released (domain/retentionIndex.ts): the retention job opens only tables where one
   * of these plus its period has passed. Never later than the truth (written before the
   * release). Absent for entries written before it existed: computed on first visit.
   */
  oldestKept?: Partial<Record<Category, string>>;
  /**
   * When the earliest case data here beyond fragments (a referral not accepted, a closed
   * case's names) falls due (domain/caseDataIndex.ts); null: nothing will until the
   * table changes. Never later than the truth. Absent: unknown, computed on first visit.
   */
  caseDataDueAt?: string | null;
}

/** One version of a sharing agreement: immutable once created; in force once all members signed. */
export interface AgreementVersion {
  number: number;
  content: AgreementBody;
  /** SHA-256 of the canonical content: what signatures and table logs refer to. */
  hash: string;
  createdBy: string;
  createdAt: string;
  signatures: { organisationId: string; accountId: string; at: string }[];
  inForceAt?: string;
}

export interface Agreement {
  id: string;
  createdAt: string;
  versions: AgreementVersion[];
}

export interface GlobalData {
  organisations: Organisation[];
  accounts: Account[];
  sessions: Session[];
  tables: TableIndexEntry[];
  participations: Participation[];
  /** Absent in data written before agreements existed. */
  agreements?: Agreement[];
  /** Who referred what to which triage table: ids only (the referral itself is sealed in the triage table). */
  referrals?: ReferralIndexEntry[];
  /** Persons of cases closed in the last 12 months, as keyed hashes only (repeat flag, see domain/personMatch.ts). */
  closedCases?: ClosedCaseKey[];
  /** The HMAC key for person matching, sealed with the keyring (base64): a stolen tafel.json alone cannot test names. */
  personMatchKey?: string;
  setup: { tokenHash: string | null; expiresAt?: string };
  /** Absent in data written before second factors existed. */
  pendingSignIns?: PendingSignIn[];
}

export interface PersonConcerned {
  id: string;
  pseudonym: string;
}

export interface Draft {
  id: string;
  ownerId: string;
  title: string;
  body: string;
  /** A risk checklist: the body is its completed content (JSON), written by the server. */
  kind?: "risk-assessment";
  createdAt: string;
  updatedAt: string;
}

export interface ReleaseRecipient {
  accountId: string;
  releasedAt: string;
  revokedAt?: string;
}

export interface Fragment {
  id: string;
  authorId: string;
  title: string;
  body: string;
  category: Category;
  kind: FragmentKind;
  personsConcerned: string[];
  /** Salt for the content commitment in the log; revealed only by the author. */
  salt: string;
  commitment: string;
  /** Set when a newer agreement version no longer allows this release: the author decides. */
  flag?: { agreementVersion: number; reasons: string[]; at: string };
  /** Set when its retention period ended: title, body, salt and justification are erased. */
  expired?: { at: string; dueAt: string; rule: RetentionRule };
  release: {
    purpose: TablePurpose;
    justification: string;
    releasedAt: string;
    recipients: ReleaseRecipient[];
  };
}

/** The agreement article that set how long a category is kept. */
export interface RetentionRule {
  agreementId: string;
  version: number;
  article: string;
  retentionDays: number;
}

export interface Decline {
  id: string;
  accountId: string;
  question: string;
  reason?: string;
  at: string;
}

/** GDPR art. 23: the answer to a person's access request deferred, with the reason. */
export interface Deferral {
  id: string;
  personId: string;
  reason: string;
  until?: string;
  by: string;
  at: string;
}

export interface FeedbackSheet {
  id: string;
  addressee: string;
  outcome: FeedbackSheetBody["outcome"];
  summary: string;
  draftedBy: string;
  updatedAt: string;
  /** Approvals of exactly this text; any change clears them. */
  approvals: { accountId: string; at: string }[];
  sentAt?: string;
}

export interface Meeting {
  id: string;
  number: number;
  openedAt: string;
  openedBy: string;
  agenda: string[];
  attendance: { accountId: string; status: (typeof ATTENDANCE)[number]; at: string }[];
  confirmations: { accountId: string; at: string }[];
  decisions: { id: string; text: string; agendaItem?: number; by: string; at: string }[];
  review: string[];
  minutes?: { version: number; hash: string; finalisedAt: string; finalisedBy: string };
}

export interface Action {
  id: string;
  title: string;
  ownerId: string;
  due: string;
  status: (typeof ACTION_STATUSES)[number];
  createdBy: string;
  createdAt: string;
  meetingId?: string;
  history: { status: string; by: string; at: string; note?: string }[];
}

export interface TableData {
  id: string;
  /** The sharing agreement this table works under (tables opened before agreements have none). */
  agreementId?: string;
  caseCode: string;
  purpose: TablePurpose;
  purposeDetail: string;
  createdAt: string;
  personsConcerned: PersonConcerned[];
  drafts: Draft[];
  fragments: Fragment[];
  declines: Decline[];
  /** Absent in tables written before deferrals existed. */
  deferrals?: Deferral[];
  feedbackSheets?: FeedbackSheet[];
  meetings?: Meeting[];
  actions?: Action[];
  /** Organisations outside the agreement that signed it for this table only, per version. */
  adHocPartners?: { organisationId: string; accountId: string; agreementVersion: number; hash: string; at: string }[];
  /** Set when the board is frozen (final minutes): the Yjs board is read-only from then on. */
  boardFrozenAt?: string;
  /** "triage" for a partnership's triage table; absent means a case table (as before issue 9). */
  kind?: import("../../shared/schemas.js").TableKind;
  /** At a triage table: the referrals it received (sealed with the table document). */
  referrals?: Referral[];
  /** At a case table: status, track, review date, history (absent: an open case, as before issue 9). */
  caseFile?: CaseFile;
  /** Names and birth dates of persons concerned, entered only when a referral is accepted. */
  identities?: PersonIdentity[];
}

// ---- the case from referral to closure (issue 9) ----------------------------------------

export interface ReferralIndexEntry {
  id: string;
  agreementId: string;
  triageTableId: string;
  referrerId: string;
  createdAt: string;
}

export interface ClosedCaseKey {
  /** HMAC-SHA-256 of the normalised name and birth date under the sealed person-match key. */
  personKey: string;
  closedAt: string;
}

export interface Referral {
  id: string;
  referrerId: string;
  /** From the referrer's account at the time of referral, never from the request body. */
  organisationId: string;
  createdAt: string;
  description: string;
  consent: import("../../shared/schemas.js").ReferralBody["consent"];
  informed: import("../../shared/schemas.js").ReferralBody["informed"];
  /** The agreement version in force when referred, and its criteria: what the checklist checks. */
  agreement: { id: string; version: number; hash: string };
  criteria: string[];
  checklist: { criterion: number; met: boolean; by: string; at: string }[];
  status: import("../../shared/types.js").ReferralStatus;
  /** Set when a referral not accepted reached the end of its term: description and reason erased. */
  expired?: { at: string; dueAt: string };
  decision?: {
    outcome: import("../../shared/schemas.js").TriageOutcome;
    reason: string;
    referredTo?: string;
    track?: import("../../shared/schemas.js").Track;
    caseTableId?: string;
    by: string;
    at: string;
  };
}

export interface CaseHistoryEntry {
  id: string;
  kind: import("../../shared/types.js").CaseHistoryView["kind"];
  by: string | null;
  at: string;
  from?: number;
  to?: number;
  date?: string;
  reason?: string;
}

export interface CaseFile {
  status: import("../../shared/types.js").CaseStatus;
  track?: import("../../shared/schemas.js").Track;
  reviewDate?: string;
  origin?: { kind: "referral"; referralId: string; triageTableId: string } | { kind: "transfer"; fromTableId: string; agreementId: string };
  repeat?: { personId: string; previousClosedAt: string }[];
  closedAt?: string;
  transferredTo?: { tableId: string; agreementId: string };
  /** Set when the persons' names and birth dates were erased, the term after closure having ended. */
  identitiesExpired?: { at: string; dueAt: string; personIds: string[] };
  history: CaseHistoryEntry[];
}

export interface PersonIdentity {
  personId: string;
  name: string;
  birthDate: string;
}
