// domain/personMatch.ts: the same person written differently gives the same key, another
// key or another birth date gives another one, and only closures of the last 12 months count.
import { describe, expect, it } from "vitest";
import { normalisedName, personKey, pruned, repeatsOf, withinTwelveMonths } from "../../server/domain/personMatch.js";

const KEY = new Uint8Array(32).fill(7);
const OTHER_KEY = new Uint8Array(32).fill(8);

describe("person keys", () => {
  it("ignore case, accents, spacing and punctuation in names", () => {
    expect(normalisedName("  Ïna   De-Smet ")).toBe("ina de smet");
    expect(normalisedName("Çağla Öztürk")).toBe("cagla ozturk");
    expect(personKey(KEY, "Ïna De Smet", "1985-02-03")).toBe(personKey(KEY, "ina de-smet", "1985-02-03"));
  });
  it("differ for another birth date, another name and another key, and reveal neither", () => {
    const key = personKey(KEY, "Ina De Smet", "1985-02-03");
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(personKey(KEY, "Ina De Smet", "1985-02-04")).not.toBe(key);
    expect(personKey(KEY, "Ina Desmet", "1985-02-03")).not.toBe(key);
    expect(personKey(OTHER_KEY, "Ina De Smet", "1985-02-03")).not.toBe(key);
  });
});

describe("the 12-month window", () => {
  it("runs 12 calendar months from the closure, inclusive", () => {
    expect(withinTwelveMonths("2026-03-31T10:00:00.000Z", new Date("2027-03-31T10:00:00.000Z"))).toBe(true);
    expect(withinTwelveMonths("2026-03-31T10:00:00.000Z", new Date("2027-03-31T10:00:00.001Z"))).toBe(false);
    expect(withinTwelveMonths("2026-01-10T00:00:00.000Z", new Date("2026-01-09T00:00:00.000Z"))).toBe(true);
  });
  it("flags each person against the latest closure in the window and drops older ones", () => {
    const at = new Date("2027-01-01T00:00:00.000Z");
    const closed = [
      { personKey: "a", closedAt: "2025-12-01T00:00:00.000Z" },
      { personKey: "a", closedAt: "2026-06-01T00:00:00.000Z" },
      { personKey: "a", closedAt: "2026-03-01T00:00:00.000Z" },
      { personKey: "b", closedAt: "2025-11-30T00:00:00.000Z" },
    ];
    expect(repeatsOf(closed, [{ personId: "p1", key: "a" }, { personId: "p2", key: "b" }, { personId: "p3", key: "c" }], at)).toEqual([
      { personId: "p1", previousClosedAt: "2026-06-01T00:00:00.000Z" },
    ]);
    expect(pruned(closed, at).map((c) => c.closedAt)).toEqual(["2026-06-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z"]);
  });
});
