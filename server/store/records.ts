// What is stored. These records never leave the server as they are: presenters turn
// them into the views of shared/types.ts for one viewer.
import type { ACTION_STATUSES, ATTENDANCE } from "../../shared/schemas.js";
import type {
  AccountRole,
  AgreementBody,
  FeedbackSheetBody,
  Category,
  FragmentKind,
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
  createdAt: string;
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
  setup: { tokenHash: string | null };
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
  release: {
    purpose: TablePurpose;
    justification: string;
    releasedAt: string;
    recipients: ReleaseRecipient[];
  };
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
}
