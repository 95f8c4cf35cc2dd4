// Retention as a viewer sees it: when a fragment falls due, under which article, and
// when it expired. Built from release metadata and the agreement only; there is no
// title or body field here to copy (invariant 1).
import type { ExpiredFragmentView, ExpiryView, RetentionItemView } from "../../shared/types.js";
import type { Fragment, GlobalData, RetentionRule, TableData } from "../store/records.js";
import { presentPerson } from "./person.js";

function personsConcerned(table: Readonly<TableData>, ids: readonly string[]) {
  return ids.map((id) => ({ id, pseudonym: table.personsConcerned.find((p) => p.id === id)?.pseudonym ?? "?" }));
}

export function presentExpiry(expired: NonNullable<Fragment["expired"]>): ExpiryView {
  return {
    at: expired.at,
    dueAt: expired.dueAt,
    agreement: { id: expired.rule.agreementId, version: expired.rule.version },
    article: expired.rule.article,
    retentionDays: expired.rule.retentionDays,
  };
}

export function presentExpiredFragment(global: Readonly<GlobalData>, table: Readonly<TableData>, f: Fragment): ExpiredFragmentView | null {
  if (!f.expired) return null;
  return {
    id: f.id,
    category: f.category,
    kind: f.kind,
    personsConcerned: personsConcerned(table, f.personsConcerned),
    author: presentPerson(global, f.authorId),
    releasedAt: f.release.releasedAt,
    expired: presentExpiry(f.expired),
  };
}

export function presentRetentionItem(
  global: Readonly<GlobalData>,
  table: Readonly<TableData>,
  f: Fragment,
  due: { rule: RetentionRule; dueAt: string } | null,
): RetentionItemView {
  // An expired fragment answers with the rule that expired it, even if the agreement changed since.
  const rule = f.expired?.rule ?? due?.rule;
  const dueAt = f.expired?.dueAt ?? due?.dueAt;
  return {
    fragmentId: f.id,
    category: f.category,
    kind: f.kind,
    author: presentPerson(global, f.authorId),
    personsConcerned: personsConcerned(table, f.personsConcerned),
    releasedAt: f.release.releasedAt,
    ...(dueAt ? { dueAt } : {}),
    ...(rule ? { rule: { agreement: { id: rule.agreementId, version: rule.version }, article: rule.article, retentionDays: rule.retentionDays } } : {}),
    ...(f.expired ? { expiredAt: f.expired.at } : {}),
  };
}
