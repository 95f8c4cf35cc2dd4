// The state of the sharing-agreement form, and its translation to an AgreementBody.
// The form keeps every organisation and every category (included or not) so that
// unticking and ticking again loses nothing; only what is included is sent. The body's
// arrays are built in a known order (the layout), so a server field error such as
// `members.1.role` or `matrix.3.category` can be put next to the field it is about.
import { useCallback, useState } from "react";
import type { TFunction } from "i18next";
import {
  CATEGORIES,
  LEGAL_BASIS_KINDS,
  SECTORS,
  type AgreementBody,
  type Category,
  type RiskTemplate,
  type Sector,
  type TablePurpose,
  type TriageSettings,
} from "../../../shared/schemas";
import { DEFAULT_RISK_TEMPLATE } from "../../../shared/riskTemplate";
import { DEFAULT_TRIAGE } from "../../../shared/triage";

export type LegalBasisKind = (typeof LEGAL_BASIS_KINDS)[number];

export interface MemberRow {
  included: boolean;
  role: string;
}

export interface CategoryRow {
  included: boolean;
  label: string;
  article: string;
  /** As typed; converted to a number on submit. */
  retentionDays: string;
}

export type Matrix = Record<Category, Record<Sector, boolean>>;

export interface AgreementDraft {
  title: string;
  legalKind: LegalBasisKind;
  legalReference: string;
  legalDate: string;
  purpose: TablePurpose;
  /** By organisation id. */
  members: Record<string, MemberRow>;
  categories: Record<Category, CategoryRow>;
  matrix: Matrix;
  minutesRules: string;
  reviewDate: string;
  /** The triage checklist (criteria, in order) and the tracks 1 · 2 · 3. */
  triage: TriageSettings;
  risk: RiskDraft;
}

/** The risk checklist as typed: points and scores stay text until sent (like retention days). */
export interface RiskDraft {
  id: string;
  title: string;
  items: { key: string; label: string; options: { key: string; label: string; points: string }[] }[];
  levels: { key: string; label: string; minScore: string }[];
}

function riskDraftOf(template: RiskTemplate): RiskDraft {
  return {
    id: template.id,
    title: template.title,
    items: template.items.map((i) => ({ ...i, options: i.options.map((o) => ({ ...o, points: String(o.points) })) })),
    levels: template.levels.map((l) => ({ ...l, minScore: String(l.minScore) })),
  };
}

function riskTemplateOf(draft: RiskDraft): RiskTemplate {
  return {
    id: draft.id,
    title: draft.title,
    items: draft.items.map((i) => ({ ...i, options: i.options.map((o) => ({ ...o, points: days(o.points) })) })),
    levels: draft.levels.map((l) => ({ ...l, minScore: days(l.minScore) })),
  };
}

/** A key not yet used in `taken`, from `prefix` (the schema refuses a key twice). */
export function freshKey(prefix: string, taken: readonly { key: string }[]): string {
  const used = new Set(taken.map((x) => x.key));
  for (let n = taken.length + 1; ; n += 1) if (!used.has(`${prefix}-${n}`)) return `${prefix}-${n}`;
}

/** Which organisation, category and cell each index of the sent arrays stands for. */
export interface DraftLayout {
  members: string[];
  categories: Category[];
  matrix: { category: Category; sector: Sector }[];
}

const DEFAULT_RETENTION_DAYS = "365";

function emptyMatrix(): Matrix {
  const matrix = {} as Matrix;
  for (const c of CATEGORIES) {
    const row = {} as Record<Sector, boolean>;
    for (const s of SECTORS) row[s] = false;
    matrix[c] = row;
  }
  return matrix;
}

function defaultCategories(t: TFunction): Record<Category, CategoryRow> {
  const rows = {} as Record<Category, CategoryRow>;
  CATEGORIES.forEach((c, i) => {
    rows[c] = { included: false, label: t(`categories.${c}`), article: `4.${i + 1}`, retentionDays: DEFAULT_RETENTION_DAYS };
  });
  return rows;
}

/** A first version: only the drafter's own organisation ticked, nothing shared yet. */
export function emptyDraft(t: TFunction, myOrganisationId: string): AgreementDraft {
  return {
    title: "",
    legalKind: "law",
    legalReference: "",
    legalDate: "",
    purpose: "integrity",
    members: { [myOrganisationId]: { included: true, role: "" } },
    categories: defaultCategories(t),
    matrix: emptyMatrix(),
    minutesRules: "",
    reviewDate: "",
    // Prefilled with Tafel's neutral examples, for the partnership to replace with its own.
    triage: DEFAULT_TRIAGE,
    risk: riskDraftOf(DEFAULT_RISK_TEMPLATE),
  };
}

