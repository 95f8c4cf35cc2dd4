// Case data due under retention (referrals not accepted, closed cases' identities) as
// the DPO sees it: ids, pseudonyms, dates and the term. There is no description, reason
// or name field here to copy.
import type { CaseDataRetentionItemView } from "../../shared/types.js";
import type { TableData } from "../store/records.js";

type Due =
  | { kind: "referral"; referral: string; since: string; dueAt: string; days: number }
  | { kind: "identities"; since: string; dueAt: string; months: number };

export function presentCaseDataItem(table: Readonly<TableData>, due: Due): CaseDataRetentionItemView {
  const base = { table: { id: table.id, caseCode: table.caseCode }, since: due.since, dueAt: due.dueAt };
  if (due.kind === "referral") {
    return { kind: "referral", ...base, referral: due.referral, term: { days: due.days } };
  }
  const ids = new Set((table.identities ?? []).map((i) => i.personId));
  return {
    kind: "identities",
    ...base,
    personsConcerned: table.personsConcerned.filter((p) => ids.has(p.id)).map((p) => ({ id: p.id, pseudonym: p.pseudonym })),
    term: { months: due.months },
  };
}
