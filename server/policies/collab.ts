// Who may open which Yjs document, and whether they may change it. The collaboration
// server asks here when a connection opens and again on every message it receives.
//
// It builds on mayAtTable(…, "view"), so the rules of routes and sockets hold for Yjs
// too: administrators and the DPO never, an invited person not before accepting, a
// removed person no longer. On top of that:
// - the board: every active participant; read-only once it is frozen (final minutes);
// - a notebook: only its owner, while an active participant, on all their devices.
import type { CollabDocName } from "../../shared/collab.js";
import type { Account, Participation, TableData } from "../store/records.js";
import { mayAtTable } from "./table.js";

export type DocumentAccess = { allowed: true; readOnly: boolean } | { allowed: false; reason: string };

/** What of the table the decision needs (the table's stored data is enough). */
export type TableState = Pick<TableData, "boardFrozenAt">;

export function mayOpenDocument(
  actor: Account,
  participation: Participation | undefined,
  doc: CollabDocName,
  table: TableState,
): DocumentAccess {
  const atTable = mayAtTable(actor, participation, "view");
  if (!atTable.allowed) return atTable;
  if (doc.kind === "notebook") {
    return doc.ownerId === actor.id ? { allowed: true, readOnly: false } : { allowed: false, reason: "A notebook is open only to its owner." };
  }
  return { allowed: true, readOnly: table.boardFrozenAt !== undefined };
}
