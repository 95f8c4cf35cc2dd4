// Sharing agreements as every member (and every participant of their tables) sees them,
// and the article-by-article comparison of two versions.
import { triageSettingsOf } from "../../shared/triage.js";
import type { AgreementChange, AgreementVersionView, AgreementView } from "../../shared/types.js";
import type { Agreement, AgreementVersion, GlobalData } from "../store/records.js";
import { versionInForce } from "../policies/agreement.js";
import { presentOrganisation, presentPerson } from "./person.js";

function org(global: Readonly<GlobalData>, id: string) {
  const o = global.organisations.find((x) => x.id === id);
  return o ? presentOrganisation(o) : { id, name: "(unknown organisation)", sector: "other" as const, secrecy: "none" as const };
}

export function presentAgreementVersion(global: Readonly<GlobalData>, v: AgreementVersion): AgreementVersionView {
  return {
    number: v.number,
    content: v.content,
    hash: v.hash,
    createdBy: presentPerson(global, v.createdBy),
    createdAt: v.createdAt,
    signatures: v.signatures.map((s) => ({ organisation: org(global, s.organisationId), by: presentPerson(global, s.accountId), at: s.at })),
    awaiting: v.content.members
      .filter((m) => !v.signatures.some((s) => s.organisationId === m.organisationId))
      .map((m) => org(global, m.organisationId)),
    ...(v.inForceAt ? { inForceAt: v.inForceAt } : {}),
  };
}

export function presentAgreement(global: Readonly<GlobalData>, a: Agreement): AgreementView {
  const inForce = versionInForce(a)?.number;
  return {
    id: a.id,
    createdAt: a.createdAt,
    ...(inForce !== undefined ? { inForce } : {}),
    versions: a.versions.map((v) => presentAgreementVersion(global, v)),
  };
}

/** What changed from one version to another, article by article. */
export function compareVersions(global: Readonly<GlobalData>, from: AgreementVersion, to: AgreementVersion): AgreementChange[] {
  const changes: AgreementChange[] = [];
  const same = (where: string, before: string, after: string) => {
    if (before !== after) changes.push({ where, before, after });
  };
  const a = from.content;
  const b = to.content;
  same("title", a.title, b.title);
  same("legal basis", `${a.legalBasis.kind}: ${a.legalBasis.reference}${a.legalBasis.date ? ` (${a.legalBasis.date})` : ""}`,
    `${b.legalBasis.kind}: ${b.legalBasis.reference}${b.legalBasis.date ? ` (${b.legalBasis.date})` : ""}`);
  same("purpose", a.purpose, b.purpose);
  const members = (c: typeof a) => new Map(c.members.map((m) => [m.organisationId, m.role]));
  const [ma, mb] = [members(a), members(b)];
  for (const id of new Set([...ma.keys(), ...mb.keys()])) {
    same(`member ${org(global, id).name}`, ma.get(id) ?? "(not a member)", mb.get(id) ?? "(not a member)");
  }
  const cats = (c: typeof a) => new Map(c.categories.map((x) => [x.key, x]));
  const [ca, cb] = [cats(a), cats(b)];
  const allowed = (c: typeof a, key: string) =>
    c.matrix.filter((m) => m.category === key && m.allowed).map((m) => m.sector).sort().join(", ") || "(no sector)";
  for (const key of new Set([...ca.keys(), ...cb.keys()])) {
    const x = ca.get(key);
    const y = cb.get(key);
    const where = `article ${y?.article ?? x?.article ?? "?"} (${y?.label ?? x?.label ?? key})`;
    same(where, x ? `${x.label}; retention ${x.retentionDays} days` : "(not shared)", y ? `${y.label}; retention ${y.retentionDays} days` : "(not shared)");
    same(`${where}: may go to`, x ? allowed(a, key) : "(not shared)", y ? allowed(b, key) : "(not shared)");
  }
  same("minutes", a.minutesRules, b.minutesRules);
  same("review date", a.reviewDate, b.reviewDate);
  // Triage settings (issue 9): absent means Tafel's neutral default, compared as such.
  const [ta, tb] = [triageSettingsOf(a), triageSettingsOf(b)];
  same("triage criteria", ta.criteria.map((c, i) => `${i + 1}. ${c}`).join(" "), tb.criteria.map((c, i) => `${i + 1}. ${c}`).join(" "));
  for (const n of [1, 2, 3]) {
    const track = (t: typeof ta) => t.tracks.find((x) => x.track === n);
    same(`track ${n}`, `${track(ta)?.label ?? ""}: ${track(ta)?.description ?? ""}`, `${track(tb)?.label ?? ""}: ${track(tb)?.description ?? ""}`);
  }
  return changes;
}
