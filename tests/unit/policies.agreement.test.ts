// policies/agreement.ts: every category × recipient sector × purpose against a known
// matrix, and the version-state rules (in force, signatures, work, draft, sign).
import { describe, expect, it } from "vitest";
import {
  allMembersSigned,
  isMember,
  mayDraftVersion,
  mayReleaseUnder,
  maySign,
  mayWorkUnder,
  versionInForce,
  versionName,
} from "../../server/policies/agreement.js";
import type { Agreement, AgreementVersion, Organisation } from "../../server/store/records.js";
import {
  CATEGORIES,
  SECTORS,
  TABLE_PURPOSES,
  type AgreementBody,
  type Category,
  type Sector,
} from "../../shared/schemas.js";
import { expectHumanSentence, ORG_CARE, ORG_POLICE, T0 } from "./fixtures.js";

const ORG_JUSTICE: Organisation = {
  id: "org-justice",
  name: "Public Prosecution",
  sector: "justice",
  secrecy: "official",
  createdAt: T0,
};
const ORG_OUTSIDER: Organisation = {
  id: "org-outsider",
  name: "Neighbourhood Association",
  sector: "other",
  secrecy: "none",
  createdAt: T0,
};

const TITLE = "Covenant Safe Haven";
const PURPOSE = "integrity";

// The categories this agreement shares at all: "medical-psychiatric" is deliberately absent.
// Labels and articles differ from the keys so a sentence naming the key instead fails.
const SHARED: Record<Exclude<Category, "medical-psychiatric">, { label: string; article: string }> = {
  "identity-household": { label: "Identity and household", article: "3.1" },
  "police-antecedents": { label: "Police antecedents", article: "3.2" },
  "judicial-status": { label: "Judicial status", article: "3.3" },
  "social-financial": { label: "Social and financial situation", article: "4.1" },
  "youth-care": { label: "Youth care involvement", article: "4.2" },
  "risk-assessment": { label: "Risk assessment", article: "5" },
};

// The known subset: exactly these (category, sector) cells are allowed. Written out by
// hand, independent of the matrix rows below, which also carry explicit `false` cells and
// a decoy `true` cell for the category the agreement does not share.
const ALLOWED: Record<Category, readonly Sector[]> = {
  "identity-household": ["care", "police", "justice", "local-government"],
  "police-antecedents": ["police", "justice"],
  "judicial-status": ["justice"],
  "medical-psychiatric": [],
  "social-financial": ["care", "local-government"],
  "youth-care": ["care"],
  "risk-assessment": ["care", "police", "justice", "local-government", "other"],
};

const MATRIX: AgreementBody["matrix"] = [
  { category: "identity-household", sector: "care", allowed: true },
  { category: "identity-household", sector: "police", allowed: true },
  { category: "identity-household", sector: "justice", allowed: true },
  { category: "identity-household", sector: "local-government", allowed: true },
  { category: "identity-household", sector: "other", allowed: false },
  { category: "police-antecedents", sector: "police", allowed: true },
  { category: "police-antecedents", sector: "justice", allowed: true },
  { category: "police-antecedents", sector: "care", allowed: false },
  { category: "judicial-status", sector: "justice", allowed: true },
  { category: "social-financial", sector: "care", allowed: true },
  { category: "social-financial", sector: "local-government", allowed: true },
  { category: "social-financial", sector: "police", allowed: false },
  { category: "youth-care", sector: "care", allowed: true },
  { category: "youth-care", sector: "police", allowed: false },
  { category: "youth-care", sector: "justice", allowed: false },
  { category: "risk-assessment", sector: "care", allowed: true },
  { category: "risk-assessment", sector: "police", allowed: true },
  { category: "risk-assessment", sector: "justice", allowed: true },
  { category: "risk-assessment", sector: "local-government", allowed: true },
  { category: "risk-assessment", sector: "other", allowed: true },
  // Decoy: a matrix cell cannot share a category the agreement does not list.
  { category: "medical-psychiatric", sector: "care", allowed: true },
];

function body(overrides: Partial<AgreementBody> = {}): AgreementBody {
  return {
    title: TITLE,
    legalBasis: { kind: "law", reference: "Municipalities Act art. 172" },
    purpose: PURPOSE,
    members: [
      { organisationId: ORG_CARE.id, role: "care provider" },
      { organisationId: ORG_POLICE.id, role: "police" },
    ],
    categories: Object.entries(SHARED).map(([key, c]) => ({
      key: key as Category,
      label: c.label,
      article: c.article,
      retentionDays: 365,
    })),
    matrix: MATRIX,
    minutesRules: "Minutes are drawn up by the chair.",
    reviewDate: "2026-03-01",
    ...overrides,
  };
}

