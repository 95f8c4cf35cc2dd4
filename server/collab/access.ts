// May this signed-in person use this document now? Asked when a connection opens, on
// every message it sends and before every frame it is sent; cheap (in-memory records
// only). The decision itself is policies/collab.ts; this maps it to a close code.
import { sessionLive } from "../domain/accounts.js";
import { COLLAB_CLOSE, type CollabCloseCode, type CollabDocName, type CollabUser } from "../../shared/collab.js";
import { accountById, participationOf, type Context } from "../domain/context.js";
import { mayOpenDocument } from "../policies/collab.js";
import { presentPerson } from "../presenters/person.js";
import type { Account, Participation, TableData } from "../store/records.js";
import { indexOf } from "../store/globalIndex.js";

export interface Credentials {
  accountId: string;
  sessionId: string;
}

export type Verdict =
  | { ok: true; account: Account; participation: Participation; readOnly: boolean }
  | { ok: false; code: CollabCloseCode };

/** Identifies one participation: removed and invited again is a new one. */
export function participationSince(p: Participation): string {
  return p.joinedAt ?? p.invitedAt;
}

/**
 * `table` is null when no such table exists. `since` binds an open connection to the
 * participation it was opened under (participationSince): a new participation needs a
 * new connection.
 */
export function authorise(
  ctx: Context,
  who: Credentials,
  doc: CollabDocName,
  table: Readonly<TableData> | null,
  since?: string,
): Verdict {
  const session = indexOf(ctx.store.global.data).session(who.sessionId);
  if (!sessionLive(ctx, session)) return { ok: false, code: COLLAB_CLOSE.notSignedIn };
  const account = accountById(ctx, who.accountId);
  if (!account) return { ok: false, code: COLLAB_CLOSE.notSignedIn };
  const participation = participationOf(ctx, doc.tableId, account.id);
  // As on the REST routes: a table the person was never at is "not found".
  if (!participation && account.role === "member") return { ok: false, code: COLLAB_CLOSE.unknownDocument };
  const decision = mayOpenDocument(account, participation, doc, table ?? {});
  if (!decision.allowed) return { ok: false, code: COLLAB_CLOSE.forbidden };
  if (!table || !participation) return { ok: false, code: COLLAB_CLOSE.unknownDocument };
  if (since !== undefined && participationSince(participation) !== since) return { ok: false, code: COLLAB_CLOSE.forbidden };
  return { ok: true, account, participation, readOnly: decision.readOnly };
}

/** The identity others see in this person's awareness state. */
export function collabUser(ctx: Context, account: Account): CollabUser {
  const person = presentPerson(ctx.store.global.data, account.id);
  return { id: person.id, name: person.name, organisation: person.organisation };
}
