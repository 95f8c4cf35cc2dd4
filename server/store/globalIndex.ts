// Look-ups by id into tafel.json without scanning its arrays. Every release checks each
// recipient's account, participation and organisation, and every request and socket
// resolves its session: with a thousand people these linear scans were the largest
// share of the server's own CPU under load (bench/RESULTS.md).
//
// An index belongs to one committed state of the document. DurableDoc.update replaces
// the whole state object with the new one once it is durable, so an index keyed (weakly)
// on that object is never stale: the first look-up after a change builds a new one, and
// the old one goes with the old state.
import type { Account, GlobalData, Organisation, Participation, Session } from "./records.js";

export interface GlobalIndex {
  account(id: string): Account | undefined;
  organisation(id: string): Organisation | undefined;
  participation(tableId: string, accountId: string): Participation | undefined;
  session(id: string): Session | undefined;
  sessionByTokenHash(tokenHash: string): Session | undefined;
}

const built = new WeakMap<Readonly<GlobalData>, GlobalIndex>();

function byKey<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  // The first wins, as Array.prototype.find did before.
  for (const item of items) {
    const k = key(item);
    if (!map.has(k)) map.set(k, item);
  }
  return map;
}

function build(global: Readonly<GlobalData>): GlobalIndex {
  const accounts = byKey(global.accounts, (a) => a.id);
  const organisations = byKey(global.organisations, (o) => o.id);
  // A participation's key: both ids are uuids, so a space cannot occur in either.
  const participations = byKey(global.participations, (p) => `${p.tableId} ${p.accountId}`);
  const sessions = byKey(global.sessions, (s) => s.id);
  const sessionsByHash = byKey(global.sessions, (s) => s.tokenHash);
  return {
    account: (id) => accounts.get(id),
    organisation: (id) => organisations.get(id),
    participation: (tableId, accountId) => participations.get(`${tableId} ${accountId}`),
    session: (id) => sessions.get(id),
    sessionByTokenHash: (hash) => sessionsByHash.get(hash),
  };
}

/** The index of this state of tafel.json (built on first use, then shared). */
export function indexOf(global: Readonly<GlobalData>): GlobalIndex {
  let index = built.get(global);
  if (!index) {
    index = build(global);
    built.set(global, index);
  }
  return index;
}
