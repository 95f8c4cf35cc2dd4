// Recognising a returning case without keeping names where they do not belong. A case
// that returns within 12 months of its closure is flagged as a repeat: at closure the
// persons' keys go to tafel.json, at acceptance of a new case the new persons' keys are
// compared with them.
//
// A key is HMAC-SHA-256(matchKey, normalised name | birth date). The match key is
// random, kept in tafel.json sealed with the keyring (which lives outside the data
// directory). So a stolen tafel.json (or the whole data directory) without the keyring
// reveals only opaque keys with closure dates, pruned after 12 months: no name, no
// birth date, no table, and no way to test a guessed name. With the keyring too, an
// attacker could test guesses (name + birth date) against the last 12 months' closures:
// the keyring must be guarded as it already is for every sealed table.
import { createHmac, randomBytes } from "node:crypto";
import type { ClosedCaseKey } from "../store/records.js";
import type { Context } from "./context.js";

const PLACE = "tafel.json/person-match-key";

/** The same person written twice the same way: case, accents, spacing and punctuation do not count. */
export function normalisedName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function personKey(matchKey: Uint8Array, name: string, birthDate: string): string {
  return createHmac("sha256", matchKey).update(`tafel:person:v1|${normalisedName(name)}|${birthDate}`).digest("hex");
}

/** The sealed match key, created on first use. */
export async function matchKey(ctx: Context): Promise<Uint8Array> {
  if (!ctx.store.global.data.personMatchKey) {
    const sealed = Buffer.from(ctx.sealer.seal(randomBytes(32), PLACE)).toString("base64");
    // Two first uses at once: the second finds the first's key and keeps it.
    await ctx.store.global.update((d) => {
      d.personMatchKey ??= sealed;
    });
  }
  return ctx.sealer.open(Buffer.from(ctx.store.global.data.personMatchKey as string, "base64"), PLACE);
}

/** Twelve calendar months after a closure, the case no longer counts as returning. */
export function withinTwelveMonths(closedAt: string, at: Date): boolean {
  const limit = new Date(closedAt);
  limit.setUTCMonth(limit.getUTCMonth() + 12);
  return at.getTime() <= limit.getTime();
}

/** Closures older than 12 months are dropped: they can flag nothing any more. */
export function pruned(closed: readonly ClosedCaseKey[], at: Date): ClosedCaseKey[] {
  return closed.filter((c) => withinTwelveMonths(c.closedAt, at));
}

/** For each person whose key matches a closure of the last 12 months: the latest such closure. */
export function repeatsOf(
  closed: readonly ClosedCaseKey[],
  persons: readonly { personId: string; key: string }[],
  at: Date,
): { personId: string; previousClosedAt: string }[] {
  const recent = pruned(closed, at);
  return persons.flatMap((p) => {
    const latest = recent.filter((c) => c.personKey === p.key).map((c) => c.closedAt).sort().at(-1);
    return latest ? [{ personId: p.personId, previousClosedAt: latest }] : [];
  });
}