function version(
  number: number,
  opts: { signedBy?: readonly Organisation[]; inForce?: boolean; content?: Partial<AgreementBody> } = {},
): AgreementVersion {
  return {
    number,
    content: body(opts.content),
    hash: `hash-v${number}`,
    createdBy: "acc-drafter",
    createdAt: T0,
    signatures: (opts.signedBy ?? []).map((o) => ({ organisationId: o.id, accountId: `acc-${o.id}`, at: T0 })),
    ...(opts.inForce ? { inForceAt: "2025-03-02T09:00:00.000Z" } : {}),
  };
}

function agreement(versions: AgreementVersion[]): Agreement {
  return { id: "agr-1", createdAt: T0, versions };
}

// Version 3, so a name built from an array index or a hard-coded 1 fails.
const V3 = version(3, { signedBy: [ORG_CARE, ORG_POLICE], inForce: true });
const V3_NAME = `'${TITLE}' v3`;

describe("the release matrix fixture", () => {
  it("allows some and refuses some cells in every sector, so the matrix below is not trivial", () => {
    for (const sector of SECTORS) {
      const allowedHere = CATEGORIES.filter((c) => ALLOWED[c].includes(sector));
      expect(allowedHere.length, sector).toBeGreaterThan(0);
      expect(allowedHere.length, sector).toBeLessThan(CATEGORIES.length);
    }
  });
});

describe("mayReleaseUnder: category × sector × purpose", () => {
  const cases = CATEGORIES.flatMap((category) =>
    SECTORS.flatMap((sector) => TABLE_PURPOSES.map((purpose) => ({ category, sector, purpose }))),
  );

  it("covers the full matrix", () => {
    expect(cases).toHaveLength(CATEGORIES.length * SECTORS.length * TABLE_PURPOSES.length);
  });

  it.each(cases)("$category → $sector for $purpose", ({ category, sector, purpose }) => {
    const decision = mayReleaseUnder(V3, category, sector, purpose);

    if (purpose !== PURPOSE) {
      // The purpose is checked first: even an allowed cell or an unshared category says so.
      const reason = expectHumanSentence(decision);
      expect(reason).toBe(
        `The purpose '${purpose}' does not match the purpose '${PURPOSE}' of the sharing agreement ${V3_NAME}.`,
      );
      return;
    }

    if (!(category in SHARED)) {
      const reason = expectHumanSentence(decision);
      expect(reason).toContain(`'${category}'`);
      expect(reason).toContain("not shared at all");
      expect(reason).toContain(V3_NAME);
      return;
    }

    if (ALLOWED[category].includes(sector)) {
      expect(decision).toEqual({ allowed: true });
      return;
    }

    const shared = SHARED[category as keyof typeof SHARED];
    const reason = expectHumanSentence(decision);
    expect(reason).toContain(`'${shared.label}'`);
    expect(reason).not.toContain(`'${category}'`);
    expect(reason).toContain(`sector '${sector}'`);
    expect(reason).toContain(V3_NAME);
    expect(reason).toMatch(new RegExp(`article ${shared.article.replace(".", "\\.")}\\.$`));
  });

  it("treats a missing matrix cell as not allowed", () => {
    const empty = version(1, { content: { matrix: [] }, inForce: true });
    for (const category of Object.keys(SHARED) as Category[]) {
      for (const sector of SECTORS) {
        expect(mayReleaseUnder(empty, category, sector, PURPOSE).allowed, `${category} → ${sector}`).toBe(false);
      }
    }
  });

  it("reads the purpose from the version's own content", () => {
    const terror = version(2, { content: { purpose: "terrorism" } });
    expect(mayReleaseUnder(terror, "risk-assessment", "police", "terrorism")).toEqual({ allowed: true });
    expect(expectHumanSentence(mayReleaseUnder(terror, "risk-assessment", "police", "integrity"))).toContain(
      "'terrorism'",
    );
  });
});

