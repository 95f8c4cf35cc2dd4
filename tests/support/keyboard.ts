// Keyboard checks for browser tests: where focus is and whether a sighted keyboard user
// can see it, and a sweep that Tabs through a whole screen to show that every visible
// control can be reached without a mouse, and that nothing merely looks clickable.
import type { Page } from "playwright-core";

/** What the focused element is, and whether one can see that it is focused. */
export interface FocusStop {
  testId: string | null;
  tag: string;
  id: string;
  role: string | null;
  /** Inside the open modal dialog, if there is one. */
  inDialog: boolean;
  /** Paints a visible outline or a box-shadow while focused. */
  visible: boolean;
  /** Index in the candidates of the last `markCandidates`, or -1. */
  candidate: number;
  describe: string;
}

export async function focused(page: Page): Promise<FocusStop> {
  return page.evaluate(() => {
    const el = document.activeElement;
    const marked = (window as unknown as { __tafelCandidates?: Element[] }).__tafelCandidates ?? [];
    if (!el || el === document.body) {
      return { testId: null, tag: "body", id: "", role: null, inDialog: false, visible: false, candidate: -1, describe: "body" };
    }
    // Painted: an outline that has width and a colour one can see, or a box-shadow. (The
    // app's transparent outline exists only for forced-colors mode and does not count.)
    const style = getComputedStyle(el);
    const transparent = style.outlineColor === "transparent" || /rgba\([^)]*,\s*0\)$/.test(style.outlineColor);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 && !transparent;
    const shadow = style.boxShadow !== "none" && style.boxShadow !== "";
    const dialog = document.querySelector("dialog[open]");
    const text = (el.getAttribute("aria-label") ?? el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
    const testId = el.getAttribute("data-testid");
    return {
      testId,
      tag: el.tagName.toLowerCase(),
      id: el.id,
      role: el.getAttribute("role"),
      inDialog: dialog !== null && dialog.contains(el),
      visible: outline || shadow,
      candidate: marked.indexOf(el),
      describe: `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${testId ? ` data-testid=${testId}` : ""}> "${text}"`,
    };
  });
}

/**
 * Remembers, in the page, every control a keyboard user must be able to reach now: shown,
 * enabled, in the tab order (a roving tabindex leaves the other tabs of a tablist at -1:
 * they are reached with arrow keys), and inside the modal dialog when one is open.
 * Returns a description of each, and for radio buttons their group name.
 */
async function markCandidates(page: Page): Promise<{ candidates: { describe: string; radioGroup: string | null }[]; pointerOnly: string[] }> {
  return page.evaluate(() => {
    const selector = 'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable="true"]';
    const scope = document.querySelector("dialog:modal") ?? document;
    const candidates = [...scope.querySelectorAll<HTMLElement>(selector)].filter((el) => {
      if (el.matches(":disabled") || el.tabIndex < 0) return false;
      if (el instanceof HTMLInputElement && el.type === "hidden") return false;
      if (el.closest("[inert]")) return false;
      // checkVisibility also sees content a closed <details> hides (content-visibility).
      if (!el.checkVisibility({ visibilityProperty: true })) return false;
      return true;
    });
    (window as unknown as { __tafelCandidates?: Element[] }).__tafelCandidates = candidates;
    const describe = (el: Element) =>
      `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.getAttribute("data-testid") ? ` data-testid=${el.getAttribute("data-testid")}` : ""}> "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40)}"`;
    // Looks clickable (a pointer cursor) yet is no control and sits in none: a mouse-only
    // handler, most likely, that a keyboard cannot reach.
    const pointerOnly = [...scope.querySelectorAll<HTMLElement>("body *, dialog *")]
      .filter((el) => el.closest(`${selector}, label`) === null && getComputedStyle(el).cursor === "pointer" && el.checkVisibility())
      .map(describe);
    return {
      candidates: candidates.map((el) => ({ describe: describe(el), radioGroup: el instanceof HTMLInputElement && el.type === "radio" ? el.name : null })),
      pointerOnly: [...new Set(pointerOnly)],
    };
  });
}

export interface Sweep {
  unreached: string[];
  /** Elements with a pointer cursor that are not controls (nor inside one). */
  pointerOnly: string[];
  invisible: string[];
  /** Every stop in order, to see where Tab went instead. */
  trail: string[];
}

/**
 * Tabs through the screen from wherever focus is, once around and a little more, and
 * reports the controls never reached and the stops where focus could not be seen. A radio
 * group counts as reached when one of its buttons is (arrow keys move within it).
 */
export async function sweepWithTab(page: Page): Promise<Sweep> {
  const { candidates, pointerOnly } = await markCandidates(page);
  const reached = new Set<number>();
  const invisible = new Set<string>();
  const trail: string[] = [];
  const presses = candidates.length + 12;
  for (let i = 0; i < presses && reached.size < candidates.length; i += 1) {
    await page.keyboard.press("Tab");
    const stop = await focused(page);
    trail.push(stop.describe);
    if (stop.tag === "body") continue;
    if (stop.candidate >= 0) reached.add(stop.candidate);
    if (!stop.visible) invisible.add(stop.describe);
  }
  const groupsReached = new Set([...reached].map((i) => candidates[i]?.radioGroup).filter((g): g is string => Boolean(g)));
  const unreached = candidates
    .filter((c, i) => !reached.has(i) && !(c.radioGroup && groupsReached.has(c.radioGroup)))
    .map((c) => c.describe);
  return { unreached, pointerOnly, invisible: [...invisible], trail };
}

/** Fails with the list of controls Tab never reached and focus stops one cannot see. */
export async function expectKeyboardReachable(page: Page, screenName: string): Promise<void> {
  const { unreached, pointerOnly, invisible, trail } = await sweepWithTab(page);
  if (unreached.length === 0 && pointerOnly.length === 0 && invisible.length === 0) return;
  const lines = [`keyboard problems on "${screenName}":`];
  if (unreached.length > 0) lines.push(`  never reached with Tab (${unreached.length}):`, ...unreached.map((d) => `    ${d}`));
  if (pointerOnly.length > 0) lines.push(`  look clickable but are no control (${pointerOnly.length}):`, ...pointerOnly.map((d) => `    ${d}`));
  if (invisible.length > 0) lines.push(`  focused without a visible indicator (${invisible.length}):`, ...invisible.map((d) => `    ${d}`));
  if (unreached.length > 0) lines.push(`  where Tab went: ${trail.join(" → ")}`);
  throw new Error(lines.join("\n"));
}
