// Every shape that crosses a boundary (REST body, socket payload) is written once here
// and imported by both sides. The server validates with these on arrival; the client
// uses the inferred types to build its requests.
import { z } from "zod";

/** Upper bounds, in one place, so client forms and server checks agree. */
export const LIMITS = {
  name: 120,
  username: 64,
  passwordMin: 12,
  passwordMax: 256,
  caseCode: 40,
  purpose: 500,
  pseudonym: 60,
  personsPerTable: 20,
  draftTitle: 200,
  fragmentBody: 20_000,
  justification: 1_000,
  question: 500,
  recipients: 50,
  /** socket.io `maxHttpBufferSize`, REST JSON body limit: a fragment plus its envelope. */
  messageBytes: 64 * 1024,
} as const;

export const SECTORS = ["care", "police", "justice", "local-government", "other"] as const;
export const SECRECY_PROFILES = ["professional", "official", "none"] as const;
/** A data protection officer reads disclosure reports (log metadata), never a table. */
export const ACCOUNT_ROLES = ["admin", "member", "dpo"] as const;
export const TABLE_PURPOSES = ["integrity", "terrorism", "organised-crime"] as const;
export const FRAGMENT_KINDS = ["fact", "assessment"] as const;
/**
 * Information categories until sharing agreements (issue 4) make them per agreement.
 * Named as in the LIVC charters: identity, police antecedents, judicial status,
 * medical & psychiatric, social & financial, youth care, risk assessment.
 */
export const CATEGORIES = [
  "identity-household",
  "police-antecedents",
  "judicial-status",
  "medical-psychiatric",
  "social-financial",
  "youth-care",
  "risk-assessment",
] as const;

export const Sector = z.enum(SECTORS);
export const SecrecyProfile = z.enum(SECRECY_PROFILES);
export const AccountRole = z.enum(ACCOUNT_ROLES);
export const TablePurpose = z.enum(TABLE_PURPOSES);
export const FragmentKind = z.enum(FRAGMENT_KINDS);
export const Category = z.enum(CATEGORIES);
export type Sector = z.infer<typeof Sector>;
export type SecrecyProfile = z.infer<typeof SecrecyProfile>;
export type AccountRole = z.infer<typeof AccountRole>;
export type TablePurpose = z.infer<typeof TablePurpose>;
export type FragmentKind = z.infer<typeof FragmentKind>;
export type Category = z.infer<typeof Category>;

export const Id = z.uuid({ error: "must be an id (uuid)" });

/** A list of ids naming each at most once; a repeat is reported at its own index (`recipients.2`). */
const distinctIds = (max: number, minMessage: string, repeatMessage: string) =>
  z
    .array(Id)
    .min(1, { error: minMessage })
    .max(max)
    .superRefine((ids, ctx) => {
      ids.forEach((id, i) => {
        if (ids.indexOf(id) !== i) ctx.addIssue({ code: "custom", path: [i], message: repeatMessage, input: id });
      });
    });