/** The next version starts as a copy of the latest one. */
export function draftFrom(t: TFunction, content: AgreementBody): AgreementDraft {
  const categories = defaultCategories(t);
  for (const c of content.categories) {
    categories[c.key] = { included: true, label: c.label, article: c.article, retentionDays: String(c.retentionDays) };
  }
  const matrix = emptyMatrix();
  for (const cell of content.matrix) matrix[cell.category][cell.sector] = cell.allowed;
  const members: Record<string, MemberRow> = {};
  for (const m of content.members) members[m.organisationId] = { included: true, role: m.role };
  return {
    title: content.title,
    legalKind: content.legalBasis.kind,
    legalReference: content.legalBasis.reference,
    legalDate: content.legalBasis.date ?? "",
    purpose: content.purpose,
    members,
    categories,
    matrix,
    minutesRules: content.minutesRules,
    reviewDate: content.reviewDate,
    triage: content.triage ?? DEFAULT_TRIAGE,
    risk: riskDraftOf(content.riskChecklist ?? DEFAULT_RISK_TEMPLATE),
  };
}

/** A whole number, or NaN (sent as null, so the server names the field). */
function days(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

/**
 * The body to send. Members follow `organisationOrder` (then any others, e.g. an
 * organisation no longer listed); categories and matrix rows follow CATEGORIES; the
 * matrix names every sector for each included category.
 */
export function toBody(draft: AgreementDraft, organisationOrder: readonly string[]): { body: AgreementBody; layout: DraftLayout } {
  const known = organisationOrder.filter((id) => draft.members[id]?.included);
  const others = Object.keys(draft.members).filter((id) => draft.members[id]?.included && !organisationOrder.includes(id));
  const memberIds = [...known, ...others];
  const categoryKeys = CATEGORIES.filter((c) => draft.categories[c].included);
  const cells = categoryKeys.flatMap((category) => SECTORS.map((sector) => ({ category, sector })));
  const legalDate = draft.legalDate.trim();
  const body: AgreementBody = {
    title: draft.title,
    legalBasis: { kind: draft.legalKind, reference: draft.legalReference, ...(legalDate ? { date: legalDate } : {}) },
    purpose: draft.purpose,
    members: memberIds.map((organisationId) => ({ organisationId, role: draft.members[organisationId]?.role ?? "" })),
    categories: categoryKeys.map((key) => {
      const row = draft.categories[key];
      return { key, label: row.label, article: row.article, retentionDays: days(row.retentionDays) };
    }),
    matrix: cells.map(({ category, sector }) => ({ category, sector, allowed: draft.matrix[category][sector] })),
    minutesRules: draft.minutesRules,
    reviewDate: draft.reviewDate,
    triage: draft.triage,
    riskChecklist: riskTemplateOf(draft.risk),
  };
  return { body, layout: { members: memberIds, categories: categoryKeys, matrix: cells } };
}

export interface AgreementDraftState {
  draft: AgreementDraft;
  set<K extends keyof AgreementDraft>(key: K, value: AgreementDraft[K]): void;
  setMember(organisationId: string, change: Partial<MemberRow>): void;
  setCategory(key: Category, change: Partial<CategoryRow>): void;
  setCell(category: Category, sector: Sector, allowed: boolean): void;
}

export function useAgreementDraft(initial: () => AgreementDraft): AgreementDraftState {
  const [draft, setDraft] = useState<AgreementDraft>(initial);
  const set = useCallback(<K extends keyof AgreementDraft>(key: K, value: AgreementDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
  }, []);
  const setMember = useCallback((organisationId: string, change: Partial<MemberRow>) => {
    setDraft((d) => {
      const row = d.members[organisationId] ?? { included: false, role: "" };
      return { ...d, members: { ...d.members, [organisationId]: { ...row, ...change } } };
    });
  }, []);
  const setCategory = useCallback((key: Category, change: Partial<CategoryRow>) => {
    setDraft((d) => ({ ...d, categories: { ...d.categories, [key]: { ...d.categories[key], ...change } } }));
  }, []);
  const setCell = useCallback((category: Category, sector: Sector, allowed: boolean) => {
    setDraft((d) => ({ ...d, matrix: { ...d.matrix, [category]: { ...d.matrix[category], [sector]: allowed } } }));
  }, []);
  return { draft, set, setMember, setCategory, setCell };
}
