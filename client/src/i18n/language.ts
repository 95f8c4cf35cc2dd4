// Which language the interface speaks, and the locale dates and numbers follow.
// Order of precedence: the signed-in account's choice (server), else a choice made in
// this browser before signing in, else the browser's first preference when Tafel
// speaks it (Flemish users get Dutch), else English.
import i18n from "i18next";
import { LOCALES, type Locale } from "../../../shared/schemas";

/** BCP 47 tags for Intl: Belgian Dutch, British English (day before month, 24 h). */
export const LOCALE_TAGS: Record<Locale, string> = { en: "en-GB", nl: "nl-BE" };

/** Each language named in itself, so a person finds theirs whatever is shown now. */
export const ENDONYMS: Record<Locale, string> = { en: "English", nl: "Nederlands" };

const STORAGE_KEY = "tafel.language";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

function browserPreferences(): readonly string[] {
  if (typeof navigator === "undefined") return []; // not in a browser (unit tests)
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/** The browser's first preferred language if Tafel speaks it, else English. */
export function browserLanguage(preferred: readonly string[] = browserPreferences()): Locale {
  const first = (preferred[0] ?? "").toLowerCase().split("-")[0];
  return isLocale(first) ? first : "en";
}

/** A choice made in this browser (sign-in page, or the last signed-in account's). */
export function storedLanguage(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null; // storage disabled: the browser preference decides
  }
}

export function storeLanguage(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}

export function initialLanguage(): Locale {
  return storedLanguage() ?? browserLanguage();
}

/** The language in use now. */
export function currentLanguage(): Locale {
  return isLocale(i18n.language) ? i18n.language : "en";
}

/** The Intl locale of the language in use now. */
export function currentLocaleTag(): string {
  return LOCALE_TAGS[currentLanguage()];
}

/** Switches the interface; every component using `t` re-renders, and so its dates. */
export function applyLanguage(locale: Locale): void {
  document.documentElement.lang = LOCALE_TAGS[locale];
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
}
