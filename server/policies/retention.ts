// Who sees what is due under the retention rules: the chair of a table, for that table
// (the review at closure), and the data protection officer, for every table. Both see
// metadata only — the same that every participant already sees in the log.
import type { Account, Participation } from "../store/records.js";
import { allow, refuse, type Decision } from "./decision.js";
import { mayAtTable } from "./table.js";

export function mayReviewRetention(actor: Account, participation: Participation | undefined): Decision {
  const atTable = mayAtTable(actor, participation, "view");
  if (!atTable.allowed) return atTable;
  return participation?.role === "chair" ? allow : refuse("Only the chair of this table reviews what is due under the retention rules.");
}

export function mayOverseeRetention(actor: Account): Decision {
  return actor.role === "dpo" ? allow : refuse("Only the data protection officer sees what is due at every table.");
}
