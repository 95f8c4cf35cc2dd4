// The data protection officer answers access requests (GDPR art. 15(1)(c): the actual
// recipients of a person's data) from the log's metadata. They read no table and no
// content: the disclosure report is built from release records and log entries only.
import type { Account } from "../store/records.js";
import { allow, refuse, type Decision } from "./decision.js";

export function mayReportDisclosures(actor: Account): Decision {
  return actor.role === "dpo" ? allow : refuse("Only the data protection officer can produce disclosure reports.");
}
