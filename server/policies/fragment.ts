// Invariant 1, "release is the only door": a fragment's content goes to its author
// and to the participants it is currently released to, and to no one else.
import type { Account, Fragment, Participation } from "../store/records.js";
import { allow, refuse, type Decision } from "./decision.js";

export function isCurrentRecipient(fragment: Fragment, accountId: string): boolean {
  return fragment.release.recipients.some((r) => r.accountId === accountId && !r.revokedAt);
}

/** May this actor receive this fragment's content now? Asked before every delivery. */
export function mayReceiveContent(actor: Account, participation: Participation | undefined, fragment: Fragment): Decision {
  if (actor.role === "admin") return refuse("Administrators never receive fragment content.");
  if (!participation || participation.state !== "active") return refuse("You are not a participant of this table.");
  if (fragment.authorId === actor.id) return allow;
  if (isCurrentRecipient(fragment, actor.id)) return allow;
  return refuse("This fragment was not released to you.");
}

/** Only the author revokes, and only while still at the table. */
export function mayRevoke(actor: Account, participation: Participation | undefined, fragment: Fragment): Decision {
  if (!participation || participation.state !== "active") return refuse("You are not a participant of this table.");
  return fragment.authorId === actor.id ? allow : refuse("Only the author of a fragment can revoke its release.");
}

/**
 * Recipients must be other active participants. The sender names them; the server
 * checks each against its own participation records.
 */
export function mayReleaseTo(actor: Account, recipient: Participation | undefined, recipientId: string): Decision {
  if (recipientId === actor.id) return refuse("You cannot release a fragment to yourself.");
  if (!recipient || recipient.state !== "active") return refuse(`Recipient ${recipientId} is not an active participant of this table.`);
  return allow;
}
