// Every type of table log entry (server/log/entries.ts) has a label and a one-sentence
// description in every language, so a new entry type cannot reach the log table as a raw
// type name. The descriptions are built from metadata only: a content field planted in
// the entry (a question, a reason) never shows in them.
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { LOCALES } from "../../shared/schemas.js";
import type { LogEntryView } from "../../shared/types.js";
import { TRANSLATIONS } from "../../client/src/i18n/resources.js";
import { describeLogEntry } from "../../client/src/format/logEntry.js";

/** The entry types as written in entries.ts: every `type: "…"` of the LogEntryBody union. */
const source = readFileSync(new URL("../../server/log/entries.ts", import.meta.url), "utf8");
const TYPES = [...new Set([...source.matchAll(/\btype: "([a-z-]+)"/g)].map((m) => m[1] as string))];

const CONTENT = "CANARY-content-never-described";
const sample = (type: string): LogEntryView => ({
  seq: 7,
  at: "2027-01-02T03:04:05.000Z",
  type,
  actor: { id: "a1", name: "Actor Person", organisation: "OCMW", sector: "care" },
  subject: { id: "s1", name: "Subject Person", organisation: "CAW", sector: "care" },
  recipients: [{ id: "r1", name: "Recipient Person", organisation: "Politie", sector: "police" }],
  fragmentId: "f1234567-0000-0000-0000-000000000000",
  category: "risk-assessment",
  personsConcerned: ["p1"],
  purpose: "integrity",
  organisation: "CAW Oost",
  agreement: { id: "ag", version: 3, hash: "abc" },
  sheet: "s7654321-0000",
  meeting: "m1111111-0000",
  action: "c2222222-0000",
  status: type === "case-transferred" ? "out" : "present",
  retention: { article: "5.1", retentionDays: 30, releasedAt: "2026-12-01T00:00:00.000Z" },
  referral: "e3333333-0000",
  outcome: "accept",
  track: 2,
  date: "2027-02-01",
  caseTable: "t4444444-0000",
  question: CONTENT,
  reason: CONTENT,
  leafHash: "x",
});

describe("log entry descriptions", () => {
  it("find the entry types in entries.ts", () => {
    expect(TYPES.length).toBeGreaterThan(35);
    expect(TYPES).toEqual(expect.arrayContaining(["fragment-released", "triage-decided", "case-transferred", "referral-expired", "identities-expired"]));
  });

  for (const locale of LOCALES) {
    it(`exist in ${locale} for every entry type, with a label`, () => {
      const bundle = TRANSLATIONS[locale];
      const missing = TYPES.filter((t) => !Object.hasOwn(bundle.logTypes, t) || !Object.hasOwn(bundle.logDescriptions, t));
      expect(missing, `entry types without a label or description in ${locale}`).toEqual([]);
    });
  }

  const i18nReady = import("../../client/src/i18n/index.js").then((m) => m.default);
  afterAll(async () => {
    await (await i18nReady).changeLanguage("en");
  });

  for (const locale of LOCALES) {
    it(`read as whole sentences in ${locale}: every variable filled, ids and pseudonyms shown, content never`, async () => {
      const i18n = await i18nReady;
      await i18n.changeLanguage(locale);
      const pseudonyms = new Map([["p1", "V1-ABCD"]]);
      for (const type of TYPES) {
        const text = describeLogEntry(i18n.t, sample(type), pseudonyms);
        expect(text, type).toBeTypeOf("string");
        expect(text, type).not.toMatch(/\{\{|\}\}|logDescriptions/);
        expect(text, type).not.toContain(CONTENT);
      }
      const released = describeLogEntry(i18n.t, sample("fragment-released"), pseudonyms) ?? "";
      for (const shown of ["f1234567", "V1-ABCD", "Recipient Person"]) expect(released).toContain(shown);
      expect(describeLogEntry(i18n.t, sample("triage-decided"), pseudonyms)).toMatch(/e3333333.*t4444444.*2/);
      expect(describeLogEntry(i18n.t, sample("identities-expired"), pseudonyms)).toContain("V1-ABCD");
      // An unknown type (a newer server) gets no made-up description.
      expect(describeLogEntry(i18n.t, sample("from-the-future"), pseudonyms)).toBeNull();
    });
  }
});
