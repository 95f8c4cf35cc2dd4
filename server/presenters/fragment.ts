// The only code that puts a fragment's content into something sent. Each function
// takes the viewer and is called only after policies/fragment.ts allowed it.
import type { AuthoredFragmentView, ReceivedFragmentView, RecipientStatusView } from "../../shared/types.js";
import type { ReceiptTimes } from "../log/receiptTimes.js";
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
  receipts: ReceiptTimes,
): RecipientStatusView[] {
  return f.release.recipients.map((r) => {
    const sentAt = receipts.firstAt("fragment-sent", f.id, r.accountId);
    const deliveredAt = receipts.firstAt("fragment-delivered", f.id, r.accountId);
    const openedAt = receipts.firstAt("fragment-opened", f.id, r.accountId);
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
  receipts: ReceiptTimes,
): AuthoredFragmentView {
  return {
    ...common(table, f),
    commitment: f.commitment,
    salt: f.salt,
    recipients: presentRecipientStatuses(global, f, receipts),
    ...(f.flag ? { flag: f.flag } : {}),
    ...(f.expired ? { expired: presentExpiry(f.expired) } : {}),
  };
}