/** Visible text: trimmed, non-empty, bounded, no control characters (C0, DEL, C1) except newlines/tabs. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: "must not be empty" })
    .max(max, { error: `must be at most ${max} characters` })
    // eslint-disable-next-line no-control-regex
    .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.test(s), {
      error: "must not contain control characters",
    });

const username = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, { error: "must be at least 2 characters" })
  .max(LIMITS.username, { error: `must be at most ${LIMITS.username} characters` })
  .regex(/^[a-z0-9._-]+$/, { error: "may contain only a-z, 0-9, dot, dash and underscore" });

const password = z
  .string()
  .min(LIMITS.passwordMin, { error: `must be at least ${LIMITS.passwordMin} characters` })
  .max(LIMITS.passwordMax, { error: `must be at most ${LIMITS.passwordMax} characters` });

// ---- setup and sign-in ----------------------------------------------------------

export const SetupBody = z.strictObject({
  token: z.string().min(1).max(200),
  name: text(LIMITS.name),
  username,
  password,
});
export type SetupBody = z.infer<typeof SetupBody>;

export const ChangePasswordBody = z
  .strictObject({
    current: z.string().min(1, { error: "must not be empty" }).max(LIMITS.passwordMax),
    next: password,
  })
  .refine((b) => b.current !== b.next, { error: "must differ from the current password", path: ["next"] });
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const LoginBody = z.strictObject({
  username,
  // No minimum on sign-in: a wrong password is "wrong", not "too short".
  password: z.string().min(1, { error: "must not be empty" }).max(LIMITS.passwordMax),
});
export type LoginBody = z.infer<typeof LoginBody>;

// ---- administration -------------------------------------------------------------

export const CreateOrganisationBody = z.strictObject({
  name: text(LIMITS.name),
  sector: Sector,
  secrecy: SecrecyProfile,
});
export type CreateOrganisationBody = z.infer<typeof CreateOrganisationBody>;

export const CreateAccountBody = z.strictObject({
  name: text(LIMITS.name),
  username,
  password,
  organisationId: Id,
  role: AccountRole,
});
export type CreateAccountBody = z.infer<typeof CreateAccountBody>;

// ---- tables ---------------------------------------------------------------------

export const CreateTableBody = z.strictObject({
  caseCode: text(LIMITS.caseCode),
  purpose: TablePurpose,
  purposeDetail: text(LIMITS.purpose),
  personsConcerned: z
    .array(z.strictObject({ pseudonym: text(LIMITS.pseudonym) }))
    .min(1, { error: "name at least one person concerned (by pseudonym)" })
    .max(LIMITS.personsPerTable),
  /** The chair signs the confidentiality statement when opening the table. */
  confidentialityAccepted: z.literal(true, { error: "the confidentiality statement must be accepted" }),
  /** The sharing agreement the table works under; its version in force decides. */
  agreementId: Id.optional(),
});
export type CreateTableBody = z.infer<typeof CreateTableBody>;

export const InviteBody = z.strictObject({
  accountId: Id,
  /** Invite someone whose organisation is not a member: they join this table only by signing the agreement for it. */
  adHocPartner: z.boolean().optional(),
});
export type InviteBody = z.infer<typeof InviteBody>;

export const AcceptBody = z.strictObject({
  confidentialityAccepted: z.literal(true, { error: "the confidentiality statement must be accepted" }),
  /** An ad-hoc partner's representative signs the table's agreement for this table only. */
  signAgreementForTable: z.literal(true, { error: "must be true to sign the agreement for this table" }).optional(),
});
export type AcceptBody = z.infer<typeof AcceptBody>;

// ---- drafts, release, revoke, decline ------------------------------------------

export const DraftBody = z.strictObject({
  title: text(LIMITS.draftTitle),
  body: text(LIMITS.fragmentBody),
});
export type DraftBody = z.infer<typeof DraftBody>;

export const ReleaseBody = z.strictObject({
  recipients: distinctIds(LIMITS.recipients, "choose at least one recipient", "must not name a recipient twice"),
  category: Category,
  kind: FragmentKind,
  personsConcerned: distinctIds(LIMITS.personsPerTable, "name at least one person concerned", "must not name a person twice"),
  purpose: TablePurpose,
  justification: text(LIMITS.justification),
});
export type ReleaseBody = z.infer<typeof ReleaseBody>;

export const ReleaseCheckQuery = z.strictObject({ category: Category, purpose: TablePurpose });
export type ReleaseCheckQuery = z.infer<typeof ReleaseCheckQuery>;

export const RevokeBody = z.strictObject({
  /** Omitted: revoke for every current recipient. */
  recipients: distinctIds(LIMITS.recipients, "name at least one recipient, or omit the list", "must not name a recipient twice").optional(),
});
export type RevokeBody = z.infer<typeof RevokeBody>;

export const DeclineBody = z.strictObject({
  question: text(LIMITS.question),
  reason: text(LIMITS.justification).optional(),
});
export type DeclineBody = z.infer<typeof DeclineBody>;

// ---- the transparent log's query strings (CT API parameter names) --------------

const treeSize = z.coerce.number({ error: "must be a whole number" }).int({ error: "must be a whole number" }).min(0).max(Number.MAX_SAFE_INTEGER);
const sha256Base64 = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, { error: "must be a SHA-256 hash in base64" });

export const ProofByHashQuery = z.strictObject({ hash: sha256Base64, tree_size: treeSize });
export const ConsistencyQuery = z.strictObject({ first: treeSize, second: treeSize });
export const EntriesQuery = z.strictObject({ start: treeSize, end: treeSize });
/** At most this many entries per get-entries call. */
export const MAX_ENTRIES_PER_CALL = 1000;

