// The accessibility gates themselves: on pages with planted faults, the axe check and
// the keyboard sweep fail and name each fault, so a clean result on Tafel's screens
// means something. The axe page carries a CSP like Tafel's, to show axe runs under it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { expectNoSeriousViolations, seriousViolations } from "../support/axe.js";
import { launchBrowser } from "../support/browser.js";
import { expectKeyboardReachable, sweepWithTab } from "../support/keyboard.js";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

const FAULTY = `<!doctype html><html lang="en"><head><title>Faults</title>
<meta http-equiv="Content-Security-Policy" content="script-src 'self'">
<style>.faint { color: #bbb; background: #fff }</style></head>
<body><main><h1>Planted faults</h1>
<button id="nameless"></button>
<input id="unlabelled" type="text">
<p class="faint">Faint text nobody can read</p>
<div role="tab" id="orphan-tab">A tab outside a tablist</div>
</main></body></html>`;

describe("the axe check", () => {
  it("fails on serious and critical faults and names rule, impact, element and help", async () => {
    const page = await browser.newPage();
    await page.setContent(FAULTY);
    const rules = (await seriousViolations(page)).map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(["button-name", "label", "color-contrast", "aria-required-parent"]));

    const error = await expectNoSeriousViolations(page, "planted faults").then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('on "planted faults"');
    expect(message).toMatch(/- button-name \(critical\): Buttons must have discernible text/);
    expect(message).toContain("#nameless");
    expect(message).toContain("#unlabelled");
    expect(message).toContain("https://dequeuniversity.com/rules/axe/");
    await page.close();
  }, 60_000);

  it("passes a page without such faults", async () => {
    const page = await browser.newPage();
    await page.setContent(`<!doctype html><html lang="en"><head><title>Fine</title></head><body><main><h1>Fine</h1>
      <label for="name">Name</label><input id="name"><button type="button">Save</button></main></body></html>`);
    await expectNoSeriousViolations(page, "a fine page");
    await page.close();
  }, 60_000);
});

const KEYBOARD_FAULTS = `<!doctype html><html lang="en"><head><title>Keyboard faults</title><style>
  button:focus-visible { outline: 2px solid #3451b2 }
  #ringless:focus-visible { outline: none; box-shadow: none }
  .clickable { cursor: pointer }
</style></head>
<body><main><h1>Keyboard faults</h1>
<button id="fine">Fine</button>
<button id="ringless">No ring</button>
<span class="clickable" id="mouse-only">Open (mouse only)</span>
<button id="skipped" tabindex="-1">Out of the tab order</button>
<details><summary>More</summary><button id="inside-closed">Hidden until opened</button></details>
<fieldset><legend>Level</legend><label><input type="radio" name="level" value="low">Low</label><label><input type="radio" name="level" value="high">High</label></fieldset>
</main></body></html>`;

describe("the keyboard sweep", () => {
  it("names a control without a visible focus and an element that only looks clickable", async () => {
    const page = await browser.newPage();
    await page.setContent(KEYBOARD_FAULTS);
    const sweep = await sweepWithTab(page);
    expect(sweep.invisible.join("\n")).toContain("#ringless");
    expect(sweep.invisible.join("\n")).not.toContain("#fine");
    expect(sweep.pointerOnly.join("\n")).toContain("#mouse-only");
    // Left alone: a control taken out of the tab order on purpose (a roving tabindex),
    // one a closed <details> hides, and the second radio of a group (arrow keys reach it).
    expect(sweep.unreached).toEqual([]);
    const error = await expectKeyboardReachable(page, "planted").then(() => null, (e: unknown) => e);
    expect((error as Error).message).toContain('keyboard problems on "planted"');
    await page.close();
  }, 60_000);

  it("names a control Tab never reaches", async () => {
    const page = await browser.newPage();
    // A focus trap: the first field sends focus back to itself on Tab.
    await page.setContent(`<!doctype html><html lang="en"><head><title>Trap</title></head><body><main><h1>Trap</h1>
      <label>Name <input id="trap"></label><button id="beyond">Save</button></main></body></html>`);
    await page.evaluate(() => {
      const trap = document.getElementById("trap");
      trap?.addEventListener("keydown", (e) => { if (e.key === "Tab") e.preventDefault(); });
      trap?.focus();
    });
    const sweep = await sweepWithTab(page);
    expect(sweep.unreached.join("\n")).toContain("#beyond");
    await page.close();
  }, 60_000);
});
