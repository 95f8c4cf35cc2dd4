// What changed between two committed states of a document, as a few operations on its
// top-level keys, and how to replay them. A table document is mostly long arrays
// (fragments, drafts, meetings) of which an update touches one element: a release adds a
// fragment and removes a draft. Written as operations, an update costs bytes in
// proportion to what it changed, not to the whole table (journaledFile.ts).
//
// States come from immer (durableDoc.ts): an unchanged part is the very same object in
// both states, so "unchanged" is an identity test, and an array's change is found as the
// one span between its unchanged head and unchanged tail.
import { z } from "zod";

export type JournalOp =
  | { key: string; set: unknown }
  | { key: string; unset: true }
  /** Replace `remove` elements at `at` by `insert` (an append, a removal or a replacement). */
  | { key: string; at: number; remove: number; insert: unknown[] };

/** Parses a stored line's operations; anything else is damage, not data. */
export const JournalOps = z.array(
  z.union([
    z.strictObject({ key: z.string(), set: z.unknown() }),
    z.strictObject({ key: z.string(), unset: z.literal(true) }),
    z.strictObject({ key: z.string(), at: z.number().int().nonnegative(), remove: z.number().int().nonnegative(), insert: z.array(z.unknown()) }),
  ]),
);

type Plain = Record<string, unknown>;

function arraySplice(key: string, before: readonly unknown[], after: readonly unknown[]): JournalOp | null {
  const shorter = Math.min(before.length, after.length);
  let head = 0;
  while (head < shorter && before[head] === after[head]) head += 1;
  let tail = 0;
  while (tail < shorter - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail += 1;
  const remove = before.length - head - tail;
  const insert = after.slice(head, after.length - tail);
  if (remove === 0 && insert.length === 0) return null;
  return { key, at: head, remove, insert };
}

/** The operations that turn `before` into `after` (top-level keys; arrays as one splice). */
export function diffStates(before: object, after: object): JournalOp[] {
  const a = before as Plain;
  const b = after as Plain;
  const ops: JournalOp[] = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const was = a[key];
    const now = b[key];
    if (was === now) continue;
    if (!(key in b) || now === undefined) ops.push({ key, unset: true });
    else if (Array.isArray(was) && Array.isArray(now)) {
      const op = arraySplice(key, was, now);
      if (op) ops.push(op);
    } else ops.push({ key, set: now });
  }
  return ops;
}

/** Replays operations on a freshly parsed (mutable, unshared) state, in place. */
export function applyOps(state: object, ops: readonly JournalOp[]): void {
  const s = state as Plain;
  for (const op of ops) {
    if ("set" in op) s[op.key] = op.set;
    else if ("unset" in op) delete s[op.key];
    else {
      const list = s[op.key];
      if (!Array.isArray(list) || op.at + op.remove > list.length) {
        throw new Error(`a journal operation does not fit the document (${op.key} at ${op.at})`);
      }
      // concat, not splice(...insert): no limit on the number of arguments.
      s[op.key] = list.slice(0, op.at).concat(op.insert, list.slice(op.at + op.remove));
    }
  }
}
