// Read-only connections (a frozen board): may a given update change the document?
// y-websocket answers the server's SyncStep1 with a SyncStep2 that always carries the
// client's whole delete set, so "sent an update" is not "tried to change something":
// an update that brings nothing new is ignored, one that would change the document is
// refused (the connection is closed with COLLAB_CLOSE.readOnly).
import * as Y from "yjs";

interface Range {
  clock: number;
  len: number;
}

function covered(ranges: readonly Range[] | undefined, clock: number, len: number): boolean {
  // createDeleteSetFromStructStore returns sorted, merged ranges per client.
  return (ranges ?? []).some((r) => r.clock <= clock && clock + len <= r.clock + r.len);
}

export function wouldChange(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  const known = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const s of structs) {
    if (s instanceof Y.Skip) continue;
    if (s.id.clock + s.length > (known.get(s.id.client) ?? 0)) return true;
  }
  if (ds.clients.size === 0) return false;
  const deleted = Y.createDeleteSetFromStructStore(doc.store);
  for (const [client, ranges] of ds.clients) {
    for (const r of ranges) if (r.len > 0 && !covered(deleted.clients.get(client), r.clock, r.len)) return true;
  }
  return false;
}
