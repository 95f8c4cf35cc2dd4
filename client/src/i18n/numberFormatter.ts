// Quantities interpolated into a sentence ("1.234 vermeldingen", "1,234 entries") in the
// locale of the language in use. Only variables that are quantities are formatted:
// identifiers that happen to be numbers (log entry #, version n, close code, HTTP
// status) stay as they are, since "#1.234" would read as another number.
import type { FormatterModule } from "i18next";
import { isLocale, LOCALE_TAGS } from "./language";

/** Interpolation variables holding a quantity. */
export const QUANTITY_VARIABLES: ReadonlySet<string> = new Set(["count", "size", "treeSize", "entries", "earlierSize"]);

const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, lng: string | undefined): string {
  const tag = isLocale(lng) ? LOCALE_TAGS[lng] : LOCALE_TAGS.en;
  let format = numberFormats.get(tag);
  if (!format) {
    format = new Intl.NumberFormat(tag);
    numberFormats.set(tag, format);
  }
  return format.format(value);
}

export const numberFormatter: FormatterModule = {
  type: "formatter",
  init() {},
  add() {},
  addCached() {},
  // Called for every interpolation (alwaysFormat); returns everything else unchanged.
  format(value: unknown, _format, lng, options): string {
    const key: unknown = options?.["interpolationkey"];
    if (typeof value === "number" && typeof key === "string" && QUANTITY_VARIABLES.has(key)) return formatNumber(value, lng);
    return value as string; // the interpolator turns anything else into a string itself
  },
};