// ---- the data protection officer --------------------------------------------------

/** GDPR art. 23: a deferral of the answer to an access request, with its reason. */
export const DeferralBody = z.strictObject({
  reason: text(LIMITS.justification),
  until: z.iso.date({ error: "must be a date (YYYY-MM-DD)" }).optional(),
});
export type DeferralBody = z.infer<typeof DeferralBody>;

export const ReportFormat = z.enum(["json", "csv", "pdf"], { error: "must be json, csv or pdf" });

// ---- sharing agreements (LIVC charters) ---------------------------------------------

export const LEGAL_BASIS_KINDS = ["law", "procureur-permission"] as const;

export const AgreementBody = z.strictObject({
  title: text(LIMITS.name),
  legalBasis: z.strictObject({
    kind: z.enum(LEGAL_BASIS_KINDS),
    /** A law or decree reference, or the reference of the procureur's reasoned permission. */
    reference: text(300),
    date: z.iso.date({ error: "must be a date (YYYY-MM-DD)" }).optional(),
  }),
  purpose: TablePurpose,
  members: z
    .array(z.strictObject({ organisationId: Id, role: text(200) }))
    .min(1, { error: "name at least one member organisation" })
    .max(50)
    .refine((m) => new Set(m.map((x) => x.organisationId)).size === m.length, { error: "must not name an organisation twice" }),
  /** The categories this agreement allows to be shared at all, each with its article. */
  categories: z
    .array(
      z.strictObject({
        key: Category,
        label: text(120),
        article: text(20),
        retentionDays: z.number().int().min(1).max(3650),
      }),
    )
    .min(1, { error: "name at least one information category" })
    .max(CATEGORIES.length)
    .refine((c) => new Set(c.map((x) => x.key)).size === c.length, { error: "must not name a category twice" }),
  /** Category × recipient sector → allowed. A missing cell means not allowed. */
  matrix: z
    .array(z.strictObject({ category: Category, sector: Sector, allowed: z.boolean() }))
    .max(CATEGORIES.length * SECTORS.length),
  minutesRules: text(2000),
  reviewDate: z.iso.date({ error: "must be a date (YYYY-MM-DD)" }),
});
export type AgreementBody = z.infer<typeof AgreementBody>;

// ---- the feedback sheet: an outbound product that needs everyone's consent ---------

export const FEEDBACK_OUTCOMES = ["accepted", "no-action", "referred-elsewhere", "closed"] as const;
export const FeedbackSheetBody = z.strictObject({
  /** Who receives it outside the table, e.g. the referring service. */
  addressee: text(LIMITS.name),
  outcome: z.enum(FEEDBACK_OUTCOMES),
  /** Free text without secrets: checked against every fragment of the table. */
  summary: text(2000),
});
export type FeedbackSheetBody = z.infer<typeof FeedbackSheetBody>;

// ---- meetings, attendance, decisions, actions -------------------------------------

export const ATTENDANCE = ["present", "apologies", "information-sent"] as const;
export const ACTION_STATUSES = ["open", "done", "not-done", "not-possible"] as const;

export const OpenMeetingBody = z.strictObject({
  agenda: z.array(text(LIMITS.question)).min(1, { error: "name at least one agenda item" }).max(50),
});
export type OpenMeetingBody = z.infer<typeof OpenMeetingBody>;

export const AttendanceBody = z.strictObject({ accountId: Id, status: z.enum(ATTENDANCE) });
export type AttendanceBody = z.infer<typeof AttendanceBody>;

export const DecisionBody = z.strictObject({
  text: text(2000),
  /** Index into the meeting's agenda. */
  agendaItem: z.number().int().min(0).max(49).optional(),
});
export type DecisionBody = z.infer<typeof DecisionBody>;

export const ActionBody = z.strictObject({
  title: text(LIMITS.draftTitle),
  ownerId: Id,
  due: z.iso.date({ error: "must be a date (YYYY-MM-DD)" }),
});
export type ActionBody = z.infer<typeof ActionBody>;

export const ActionStatusBody = z.strictObject({ status: z.enum(ACTION_STATUSES), note: text(LIMITS.justification).optional() });
export type ActionStatusBody = z.infer<typeof ActionStatusBody>;
