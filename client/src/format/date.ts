// Dates and numbers in the locale of the language the person chose (nl-BE, en-GB), never
// the browser's default and never a hard-coded format. Formatters are read at call time,
// so a component re-rendered after a language change formats in the new locale.
import { currentLocaleTag } from "../i18n/language";

type Style = "dateTime" | "dateTimeSeconds" | "dateOnly";

const OPTIONS: Record<Style, Intl.DateTimeFormatOptions> = {
  dateTime: { dateStyle: "medium", timeStyle: "short" },
  dateTimeSeconds: { dateStyle: "short", timeStyle: "medium" },
  dateOnly: { dateStyle: "medium" },
};

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(style: Style): Intl.DateTimeFormat {
  const key = `${currentLocaleTag()}|${style}`;
  let found = cache.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(currentLocaleTag(), OPTIONS[style]);
    cache.set(key, found);
  }
  return found;
}

function parse(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatDateTime(iso: string): string {
  const d = parse(iso);
  return d ? formatter("dateTime").format(d) : iso;
}

/** For the log and delivery receipts, where seconds matter. */
export function formatPreciseTime(iso: string): string {
  const d = parse(iso);
  return d ? formatter("dateTimeSeconds").format(d) : iso;
}

export function formatDate(iso: string): string {
  const d = parse(iso);
  return d ? formatter("dateOnly").format(d) : iso;
}

/** A time given as milliseconds since the epoch (signed tree heads), with seconds. */
export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : formatter("dateTimeSeconds").format(d);
}
