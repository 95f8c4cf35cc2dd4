// What the server sends: the output of `server/presenters/`. The client renders these;
// nothing else about stored records ever crosses the wire.
import type {
  AccountRole,
  Category,
  FragmentKind,
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
}

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
