// Platform administration: organisations and accounts. Administrators manage who
// exists; they are never at a table (see policies/table.ts).
import type { Account } from "../store/records.js";
import { allow, refuse, type Decision } from "./decision.js";

export function mayAdminister(actor: Account): Decision {
  return actor.role === "admin" ? allow : refuse("Only a platform administrator can manage organisations and accounts.");
}

/**
 * Disabling an account: an administrator, never their own (a platform must keep one
 * administrator who can undo it; asked again inside the write, so two administrators
 * disabling each other at once cannot both succeed).
 */
export function mayDisable(actor: Account, target: Account): Decision {
  const admin = mayAdminister(actor);
  if (!admin.allowed) return admin;
  if (actor.disabled) return refuse("Your own account is disabled.");
  return actor.id === target.id ? refuse("You cannot disable your own account: ask another administrator.") : allow;
}
