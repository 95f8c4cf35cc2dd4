// The log's own RFC 8785 writer against the reference package, which the offline
// verifier uses: a line one of them writes differently from the other would make a
// correct log fail verification, or hash an entry two ways.
import canonicalize from "canonicalize";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, NotCanonicalizable } from "../../server/log/canonicalJson.js";

/** The package's answer, or "refused" where it throws. */
function reference(value: unknown): string {
  try {
    return canonicalize(value) as string;
  } catch {
    return "refused";
  }
}

function ours(value: unknown): string {
  try {
    return canonicalJson(value);
  } catch (err) {
    if (err instanceof NotCanonicalizable) return "refused";
    throw err;
  }
}

// Names and strings from every UTF-16 code unit, lone surrogates included (fast-check's
// "binary" unit makes whole code points only, so single code units are drawn here), and
// names that read as array indices (which any object lists first, whatever the order).
const codeUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom("\ud800", "\udbff", "\udc00", "\udfff", '"', "\\", "\u0000", "\u001f", "\u2028", "\u007f"),
);
const anyText = fc.oneof(fc.string({ unit: codeUnit }), fc.string({ unit: "binary" }), fc.string({ unit: "binary-ascii" }), fc.string({ unit: "grapheme" }));
const names = fc.oneof(
  anyText,
  fc.nat({ max: 20 }).map(String),
  fc.nat().map(String),
  fc.constantFrom("", "__proto__", "constructor", "a", "A", "é", "\u{1F600}", "\ud800", "01", "-1", "4294967295", "4294967294", "1e3"),
);
const values = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    anyText,
    fc.double(),
    fc.integer(),
    fc.constantFrom(0, -0, 1e21, 1e-7, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, NaN, Infinity, -Infinity),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.oneof(tie("value"), fc.constant(undefined))),
    fc.dictionary(names, fc.oneof(tie("value"), fc.constant(undefined)), { noNullPrototype: false }),
  ),
}));

describe("canonicalJson", () => {
  it("writes what the reference package writes, and refuses what it refuses", () => {
    fc.assert(
      fc.property(values.value, (v) => {
        expect(ours(v)).toBe(reference(v));
      }),
      { numRuns: 3_000 },
    );
  });

  it("writes log entries exactly as the package does", () => {
    const entry = {
      actor: null,
      type: "fragment-released",
      fragment: "7b0c8a5e-3f1e-4a8e-9d51-0c2f7e8b1a23",
      recipients: ["b", "a"],
      personsConcerned: [],
      purpose: "zorg \"en\" veiligheid\n",
      because: 'a "quoted" word',
      category: "risk",
      seq: 12,
      at: "2026-12-04T19:30:00.000Z",
    };
    expect(canonicalJson(entry)).toBe(canonicalize(entry));
    expect(canonicalJson(entry)).toBe(
      '{"actor":null,"at":"2026-12-04T19:30:00.000Z","because":"a \\"quoted\\" word","category":"risk","fragment":"7b0c8a5e-3f1e-4a8e-9d51-0c2f7e8b1a23","personsConcerned":[],"purpose":"zorg \\"en\\" veiligheid\\n","recipients":["b","a"],"seq":12,"type":"fragment-released"}',
    );
  });

  it("sorts names by UTF-16 code units, index-like names among them", () => {
    expect(canonicalJson({ b: 1, "10": 2, "2": 3, a: 4, "\u{1F600}": 5, "\uffff": 6, é: 7 })).toBe('{"10":2,"2":3,"a":4,"b":1,"é":7,"\u{1F600}":5,"\uffff":6}');
  });

  it("refuses what is not JSON instead of turning it into something else", () => {
    for (const bad of [new Date(0), new Map(), () => 1, 1n, Symbol("s"), { nested: new Set() }, "\udc00", NaN, [Infinity], undefined]) {
      expect(() => canonicalJson(bad)).toThrow(NotCanonicalizable);
    }
  });
});
