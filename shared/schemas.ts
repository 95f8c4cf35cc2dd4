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
/** "risk-assessment": a structured risk checklist about one person concerned (shared/risk.ts). */
export const FRAGMENT_KINDS = ["fact", "assessment", "risk-assessment"] as const;
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

/** Languages of the interface, chosen per account. English is the fallback. */
export const LOCALES = ["en", "nl"] as const;
export const Locale = z.enum(LOCALES, { error: `must be one of ${LOCALES.join(", ")}` });
export type Locale = z.infer<typeof Locale>;

export const PreferencesBody = z.strictObject({ locale: Locale });
export type PreferencesBody = z.infer<typeof PreferencesBody>;

// ---- administration -------------------------------------------------------------

export const CreateOrganisationBody = z.strictObject({
  name: text(LIMITS.name),
  sector: Sector,
  secrecy: SecrecyProfile,
});
export type CreateOrganisationBody = z.infer<typeof CreateOrganisationBody>;

/** No password: the server generates a temporary one and shows it to the administrator once. */
export const CreateAccountBody = z.strictObject({
  name: text(LIMITS.name),
  username,
  organisationId: Id,
  role: AccountRole,
});
export type CreateAccountBody = z.infer<typeof CreateAccountBody>;

// ---- second factor (TOTP, RFC 6238) -----------------------------------------------

/** Six digits as an authenticator app shows them ("123456" or "123 456"). */
const totpCode = z
  .string()
  .trim()
  .max(16)
  .regex(/^\d{3} ?\d{3}$/, { error: "must be the 6-digit code your authenticator app shows" });
/** The app's code, or one of the recovery codes ("ABCDEF-GHIJK2-LMNOP3-QRSTU4"). */
const secondFactorCode = z
  .string()
  .trim()
  .max(40)
  .regex(/^(\d{3} ?\d{3}|[A-Za-z2-7]{6}(-?[A-Za-z2-7]{6}){3})$/, { error: "must be the 6-digit code from your app or a recovery code" });

/** Second step of signing in: the token the first step gave, and a code. */
export const SecondFactorSignInBody = z.strictObject({
  pendingToken: z.string().min(1, { error: "sign in with your password first" }).max(100),
  code: secondFactorCode,
});
export type SecondFactorSignInBody = z.infer<typeof SecondFactorSignInBody>;

export const ConfirmEnrolmentBody = z.strictObject({ code: totpCode });
export type ConfirmEnrolmentBody = z.infer<typeof ConfirmEnrolmentBody>;

export const DisableSecondFactorBody = z.strictObject({
  password: z.string().min(1, { error: "must not be empty" }).max(LIMITS.passwordMax),
  code: secondFactorCode,
});
export type DisableSecondFactorBody = z.infer<typeof DisableSecondFactorBody>;

export const OrganisationSecondFactorBody = z.strictObject({ required: z.boolean() });
export type OrganisationSecondFactorBody = z.infer<typeof OrganisationSecondFactorBody>;

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

// ---- risk checklists (a partnership's template; shared/risk.ts scores it) -----------

/** Bounds that keep a completed checklist well inside one fragment body. */
export const RISK_LIMITS = { items: 20, options: 5, levels: 5, itemLabel: 200, optionLabel: 80, levelLabel: 60, points: 100, minScore: 2000 } as const;

/** A short key naming a template, an item, an option or a level. */
export const RiskKey = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { error: "must be a short key (a-z, 0-9 and dashes, at most 40)" });

const distinctKeys = <T extends { key: string }>(list: T[]) => new Set(list.map((x) => x.key)).size === list.length;

export const RiskLevel = z.strictObject({
  key: RiskKey,
  label: text(RISK_LIMITS.levelLabel),
  /** A score at or above this reaches the level. */
  minScore: z.number().int().min(0).max(RISK_LIMITS.minScore),
});

/**
 * The partnership's risk checklist: items, each with options worth points, and levels
 * in ascending order with the score from which each applies (the first from 0).
 */
export const RiskTemplate = z.strictObject({
  id: RiskKey,
  title: text(LIMITS.name),
  items: z
    .array(
      z.strictObject({
        key: RiskKey,
        label: text(RISK_LIMITS.itemLabel),
        options: z
          .array(z.strictObject({ key: RiskKey, label: text(RISK_LIMITS.optionLabel), points: z.number().int().min(0).max(RISK_LIMITS.points) }))
          .min(2, { error: "give each item at least two options" })
          .max(RISK_LIMITS.options)
          .refine(distinctKeys, { error: "must not name an option twice" }),
      }),
    )
    .min(1, { error: "name at least one item" })
    .max(RISK_LIMITS.items)
    .refine(distinctKeys, { error: "must not name an item twice" }),
  levels: z
    .array(RiskLevel)
    .min(2, { error: "name at least two levels" })
    .max(RISK_LIMITS.levels)
    .refine(distinctKeys, { error: "must not name a level twice" })
    .refine((l) => l[0]?.minScore === 0, { error: "the first level must start at score 0" })
    .refine((l) => l.every((x, i) => i === 0 || x.minScore > (l[i - 1] as { minScore: number }).minScore), {
      error: "levels must be in ascending order of minScore",
    }),
});
export type RiskTemplate = z.infer<typeof RiskTemplate>;
export type RiskLevel = z.infer<typeof RiskLevel>;