describe("versionInForce", () => {
  const v1 = version(1, { signedBy: [ORG_CARE, ORG_POLICE], inForce: true });
  const v2 = version(2, { signedBy: [ORG_CARE, ORG_POLICE], inForce: true });
  const v3Unsigned = version(3, { signedBy: [ORG_CARE] });
  const v4Unsigned = version(4);

  it.each([
    { name: "the only version, in force", versions: [v1], expected: v1 },
    { name: "the latest of two in force", versions: [v1, v2], expected: v2 },
    { name: "an in-force version, ignoring a partly signed later one", versions: [v1, v2, v3Unsigned], expected: v2 },
    { name: "an in-force version, ignoring two unsigned later ones", versions: [v1, v3Unsigned, v4Unsigned], expected: v1 },
    { name: "nothing when no version is in force yet", versions: [v3Unsigned], expected: undefined },
    { name: "nothing when no version exists", versions: [], expected: undefined },
  ])("picks $name", ({ versions, expected }) => {
    expect(versionInForce(agreement(versions))).toBe(expected);
  });

  it("does not reorder the agreement's versions", () => {
    const a = agreement([v1, v2, v3Unsigned]);
    versionInForce(a);
    expect(a.versions.map((v) => v.number)).toEqual([1, 2, 3]);
  });
});

describe("allMembersSigned", () => {
  const threeMembers: Partial<AgreementBody> = {
    members: [
      { organisationId: ORG_CARE.id, role: "care" },
      { organisationId: ORG_POLICE.id, role: "police" },
      { organisationId: ORG_JUSTICE.id, role: "justice" },
    ],
  };

  it.each([
    { name: "nobody", signedBy: [], expected: false },
    { name: "one of three members", signedBy: [ORG_POLICE], expected: false },
    { name: "two of three members", signedBy: [ORG_CARE, ORG_JUSTICE], expected: false },
    { name: "two members and an outsider", signedBy: [ORG_CARE, ORG_POLICE, ORG_OUTSIDER], expected: false },
    { name: "all three members", signedBy: [ORG_JUSTICE, ORG_CARE, ORG_POLICE], expected: true },
    { name: "all three members and an outsider", signedBy: [ORG_CARE, ORG_OUTSIDER, ORG_POLICE, ORG_JUSTICE], expected: true },
  ])("signed by $name → $expected", ({ signedBy, expected }) => {
    expect(allMembersSigned(version(1, { signedBy, content: threeMembers }))).toBe(expected);
  });
});

describe("versionName and isMember", () => {
  it("names a version by title and number", () => {
    expect(versionName(V3)).toBe(V3_NAME);
    expect(versionName(version(12, { content: { title: "Other covenant" } }))).toBe("'Other covenant' v12");
  });

  it.each([
    { org: ORG_CARE, expected: true },
    { org: ORG_POLICE, expected: true },
    { org: ORG_JUSTICE, expected: false },
    { org: ORG_OUTSIDER, expected: false },
  ])("$org.name is a member: $expected", ({ org, expected }) => {
    expect(isMember(V3, org.id)).toBe(expected);
  });
});

describe("mayWorkUnder", () => {
  const NOT_MEMBER = `Organisation '${ORG_JUSTICE.name}' is not a member of the sharing agreement ${V3_NAME}.`;
  const NO_VERSION = /no version in force/i;
  type Cell = "allow" | string | RegExp;

  const cases: { name: string; version: AgreementVersion | undefined; org: Organisation; adHoc: { organisationId: string; agreementVersion: number }[]; expected: Cell }[] = [
    { name: "member", version: V3, org: ORG_CARE, adHoc: [], expected: "allow" },
    { name: "other member", version: V3, org: ORG_POLICE, adHoc: [], expected: "allow" },
    { name: "non-member without ad-hoc signature", version: V3, org: ORG_JUSTICE, adHoc: [], expected: NOT_MEMBER },
    {
      name: "non-member with ad-hoc signature for this version",
      version: V3,
      org: ORG_JUSTICE,
      adHoc: [{ organisationId: ORG_JUSTICE.id, agreementVersion: 3 }],
      expected: "allow",
    },
    {
      name: "non-member with ad-hoc signature for an older version",
      version: V3,
      org: ORG_JUSTICE,
      adHoc: [{ organisationId: ORG_JUSTICE.id, agreementVersion: 2 }],
      expected: NOT_MEMBER,
    },
    {
      name: "non-member when another organisation signed ad hoc",
      version: V3,
      org: ORG_JUSTICE,
      adHoc: [{ organisationId: ORG_OUTSIDER.id, agreementVersion: 3 }],
      expected: NOT_MEMBER,
    },
    {
      name: "non-member among several ad-hoc signatures, one matching",
      version: V3,
      org: ORG_JUSTICE,
      adHoc: [
        { organisationId: ORG_OUTSIDER.id, agreementVersion: 3 },
        { organisationId: ORG_JUSTICE.id, agreementVersion: 1 },
        { organisationId: ORG_JUSTICE.id, agreementVersion: 3 },
      ],
      expected: "allow",
    },
    { name: "member, no version in force", version: undefined, org: ORG_CARE, adHoc: [], expected: NO_VERSION },
    {
      name: "ad-hoc partner, no version in force",
      version: undefined,
      org: ORG_JUSTICE,
      adHoc: [{ organisationId: ORG_JUSTICE.id, agreementVersion: 3 }],
      expected: NO_VERSION,
    },
  ];

  it.each(cases)("$name", ({ version: v, org, adHoc, expected }) => {
    const decision = mayWorkUnder(v, org, adHoc);
    if (expected === "allow") {
      expect(decision).toEqual({ allowed: true });
    } else if (typeof expected === "string") {
      expect(expectHumanSentence(decision)).toBe(expected);
    } else {
      expect(expectHumanSentence(decision)).toMatch(expected);
    }
  });

  it("defaults to no ad-hoc signatures", () => {
    expect(mayWorkUnder(V3, ORG_JUSTICE).allowed).toBe(false);
    expect(mayWorkUnder(V3, ORG_CARE).allowed).toBe(true);
  });
});

