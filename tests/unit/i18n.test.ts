// Every language says everything: the same keys as English (deep), nothing empty, the
// same {{variables}} in each translation of a key, every plural form the language needs,
// and no string left in English. And no visible string in the components bypasses t().
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "../../shared/schemas.js";
import { REFUSALS } from "../../shared/protocol.js";
import { en } from "../../client/src/i18n/en.js";
import { TRANSLATIONS } from "../../client/src/i18n/resources.js";
import { formatNumber } from "../../client/src/i18n/numberFormatter.js";
import { browserLanguage } from "../../client/src/i18n/language.js";
import { nl } from "../../client/src/i18n/nl.js";
import type { TranslationResources } from "../../client/src/i18n/translation.js";

type Tree = { readonly [key: string]: string | Tree };

/** Every leaf as "a.b.c" → string. */
function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
/** The key without its i18next plural suffix ("log.size_one" → "log.size"). */
const base = (key: string) => key.replace(PLURAL_SUFFIX, "");
/** {{name}} or {{count, number}} → "name" / "count". */
const variables = (s: string) => new Set([...s.matchAll(/\{\{\s*([^},\s]+)[^}]*\}\}/g)].map((m) => m[1]));

/**
 * Strings that are rightly the same in Dutch and English: names, symbols, and words
 * Dutch shares with English. Anything else identical is an untranslated string.
 */
const SAME_IN_EVERY_LANGUAGE = new Set([
  "Tafel",
  "Tafel (server)",
  "Accounts",
  "Sector",
  "Status",
  "Fragment",
  "open",
  "via {{channel}}",
  "Art. {{article}}",
]);
/** A string with no letters outside its {{variables}} (e.g. "{{name}}, {{date}}", "—"). */
const lettersOutsideVariables = (s: string) => /\p{L}/u.test(s.replace(/\{\{[^}]*\}\}/g, "").replace(/\b(v|SHA-256|Ed25519|HTTP|JSON|CSV|PDF)\b/g, ""));

// The type is the first line of defence; `tsc` fails here if it ever stops refusing.
// @ts-expect-error a translation missing a key does not compile
export const missingKey: TranslationResources = { ...nl, app: { name: "Tafel", tagline: "x", skipToContent: "x", loading: "x" } };
// @ts-expect-error a translation with a key English does not have does not compile
export const extraKey: TranslationResources = { ...nl, app: { ...nl.app, unheardOf: "x" } };
// @ts-expect-error a translation must be a string, not a nested group
export const wrongShape: TranslationResources = { ...nl, app: { ...nl.app, name: { nested: "x" } } };

const english = flatten(en);
const others = LOCALES.filter((l) => l !== "en");

describe("translations", () => {
  it("exist for at least Dutch", () => {
    expect(others).toContain("nl");
  });

  for (const locale of LOCALES) {
    const strings = flatten(TRANSLATIONS[locale]);

    describe(locale, () => {
      it("has exactly the keys English has (deep), apart from plural forms", () => {
        const mine = new Set([...strings.keys()].map(base));
        const theirs = new Set([...english.keys()].map(base));
        expect([...theirs].filter((k) => !mine.has(k)), "missing").toEqual([]);
        expect([...mine].filter((k) => !theirs.has(k)), "extra").toEqual([]);
      });

      it("has no empty string", () => {
        expect([...strings].filter(([, v]) => v.trim() === "").map(([k]) => k)).toEqual([]);
      });

      it("uses the same {{variables}} as English in each key", () => {
        const bad: string[] = [];
        for (const [key, value] of strings) {
          const source = english.get(key) ?? english.get(`${base(key)}_other`);
          if (source === undefined) continue; // a plural form English lacks: checked below
          const want = [...variables(source)].sort().join(",");
          const got = [...variables(value)].sort().join(",");
          if (want !== got) bad.push(`${key}: {${want}} ≠ {${got}}`);
        }
        expect(bad).toEqual([]);
      });

      it("has every plural form its language needs, for each counted key", () => {
        const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
        const plural = new Set([...english.keys()].filter((k) => PLURAL_SUFFIX.test(k)).map(base));
        const missing: string[] = [];
        for (const key of plural) {
          for (const category of categories) if (!strings.has(`${key}_${category}`)) missing.push(`${key}_${category}`);
          // i18next's _zero is used for a count of 0 in any language: keep it where English has it.
          if (english.has(`${key}_zero`) && !strings.has(`${key}_zero`)) missing.push(`${key}_zero`);
        }
        expect(missing).toEqual([]);
      });
    });
  }

  for (const locale of others) {
    it(`${locale}: no string is left in English`, () => {
      const strings = flatten(TRANSLATIONS[locale]);
      const untranslated = [...strings]
        .filter(([key, value]) => english.get(key) === value)
        .filter(([, value]) => lettersOutsideVariables(value) && !SAME_IN_EVERY_LANGUAGE.has(value))
        .map(([key, value]) => `${key}: ${value}`);
      expect(untranslated).toEqual([]);
    });
  }
});