/** Case tracks 1 · 2 · 3, as a partnership defines them (issue 9). */
export const TRACKS = [1, 2, 3] as const;
export const Track = z.union([z.literal(1), z.literal(2), z.literal(3)], { error: "must be track 1, 2 or 3" });
export type Track = z.infer<typeof Track>;

/** A partnership's triage settings: its criteria (the triage checklist) and its tracks. */
export const TriageSettings = z.strictObject({
  criteria: z.array(text(300)).min(1, { error: "name at least one triage criterion" }).max(20),
  tracks: z
    .array(z.strictObject({ track: Track, label: text(80), description: text(500) }))
    .length(3, { error: "describe exactly the three tracks 1, 2 and 3" })
    .refine((t) => new Set(t.map((x) => x.track)).size === 3, { error: "must describe each of the tracks 1, 2 and 3 once" }),
});
export type TriageSettings = z.infer<typeof TriageSettings>;

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
  /** Optional: agreements written before triage existed get a neutral default (server/domain/referrals.ts). */
  triage: TriageSettings.optional(),
  /** The partnership's risk checklist; without one, Tafel's neutral example (shared/riskTemplate.ts) is used. */
  riskChecklist: RiskTemplate.optional(),
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

// ---- a risk checklist as a draft, and its completed content --------------------------

/** What the assessor fills in; the server scores it against the table's template. */
export const RiskChecklistBody = z.strictObject({
  title: text(LIMITS.draftTitle),
  /** The one person concerned the checklist is about. */
  person: Id,
  /** Item key → chosen option key; every item of the template must be answered. */
  answers: z
    .record(RiskKey, RiskKey)
    .refine((a) => Object.keys(a).length <= RISK_LIMITS.items, { error: `must answer at most ${RISK_LIMITS.items} items` }),
  /** The assessor's professional judgement: the computed level or higher, never lower. */
  judgement: RiskKey,
  /** Why the judgement raises the computed level (required when it does). */
  justification: text(LIMITS.justification).optional(),
});
export type RiskChecklistBody = z.infer<typeof RiskChecklistBody>;

/**
 * A completed checklist: the fragment body of a "risk-assessment" fragment (its JSON),
 * self-contained (item and level labels included) so a recipient needs no template.
 * The judgement may raise the computed level but never lower it.
 */
export const RiskAssessmentContent = z
  .strictObject({
    v: z.literal(1),
    template: z.strictObject({ id: RiskKey, title: text(LIMITS.name) }),
    person: Id,
    items: z
      .array(
        z.strictObject({
          key: RiskKey,
          label: text(RISK_LIMITS.itemLabel),
          option: RiskKey,
          optionLabel: text(RISK_LIMITS.optionLabel),
          points: z.number().int().min(0).max(RISK_LIMITS.points),
        }),
      )
      .min(1)
      .max(RISK_LIMITS.items),
    score: z.number().int().min(0).max(RISK_LIMITS.items * RISK_LIMITS.points),
    levels: z.array(RiskLevel).min(2).max(RISK_LIMITS.levels),
    computed: RiskKey,
    judgement: RiskKey,
    justification: text(LIMITS.justification).optional(),
  })
  .superRefine((c, ctx) => {
    const index = (key: string) => c.levels.findIndex((l) => l.key === key);
    if (index(c.computed) < 0) ctx.addIssue({ code: "custom", path: ["computed"], message: "is not one of the levels", input: c.computed });
    if (index(c.judgement) < 0) ctx.addIssue({ code: "custom", path: ["judgement"], message: "is not one of the levels", input: c.judgement });
    if (index(c.judgement) >= 0 && index(c.judgement) < index(c.computed)) {
      ctx.addIssue({ code: "custom", path: ["judgement"], message: "professional judgement may raise the computed level but never lower it", input: c.judgement });
    }
    if (index(c.judgement) > index(c.computed) && !c.justification) {
      ctx.addIssue({ code: "custom", path: ["justification"], message: "say why the judgement raises the computed level", input: c.justification });
    }
  });
export type RiskAssessmentContent = z.infer<typeof RiskAssessmentContent>;

// ---- retention -----------------------------------------------------------------------

