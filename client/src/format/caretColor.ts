// Carets and selections of the people editing with me. The colour travels in awareness
// (the only field the server keeps from the client); the screen shows it through a
// class from a fixed palette, never through an inline style.
export const CARET_COLORS = ["#3451b2", "#b42318", "#1f7a4d", "#8a5a00", "#7e3fb2", "#0e7490", "#be185d", "#4b5563"] as const;

/** A stable colour per account, so a person keeps their colour across devices. */
export function caretColorFor(accountId: string): string {
  let h = 0;
  for (let i = 0; i < accountId.length; i += 1) h = (h * 31 + accountId.charCodeAt(i)) >>> 0;
  return CARET_COLORS[h % CARET_COLORS.length] ?? CARET_COLORS[0];
}

/** The palette class for a colour someone announced (unknown colours get a neutral one). */
export function caretClass(color: unknown): string {
  const i = typeof color === "string" ? CARET_COLORS.indexOf(color.toLowerCase() as (typeof CARET_COLORS)[number]) : -1;
  return i < 0 ? "caret-color-x" : `caret-color-${i}`;
}
