// Platform administration: organisations and accounts. Administrators manage who
// exists; they are never at a table (see policies/table.ts).
import type { Account } from "../store/records.js";
import { allow, refuse, type Decision } from "./decision.js";

export function mayAdminister(actor: Account): Decision {
  return actor.role === "admin" ? allow : refuse("Only a platform administrator can manage organisations and accounts.");
}
