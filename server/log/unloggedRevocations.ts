// A revocation (and a removal's end of releases) writes the table document first and the
// log second: access ends first, so a crash in between errs on the side of secrecy. But
// it leaves a revocation that the log does not show, and the log must show every one.
// On load, before the table is used, the missing `fragment-revoked` entries are found
// here and appended (actor null: written by Tafel, not by a person), the same repair the
// retention job makes for content erased before its entry was written.
import type { TableData } from "../store/records.js";
import type { NewLogEntry } from "./entries.js";
import type { TableLog } from "./tableLog.js";

export function unloggedRevocations(table: Readonly<TableData>, log: TableLog): NewLogEntry[] {
  const logged = new Set(log.entries.flatMap((e) => (e.type === "fragment-revoked" ? [`${e.fragment} ${e.recipient}`] : [])));
  return (table.fragments ?? []).flatMap((f) =>
    f.release.recipients
      .filter((r) => r.revokedAt && !logged.has(`${f.id} ${r.accountId}`))
      .map((r) => ({
        actor: null,
        type: "fragment-revoked" as const,
        fragment: f.id,
        recipient: r.accountId,
        alreadyDelivered: log.deliveries.wasSent(f.id, r.accountId),
      })),
  );
}
