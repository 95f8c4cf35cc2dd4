// The only code that puts a fragment's content into something sent. Each function
// takes the viewer and is called only after policies/fragment.ts allowed it.
import type { AuthoredFragmentView, ReceivedFragmentView, RecipientStatusView } from "../../shared/types.js";
import type { LogEntry } from "../log/entries.js";
import type { Fragment, GlobalData, TableData } from "../store/records.js";
import { presentPerson } from "./person.js";
import { presentExpiry } from "./retention.js";

function personsConcerned(table: Readonly<TableData>, ids: string[]) {
  return ids.map((id) => ({ id, pseudonym: table.personsConcerned.find((p) => p.id === id)?.pseudonym ?? "?" }));
}

function common(table: Readonly<TableData>, f: Fragment) {
  return {
    id: f.id,
    tableId: table.id,
    title: f.title,
    body: f.body,
    category: f.category,
    kind: f.kind,
    personsConcerned: personsConcerned(table, f.personsConcerned),
    releasedAt: f.release.releasedAt,
    purpose: f.release.purpose,
    justification: f.release.justification,
  };
}

export function presentReceivedFragment(
  global: Readonly<GlobalData>,
  table: Readonly<TableData>,
  f: Fragment,
): ReceivedFragmentView {
  return { ...common(table, f), author: presentPerson(global, f.authorId) };
}

/** Per recipient, the path the log records: first sent, delivered, opened; revoked. No content. */
export function presentRecipientStatuses(
  global: Readonly<GlobalData>,
  f: Fragment,
  log: readonly LogEntry[],
): RecipientStatusView[] {
  // One pass over the log for all recipients (it was three scans per recipient, on every
  // release answer and for every fragment of the author's list: bench/RESULTS.md).
  const firstAt = new Map<string, string>();
  for (const e of log) {
    if ((e.type === "fragment-sent" || e.type === "fragment-delivered" || e.type === "fragment-opened") && e.fragment === f.id) {
      const key = `${e.type}\u0000${e.recipient}`;
      if (!firstAt.has(key)) firstAt.set(key, e.at);
    }
  }
  const first = (type: LogEntry["type"], recipient: string) => firstAt.get(`${type}\u0000${recipient}`);
  return f.release.recipients.map((r) => {
    const sentAt = first("fragment-sent", r.accountId);
    const deliveredAt = first("fragment-delivered", r.accountId);
    const openedAt = first("fragment-opened", r.accountId);
    return {
      recipient: presentPerson(global, r.accountId),
      releasedAt: r.releasedAt,
      ...(sentAt ? { sentAt } : {}),
      ...(deliveredAt ? { deliveredAt } : {}),
      ...(openedAt ? { openedAt } : {}),
      ...(r.revokedAt ? { revokedAt: r.revokedAt } : {}),
    };
  });
}

/** The author's view: the content and, per recipient, the path the log records. */
export function presentAuthoredFragment(
  global: Readonly<GlobalData>,
  table: Readonly<TableData>,
  f: Fragment,
  log: readonly LogEntry[],
): AuthoredFragmentView {
  return {
    ...common(table, f),
    commitment: f.commitment,
    salt: f.salt,
    recipients: presentRecipientStatuses(global, f, log),
    ...(f.flag ? { flag: f.flag } : {}),
    ...(f.expired ? { expired: presentExpiry(f.expired) } : {}),
  };
}
