// Who may do what at a table. Every REST route and socket handler asks here; nothing
// decides table access anywhere else.
//
// An administrator is refused everything: "the administrator can read no table".
// An invited person may only read the invitation and accept it: until they sign the
// confidentiality statement they see nothing of the case, not even the pseudonyms.
import type { Account, Participation } from "../store/records.js";
import { allow, refuse, type Decision } from "./decision.js";

export type TableAction =
  | "view" // case data, participants, received fragments, declines
  | "read-log"
  | "write-drafts"
  | "release"
  | "decline"
  | "invite"
  | "remove-participant"
  | "read-invitation"
  | "accept";

const CHAIR_ONLY: ReadonlySet<TableAction> = new Set(["invite", "remove-participant"]);
const INVITEE_ONLY: ReadonlySet<TableAction> = new Set(["read-invitation", "accept"]);

/** Only members sit at tables: administrators manage accounts, the DPO reads reports. */
const NOT_AT_TABLES: Partial<Record<Account["role"], string>> = {
  admin: "Administrators have no access to case tables.",
  dpo: "The data protection officer has no access to case tables; use the disclosure report.",
};

const MAY_NOT_OPEN: Partial<Record<Account["role"], string>> = {
  admin: "Administrators cannot open case tables.",
  dpo: "The data protection officer cannot open case tables.",
};

export function mayCreateTable(actor: Account): Decision {
  const barred = MAY_NOT_OPEN[actor.role];
  return barred ? refuse(barred) : allow;
}

export function mayAtTable(actor: Account, participation: Participation | undefined, action: TableAction): Decision {
  const barred = NOT_AT_TABLES[actor.role];
  if (barred) return refuse(barred);
  if (!participation || participation.state === "removed") return refuse("You are not a participant of this table.");
  if (INVITEE_ONLY.has(action)) {
    return participation.state === "invited" ? allow : refuse("You have already accepted this invitation.");
  }
  if (participation.state !== "active") {
    return refuse("Accept the confidentiality statement before you can see this table.");
  }
  if (CHAIR_ONLY.has(action) && participation.role !== "chair") {
    return refuse("Only the chair of this table can do this.");
  }
  return allow;
}

/** Who may be invited: a member (not an administrator) not already at the table. */
export function mayBeInvited(invitee: Account, existing: Participation | undefined): Decision {
  if (NOT_AT_TABLES[invitee.role]) return refuse("Only members can be invited to a case table (not administrators or the DPO).");
  if (existing && existing.state !== "removed") return refuse("This person is already invited to or at this table.");
  if (invitee.disabled) return refuse("This person's account is disabled: they cannot be invited until an administrator enables it.");
  return allow;
}

/** Removing: the chair may remove anyone but themself (a table always has its chair). */
export function mayRemove(actor: Account, target: Participation | undefined): Decision {
  if (!target || target.state === "removed") return refuse("This person is not at this table.");
  if (target.accountId === actor.id) return refuse("The chair cannot remove themself from the table.");
  return allow;
}