describe("maySign", () => {
  const draft = version(4, { signedBy: [ORG_CARE] });
  const name = `'${TITLE}' v4`;

  it.each([
    { name: "a member that has not signed", org: ORG_POLICE, expected: "allow" as const },
    {
      name: "a member that already signed",
      org: ORG_CARE,
      expected: `Organisation '${ORG_CARE.name}' has already signed ${name}.`,
    },
    {
      name: "a non-member",
      org: ORG_JUSTICE,
      expected: `Organisation '${ORG_JUSTICE.name}' is not a member of ${name} and cannot sign it.`,
    },
  ])("$name", ({ org, expected }) => {
    const decision = maySign(draft, org);
    if (expected === "allow") expect(decision).toEqual({ allowed: true });
    else expect(expectHumanSentence(decision)).toBe(expected);
  });

  it("refuses a non-member even when a (corrupt) signature of it is recorded", () => {
    const corrupt = version(4, { signedBy: [ORG_OUTSIDER] });
    expect(expectHumanSentence(maySign(corrupt, ORG_OUTSIDER))).toMatch(/not a member/);
  });

  it("refuses a second signature once the first is recorded", () => {
    const fresh = version(5);
    expect(maySign(fresh, ORG_POLICE)).toEqual({ allowed: true });
    const signed = version(5, { signedBy: [ORG_POLICE] });
    expect(expectHumanSentence(maySign(signed, ORG_POLICE))).toMatch(/already signed/);
  });
});

describe("mayDraftVersion", () => {
  const OWN = /your own organisation must be a member/i;
  const ONLY_MEMBER = `Only a member organisation of ${V3_NAME} can draft its next version.`;
  const withMembers = (...orgs: Organisation[]) => ({ members: orgs.map((o) => ({ organisationId: o.id })) });

  it.each([
    { name: "first version naming the drafter", v: undefined, org: ORG_JUSTICE, members: withMembers(ORG_JUSTICE, ORG_CARE), expected: "allow" as const },
    { name: "first version not naming the drafter", v: undefined, org: ORG_JUSTICE, members: withMembers(ORG_CARE, ORG_POLICE), expected: OWN },
    { name: "next version by a member, still naming itself", v: V3, org: ORG_POLICE, members: withMembers(ORG_CARE, ORG_POLICE), expected: "allow" as const },
    { name: "next version by a member, adding an organisation", v: V3, org: ORG_CARE, members: withMembers(ORG_CARE, ORG_POLICE, ORG_JUSTICE), expected: "allow" as const },
    { name: "next version by a member dropping itself", v: V3, org: ORG_CARE, members: withMembers(ORG_POLICE), expected: OWN },
    { name: "next version by a non-member naming itself", v: V3, org: ORG_JUSTICE, members: withMembers(ORG_CARE, ORG_JUSTICE), expected: ONLY_MEMBER },
    { name: "next version by a non-member not naming itself", v: V3, org: ORG_JUSTICE, members: withMembers(ORG_CARE), expected: ONLY_MEMBER },
  ])("$name", ({ v, org, members, expected }) => {
    const decision = mayDraftVersion(v, org, members);
    if (expected === "allow") expect(decision).toEqual({ allowed: true });
    else if (typeof expected === "string") expect(expectHumanSentence(decision)).toBe(expected);
    else expect(expectHumanSentence(decision)).toMatch(expected);
  });
});
