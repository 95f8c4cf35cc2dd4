// Dates in the reader's own locale (the browser's), never a hard-coded format.
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const dateTimeSeconds = new Intl.DateTimeFormat(undefined, { dateStyle: "short", timeStyle: "medium" });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

function parse(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatDateTime(iso: string): string {
  const d = parse(iso);
  return d ? dateTime.format(d) : iso;
}

/** For the log and delivery receipts, where seconds matter. */
export function formatPreciseTime(iso: string): string {
  const d = parse(iso);
  return d ? dateTimeSeconds.format(d) : iso;
}

export function formatDate(iso: string): string {
  const d = parse(iso);
  return d ? dateOnly.format(d) : iso;
}

/** A time given as milliseconds since the epoch (signed tree heads), with seconds. */
export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : dateTimeSeconds.format(d);
}