describe("the language a browser gets before anyone chooses", () => {
  it("is Dutch when the browser prefers Dutch (Belgian or not), else English", () => {
    expect(browserLanguage(["nl-BE", "en"])).toBe("nl");
    expect(browserLanguage(["nl"])).toBe("nl");
    expect(browserLanguage(["NL-nl"])).toBe("nl");
    expect(browserLanguage(["en-US", "nl-BE"])).toBe("en");
    expect(browserLanguage(["de-DE"])).toBe("en");
    expect(browserLanguage([])).toBe("en");
  });
});

describe("numbers", () => {
  it("follow the language: a Dutch thousands dot, an English comma", () => {
    expect(formatNumber(12345, "nl")).toBe("12.345");
    expect(formatNumber(12345, "en")).toBe("12,345");
    expect(formatNumber(12345, "xx")).toBe("12,345");
  });
});

// ---- no visible string outside t() ----------------------------------------------------

const CLIENT = join(import.meta.dirname, "../../client/src");

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsxFiles(path);
    return path.endsWith(".tsx") ? [path] : [];
  });
}

/** Literal text that is not language: symbols, separators, a product name. file:text. */
const LITERAL_ALLOWED = new Set<string>([
  // Glyphs on the bold and italic buttons; their names come from t("collab.bold"/"italic").
  "components/EditorToolbar.tsx:B",
  "components/EditorToolbar.tsx:I",
]);

