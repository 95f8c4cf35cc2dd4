// Outbound products (the LIVC feedback sheet to a referring service) may carry no
// secret information and go out only with everyone's consent (Constitutional Court
// 52/2021). Two rules, decided here.
import type { Fragment, FeedbackSheet } from "../store/records.js";
import { allow, refuse, type Decision } from "./decision.js";

/** Shared runs of this many characters (after normalising) count as copied text. */
export const COPY_WINDOW = 24;

function normalise(text: string): string {
  return text.toLowerCase().normalize("NFKC").replace(/\s+/g, " ").trim();
}

function windows(text: string): Set<string> {
  const s = normalise(text);
  const out = new Set<string>();
  for (let i = 0; i + COPY_WINDOW <= s.length; i += 1) out.add(s.slice(i, i + COPY_WINDOW));
  return out;
}

/**
 * A sheet's text may not contain a passage of any fragment of the table (released,
 * revoked or not): secret-protected content cannot be pasted into an outbound product.
 * The refusal names the fragment by id only.
 */
export function mayGoOutside(text: string, fragments: readonly Fragment[]): Decision {
  const candidate = normalise(text);
  for (const f of fragments) {
    for (const w of windows(`${f.title}\n${f.body}`)) {
      if (candidate.includes(w)) {
        return refuse(`The text repeats a passage of fragment ${f.id}: a feedback sheet may not contain secret-protected information.`);
      }
    }
  }
  return allow;
}

/** Sent only when every active participant approved exactly this text. */
export function maySend(sheet: FeedbackSheet, activeParticipants: readonly string[]): Decision {
  if (sheet.sentAt) return refuse("This feedback sheet has already been sent.");
  const missing = activeParticipants.filter((id) => !sheet.approvals.some((a) => a.accountId === id));
  return missing.length === 0
    ? allow
    : refuse(`This feedback sheet needs the approval of every participant; ${missing.length} still to approve.`);
}
