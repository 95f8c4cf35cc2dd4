// Invariant 1, "release is the only door": a fragment's content goes to its author
// and to the participants it is currently released to, and to no one else.
import type { Account, Fragment, Participation } from "../store/records.js";
import { allow, refuse, type Decision } from "./decision.js";

export function isCurrentRecipient(fragment: Fragment, accountId: string): boolean {
  return fragment.release.recipients.some((r) => r.accountId === accountId && !r.revokedAt);
}

/**
 * Released to this person during their current participation. A removal ends every
 * release to them for good: if the chair invites them again, what was released to them
 * before stays out of reach (an invitation is the chair's decision, a release only the
 * author's; the author can release a new fragment to them).
 */
function releasedInThisParticipation(fragment: Fragment, accountId: string, participation: Participation): boolean {
  const since = participation.joinedAt ?? participation.invitedAt;
  return fragment.release.recipients.some((r) => r.accountId === accountId && !r.revokedAt && r.releasedAt >= since);
}

/** May this actor receive this fragment's content now? Asked before every delivery. */
export function mayReceiveContent(actor: Account, participation: Participation | undefined, fragment: Fragment): Decision {
  if (actor.role === "admin") return refuse("Administrators never receive fragment content.");
  if (actor.role === "dpo") return refuse("The data protection officer never receives fragment content.");
  if (!participation || participation.state !== "active") return refuse("You are not a participant of this table.");
  // Still a participant on record, but receives nothing while disabled (domain/accountAccess.ts).
  if (actor.disabled) return refuse("This account is disabled.");
  // Retention ended: there is no content left to give, to anyone (the author included).
  if (fragment.expired) return refuse(`This fragment expired on ${fragment.expired.at.slice(0, 10)} under article ${fragment.expired.rule.article}.`);
  if (fragment.authorId === actor.id) return allow;
  if (releasedInThisParticipation(fragment, actor.id, participation)) return allow;
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
export function mayReleaseTo(actor: Account, recipient: Participation | undefined, recipientId: string, recipientAccount: Account | undefined): Decision {
  if (recipientId === actor.id) return refuse("You cannot release a fragment to yourself.");
  if (!recipient || recipient.state !== "active") return refuse(`Recipient ${recipientId} is not an active participant of this table.`);
  // A release to a disabled account would wait to be delivered until it is enabled: the
  // author decides again then, with a new release.
  if (!recipientAccount || recipientAccount.disabled) return refuse(`Recipient ${recipientId}'s account is disabled: they can receive nothing until an administrator enables it.`);
  return allow;
}

/**
 * May this actor learn that (and when, and under which article) this fragment expired?
 * Its author, and whoever it was released to in their current participation when it
 * expired — exactly those who could read it before. Metadata only.
 */
export function maySeeExpiry(actor: Account, participation: Participation | undefined, fragment: Fragment): Decision {
  if (!fragment.expired) return refuse("This fragment has not expired.");
  if (!participation || participation.state !== "active") return refuse("You are not a participant of this table.");
  if (fragment.authorId === actor.id || releasedInThisParticipation(fragment, actor.id, participation)) return allow;
  return refuse("This fragment was not released to you.");
}