/** Text between JSX tags on one line (`>Save<`), or a label-like attribute with a literal. */
function literals(source: string): string[] {
  const found: string[] = [];
  // Strip comments, so prose in them does not count.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
  for (const m of code.matchAll(/(?<![=-])>([^<>{}]*?\p{L}[^<>{}]*?)(?=<|\{)/gu)) {
    const text = (m[1] ?? "").trim();
    // TypeScript, not JSX: generics and type arrows end up here too.
    if (/^[\w$.]+\s*(\(|=|\)|,|;|\||&|\[)/.test(text) || /^(as|extends|satisfies|=>|\|\||&&)\b/.test(text)) continue;
    if (/^[)\];,:|&?]/.test(text) || /=>|[(=`]|\$\{/.test(text)) continue;
    if (text) found.push(text);
  }
  for (const m of code.matchAll(/\b(aria-label|aria-description|aria-roledescription|placeholder|title|alt|label)="([^"]*\p{L}[^"]*)"/gu)) {
    found.push(`${m[1]}="${m[2]}"`);
  }
  return found;
}

describe("components", () => {
  it("show no literal text: every visible string and label comes from t()", () => {
    const offending: string[] = [];
    for (const file of tsxFiles(CLIENT)) {
      const name = relative(CLIENT, file);
      for (const text of literals(readFileSync(file, "utf8"))) {
        if (!LITERAL_ALLOWED.has(`${name}:${text}`)) offending.push(`${name}: ${text}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it("the scan finds literal text when there is some (the test can fail)", () => {
    expect(literals(`<button aria-label="Close">Save</button>`)).toEqual(["Save", 'aria-label="Close"']);
    expect(literals(`<p>\n  Nothing here yet.\n</p>`)).toEqual(["Nothing here yet."]);
    expect(literals(`<p>{t("a.b")}</p>`)).toEqual([]);
    expect(literals(`const x = useState<Foo>(null);`)).toEqual([]);
  });
});

describe("the server's errors in the person's language", () => {
  it("have a sentence for every refusal of the live connection", () => {
    expect(Object.values(REFUSALS).filter((r) => !Object.hasOwn(en.refusals, r))).toEqual([]);
  });

  it("show a refusal of the live connection in Dutch, and the server's sentence in English", async () => {
    const { default: i18n } = await import("../../client/src/i18n/index.js");
    const { localiseRefusal } = await import("../../client/src/format/apiError.js");
    await i18n.changeLanguage("nl");
    try {
      expect(localiseRefusal("removed", "You were removed.")).toBe("U werd van deze tafel verwijderd.");
      expect(localiseRefusal("not-yet-invented", "Something new.")).toBe("Something new.");
    } finally {
      await i18n.changeLanguage("en");
    }
    expect(localiseRefusal("removed", "You were removed.")).toBe("You were removed.");
  });

  it("stay the server's exact sentence in English", async () => {
    const { default: i18n } = await import("../../client/src/i18n/index.js");
    const { localiseApiError, localiseFieldMessage } = await import("../../client/src/format/apiError.js");
    await i18n.changeLanguage("en");
    expect(localiseApiError({ code: "not-signed-in", message: "Wrong username or password." })).toBe("Wrong username or password.");
    expect(localiseFieldMessage("must be at most 200 characters")).toBe("must be at most 200 characters");
  });

  it("become Dutch per known code, keeping the specific reason as detail, and the server's sentence for an unknown code", async () => {
    const { default: i18n } = await import("../../client/src/i18n/index.js");
    const { localiseApiError, localiseFieldMessage } = await import("../../client/src/format/apiError.js");
    await i18n.changeLanguage("nl");
    try {
      expect(localiseApiError({ code: "not-signed-in", message: "Wrong username or password." })).toBe(
        "U bent niet aangemeld, of de gebruikersnaam of het wachtwoord klopt niet.",
      );
      const forbidden = localiseApiError({ code: "forbidden", message: "Article 3 does not allow police." });
      expect(forbidden).toContain("U mag dit niet doen.");
      expect(forbidden).toContain("Article 3 does not allow police.");
      const unknown = { code: "brand-new-code", message: "Something new." } as unknown as Parameters<typeof localiseApiError>[0];
      expect(localiseApiError(unknown)).toBe("Something new.");
      expect(localiseFieldMessage("must be at most 1200 characters")).toBe("mag hoogstens 1200 tekens lang zijn");
      expect(localiseFieldMessage("must not be empty")).toBe("mag niet leeg zijn");
      expect(localiseFieldMessage("some rule Tafel does not know yet")).toBe("some rule Tafel does not know yet");
    } finally {
      await i18n.changeLanguage("en");
    }
  });

  it("format counts in the sentence in the language's locale, identifiers not", async () => {
    const { default: i18n } = await import("../../client/src/i18n/index.js");
    await i18n.changeLanguage("nl");
    try {
      expect(i18n.t("log.size", { count: 12345 })).toBe("12.345 vermeldingen");
      expect(i18n.t("log.size", { count: 1 })).toBe("1 vermelding");
      expect(i18n.t("collab.close.unknown", { code: 4001 })).toBe("de verbinding werd gesloten (code 4001)");
    } finally {
      await i18n.changeLanguage("en");
    }
    expect(i18n.t("log.size", { count: 12345 })).toBe("12,345 entries");
  });
});