/** `?within=N`: what falls due within N days from now (already due included). */
export const RetentionQuery = z.strictObject({
  within: z.coerce.number({ error: "must be a whole number of days" }).int({ error: "must be a whole number of days" }).min(0).max(3650).optional(),
});
export type RetentionQuery = z.infer<typeof RetentionQuery>;

// ---- the case from referral to closure (issue 9) --------------------------------------

export const TABLE_KINDS = ["triage", "case"] as const;
export type TableKind = (typeof TABLE_KINDS)[number];
export const REFERRAL_DESCRIPTION_MAX = 4000;

/**
 * A referral is anonymous: this schema is strict and has no field for a name, a birth
 * date or any other identifying data of the person concerned. The referrer's
 * organisation comes from their account, never from the body.
 */
export const ReferralBody = z.strictObject({
  /** The partnership (the sharing agreement in force) whose triage table receives it. */
  agreementId: Id,
  description: text(REFERRAL_DESCRIPTION_MAX),
  consent: z.discriminatedUnion(
    "status",
    [
      z.strictObject({ status: z.literal("given") }),
      z.strictObject({ status: z.literal("refused"), reason: text(LIMITS.justification) }),
      z.strictObject({ status: z.literal("not-asked"), reason: text(LIMITS.justification) }),
    ],
    { error: "must be given, refused (with a reason) or not asked (with a reason)" },
  ),
  informed: z.discriminatedUnion(
    "status",
    [z.strictObject({ status: z.literal("yes") }), z.strictObject({ status: z.literal("no"), reason: text(LIMITS.justification) })],
    { error: "must be yes, or no (deliberately not) with a reason" },
  ),
});
export type ReferralBody = z.infer<typeof ReferralBody>;

export const TriageTableBody = z.strictObject({
  caseCode: text(LIMITS.caseCode).optional(),
  /** The coordinator chairs the triage table and signs the confidentiality statement on opening it. */
  confidentialityAccepted: z.literal(true, { error: "the confidentiality statement must be accepted" }),
});
export type TriageTableBody = z.infer<typeof TriageTableBody>;

export const ChecklistBody = z.strictObject({
  answers: z
    .array(z.strictObject({ criterion: z.number().int().min(0).max(19), met: z.boolean() }))
    .min(1, { error: "answer at least one criterion" })
    .max(20)
    .refine((a) => new Set(a.map((x) => x.criterion)).size === a.length, { error: "must not answer a criterion twice" }),
});
export type ChecklistBody = z.infer<typeof ChecklistBody>;

/** Identifying data exists only here, in an accepting decision: it goes to the case table alone. */
export const PersonIdentityBody = z.strictObject({
  name: text(LIMITS.name),
  birthDate: z.iso.date({ error: "must be a date (YYYY-MM-DD)" }),
  pseudonym: text(LIMITS.pseudonym).optional(),
});
export type PersonIdentityBody = z.infer<typeof PersonIdentityBody>;

export const TRIAGE_OUTCOMES = ["accept", "refer-elsewhere", "no-action"] as const;
export type TriageOutcome = (typeof TRIAGE_OUTCOMES)[number];

export const TriageDecisionBody = z.discriminatedUnion(
  "outcome",
  [
    z.strictObject({
      outcome: z.literal("accept"),
      reason: text(LIMITS.justification),
      track: Track,
      /** The case director: chair of the new case table, an account of a member organisation. */
      casusregisseurId: Id,
      caseCode: text(LIMITS.caseCode).optional(),
      persons: z.array(PersonIdentityBody).min(1, { error: "identify at least one person concerned" }).max(LIMITS.personsPerTable),
    }),
    z.strictObject({ outcome: z.literal("refer-elsewhere"), reason: text(LIMITS.justification), referredTo: text(LIMITS.name) }),
    z.strictObject({ outcome: z.literal("no-action"), reason: text(LIMITS.justification) }),
  ],
  { error: "outcome must be accept, refer-elsewhere or no-action" },
);
export type TriageDecisionBody = z.infer<typeof TriageDecisionBody>;

export const CaseReviewBody = z.strictObject({ date: z.iso.date({ error: "must be a date (YYYY-MM-DD)" }) });
export type CaseReviewBody = z.infer<typeof CaseReviewBody>;

export const CaseTrackBody = z.strictObject({ track: Track, reason: text(LIMITS.justification) });
export type CaseTrackBody = z.infer<typeof CaseTrackBody>;

export const CaseCloseBody = z.strictObject({ reason: text(LIMITS.justification) });
export type CaseCloseBody = z.infer<typeof CaseCloseBody>;

export const CaseTransferBody = z.strictObject({
  /** The receiving partnership (may be this table's own, for another table in the same area). */
  agreementId: Id,
  /** The receiving case director, an account of a member organisation of the receiving partnership. */
  casusregisseurId: Id,
  reason: text(LIMITS.justification),
});
export type CaseTransferBody = z.infer<typeof CaseTransferBody>;
