// Reading a sharing agreement: its latest version and the one in force, articles in
// their numbered order, where a category may go, and names of member organisations.
import type { AgreementBody, Category, Sector } from "../../../shared/schemas";
import { SECTORS } from "../../../shared/schemas";
import type { AgreementVersionView, AgreementView, OrganisationView } from "../../../shared/types";

export function latestVersion(agreement: AgreementView): AgreementVersionView | undefined {
  return agreement.versions.reduce<AgreementVersionView | undefined>((a, v) => (!a || v.number > a.number ? v : a), undefined);
}

export function versionInForce(agreement: AgreementView): AgreementVersionView | undefined {
  return agreement.inForce === undefined ? undefined : agreement.versions.find((v) => v.number === agreement.inForce);
}

/** The title an agreement goes by: that of its latest version. */
export function agreementTitle(agreement: AgreementView): string {
  return latestVersion(agreement)?.content.title ?? agreement.id;
}

/** A version hash shortened for reading; the full hash belongs in a title attribute or a <code>. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

/** "4.2" before "4.10", "4.10" before "5": compared part by part, numerically where possible. */
export function compareArticles(a: string, b: string): number {
  const pa = a.split(/[.\s-]+/);
  const pb = b.split(/[.\s-]+/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = Number(x);
    const ny = Number(y);
    const diff = Number.isNaN(nx) || Number.isNaN(ny) ? x.localeCompare(y) : nx - ny;
    if (diff !== 0) return diff;
  }
  return 0;
}

export type AgreementCategory = AgreementBody["categories"][number];

export function categoriesByArticle(content: AgreementBody): AgreementCategory[] {
  return [...content.categories].sort((a, b) => compareArticles(a.article, b.article));
}

export function isAllowed(content: AgreementBody, category: Category, sector: Sector): boolean {
  return content.matrix.some((m) => m.category === category && m.sector === sector && m.allowed);
}

export function allowedSectors(content: AgreementBody, category: Category): Sector[] {
  return SECTORS.filter((s) => isAllowed(content, category, s));
}

/** Every organisation named anywhere in the agreement's views, by id. */
export function organisationIndex(agreement: AgreementView | undefined, listed: readonly OrganisationView[] = []): Map<string, OrganisationView> {
  const index = new Map<string, OrganisationView>();
  for (const o of listed) index.set(o.id, o);
  for (const v of agreement?.versions ?? []) {
    for (const s of v.signatures) index.set(s.organisation.id, s.organisation);
    for (const o of v.awaiting) index.set(o.id, o);
  }
  return index;
}

export function isMemberOf(version: AgreementVersionView | undefined, organisationId: string): boolean {
  return version?.content.members.some((m) => m.organisationId === organisationId) ?? false;
}
