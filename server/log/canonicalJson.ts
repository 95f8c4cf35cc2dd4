// RFC 8785 (JSON Canonicalization Scheme) for the lines of a table's log.
//
// Every log entry is stored and hashed as its canonical JSON, so this runs once per
// entry on every release, send and receipt. With the `canonicalize` package (the RFC's
// reference for JavaScript) it was the largest single cost of a log append: about
// 10 µs an entry, a quarter of the append path's CPU (bench/RESULTS.md). The package
// scans every string character by character for lone surrogates and tracks cycles in
// a Set; log entries are small trees of ids, timestamps and short words, so strings
// that need no escaping are quoted here without a JSON.stringify call and checked with
// one regular expression. About 2.7 times faster on log entries.
//
// Exactness is what matters, so the package stays the reference: tests compare the two
// on generated values (tests/unit/log.canonicalJson.test.ts), and the offline verifier
// (verifyExport.ts) checks every stored line against the package.
//
// RFC 8785, and where each rule is met:
// - §3.2.2.2 strings as ECMAScript's JSON.stringify writes them: a string with no '"',
//   '\', control character or surrogate is written between quotes as it is (that is
//   what JSON.stringify would write); any other goes to JSON.stringify;
// - §3.2.2: no lone surrogates (String.prototype.isWellFormed), no NaN or ±Infinity;
// - §3.2.2.3 numbers as ECMAScript writes them (JSON.stringify);
// - §3.2.3 members sorted by their names' UTF-16 code units: Array.prototype.sort
//   with no comparator compares exactly those;
// - no whitespace.
// Only arrays and plain objects are walked. Anything else (a Date, a Map, a function,
// a bigint) is refused: log entries never hold one, and the package would turn some
// into something else (a Date through toJSON) rather than refuse.

export class NotCanonicalizable extends Error {}

/** Needs no escaping in JSON and holds no surrogate (so no lone one). */
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case "string":
      return canonicalString(value);
    case "number":
      if (!Number.isFinite(value)) throw new NotCanonicalizable(`${value} cannot be written as canonical JSON.`);
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "object":
      if (value === null) return "null";
      if (Array.isArray(value)) return canonicalArray(value);
      return canonicalObject(value);
    default:
      throw new NotCanonicalizable(`A ${typeof value} cannot be written as canonical JSON.`);
  }
}

function canonicalString(s: string): string {
  if (PLAIN.test(s)) return `"${s}"`;
  if (!s.isWellFormed()) throw new NotCanonicalizable("A string with a lone surrogate cannot be written as canonical JSON.");
  return JSON.stringify(s);
}

function canonicalArray(items: readonly unknown[]): string {
  let out = "[";
  for (let i = 0; i < items.length; i += 1) {
    if (i > 0) out += ",";
    const item = items[i];
    // As JSON.stringify does: undefined or a hole in an array is null. (The package
    // writes null for undefined but leaves a hole empty, which is not JSON.)
    out += item === undefined ? "null" : canonicalJson(item);
  }
  return `${out}]`;
}

function canonicalObject(object: object): string {
  const proto: unknown = Object.getPrototypeOf(object);
  if (proto !== Object.prototype && proto !== null) {
    throw new NotCanonicalizable("Only arrays and plain objects can be written as canonical JSON.");
  }
  const members = object as Record<string, unknown>;
  let out = "{";
  let first = true;
  for (const name of Object.keys(members).sort()) {
    const member = members[name];
    // As JSON.stringify and the package do: a member whose value is undefined is left out.
    if (member === undefined) continue;
    if (!first) out += ",";
    first = false;
    out += `${canonicalString(name)}:${canonicalJson(member)}`;
  }
  return `${out}}`;
}
