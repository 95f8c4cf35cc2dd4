// Reflow (WCAG 1.4.10): at 320 CSS px wide, what a 1280 px window shows at 400% zoom, a
// screen must not need sideways scrolling. Data tables and the tab strip may scroll
// inside their own box; the page itself may not.
import type { Page } from "playwright-core";

export const REFLOW_WIDTH = 320;

/** Narrows the page to 320 px, measures, and puts the size back. */
export async function expectReflow(page: Page, screenName: string): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: REFLOW_WIDTH, height: 640 });
  try {
    const result = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const overflow = document.documentElement.scrollWidth - width;
      // Inside a box that scrolls or clips (a data table's, the tab strip) is allowed. An
      // absolutely placed element (a visually hidden caption, say) is clipped only by a box
      // around its containing block, not by every box it sits in.
      const clipped = (el: HTMLElement) => {
        const position = getComputedStyle(el).position;
        if (position === "fixed") return false;
        const start = position === "absolute" ? el.offsetParent : el.parentElement;
        for (let a = start; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== "visible") return true;
        return false;
      };
      // Beyond the edge, or (a long word) text wider than its own box: the box stays put,
      // only its text sticks out, so its rectangle alone would not show it.
      const beyond = [...document.querySelectorAll<HTMLElement>("body *")].filter(
        (el) => el.getBoundingClientRect().right > width + 1 || (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === "visible"),
      );
      // Shown and unclipped first; if none, all of them (the overflow came from somewhere).
      const shown = beyond.filter((el) => el.checkVisibility() && !clipped(el));
      const culprits = (shown.length > 0 ? shown : beyond)
        // The innermost ones: an element is a culprit only if none of its children is.
        .filter((el, _, all) => !all.some((other) => other !== el && el.contains(other)))
        .slice(0, 10)
        .map((el) => `<${el.tagName.toLowerCase()} class="${el.className}"> "${(el.textContent ?? "").trim().slice(0, 30)}" ends at ${Math.round(el.getBoundingClientRect().right)} px, content ${el.scrollWidth} px wide`);
      return { overflow, culprits };
    });
    if (result.overflow > 1) {
      throw new Error(`"${screenName}" scrolls sideways at ${REFLOW_WIDTH} px by ${result.overflow} px:\n  ${result.culprits.join("\n  ")}`);
    }
  } finally {
    if (before) await page.setViewportSize(before);
  }
}
