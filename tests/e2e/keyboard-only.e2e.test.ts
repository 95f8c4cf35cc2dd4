// A participant releases a draft to one recipient, and the recipient opens it, using
// only the keyboard: Tab, Shift+Tab, Enter, Space, arrow keys and Escape. No clicks and
// no programmatic focus after the first page load. Every stop on the way shows where
// focus is; the release dialog keeps focus inside while open and gives it back to the
// button that opened it.
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { AuthoredFragmentView } from "../../shared/types.js";
import { launchBrowser } from "../support/browser.js";
import { ensureClientBuilt } from "../support/client.js";
import { focused, type FocusStop } from "../support/keyboard.js";
import { buildWorld, canary, PASSWORD, type Member, type World } from "../support/factories.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

let server: TestServer;
let browser: Browser;
let world: World;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  await ensureClientBuilt();
  server = await startServer();
  world = await buildWorld(server, 2);
  browser = await launchBrowser();
  mkdirSync("test-results", { recursive: true });
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
  if (server) await removeDir(server.dataDir);
});

/** Every focus stop so far, to assert each was visible. */
type Trail = FocusStop[];

async function press(page: Page, trail: Trail, key: string): Promise<FocusStop> {
  await page.keyboard.press(key);
  const stop = await focused(page);
  if (stop.tag !== "body") trail.push(stop);
  return stop;
}

/** Presses Tab (or Shift+Tab) until the focused element is the one wanted; fails after `max` stops. */
async function tabTo(page: Page, trail: Trail, wanted: (stop: FocusStop) => boolean, what: string, options: { back?: boolean; max?: number } = {}): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < (options.max ?? 60); i += 1) {
    const stop = await press(page, trail, options.back ? "Shift+Tab" : "Tab");
    if (wanted(stop)) return;
    seen.push(stop.describe);
  }
  throw new Error(`keyboard focus never reached ${what}; stops: ${seen.join(" → ")}`);
}

const byTestId = (id: string) => (stop: FocusStop) => stop.testId === id;

function expectAllVisible(trail: Trail): void {
  const invisible = trail.filter((s) => !s.visible).map((s) => s.describe);
  expect(invisible, "focus stops without a visible focus indicator").toEqual([]);
}

async function signInByKeyboard(member: Member, trail: Trail): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByTestId("signin-username").waitFor({ timeout: 10_000 });
  // The first stop is the skip link, and it comes into view when focused.
  const first = await press(page, trail, "Tab");
  expect(first.describe).toContain("Skip to content");
  expect(await page.evaluate(() => document.activeElement?.getBoundingClientRect().top ?? -1)).toBeGreaterThanOrEqual(0);
  await tabTo(page, trail, byTestId("signin-username"), "the username field");
  await page.keyboard.type(member.username);
  await press(page, trail, "Tab");
  expect((await focused(page)).testId).toBe("signin-password");
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");
  await page.getByTestId(`table-link-${world.table.caseCode}`).waitFor({ timeout: 10_000 });
  await tabTo(page, trail, byTestId(`table-link-${world.table.caseCode}`), "the table's link");
  await page.keyboard.press("Enter");
  await page.getByTestId("table-case-code").waitFor({ timeout: 10_000 });
  await expect.poll(() => page.getByTestId("connection-status").getAttribute("data-state"), { timeout: 10_000 }).toBe("live");
  return page;
}

describe("keyboard only", () => {
  it("a participant releases a draft to one recipient and the recipient opens it, without a mouse", async () => {
    const [alice, bob] = world.members as [Member, Member];
    const authorTrail: Trail = [];
    const recipientTrail: Trail = [];
    const author = await signInByKeyboard(alice, authorTrail);
    const recipient = await signInByKeyboard(bob, recipientTrail);

    // The author writes a draft: Tab to the form, type, Enter submits.
    const secret = canary();
    const title = `Keyboard plan ${secret.slice(7, 13)}`;
    await tabTo(author, authorTrail, byTestId("draft-new-title"), "the new draft's title");
    await author.keyboard.type(title);
    await press(author, authorTrail, "Tab");
    expect((await focused(author)).testId).toBe("draft-new-body");
    await author.keyboard.type(`Only for the police: ${secret}.`);
    await tabTo(author, authorTrail, byTestId("draft-new-submit"), "the save button");
    await author.keyboard.press("Enter");
    await author.getByTestId(`draft-release-${title}`).waitFor({ timeout: 10_000 });

    // Shift+Tab back to the new draft's Release button and open the dialog with Enter.
    const trigger = `draft-release-${title}`;
    await tabTo(author, authorTrail, byTestId(trigger), "the draft's release button", { back: true });
    await author.keyboard.press("Enter");
    await author.getByTestId("release-dialog").waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await focused(author)).inDialog, { timeout: 5_000 }).toBe(true);

    // Escape closes it and gives focus back to the button that opened it.
    await author.keyboard.press("Escape");
    await author.getByTestId("release-dialog").waitFor({ state: "detached", timeout: 10_000 });
    expect((await focused(author)).testId).toBe(trigger);

    // Opened again (Space this time): Tab and Shift+Tab stay inside the dialog however far one goes.
    await author.keyboard.press("Space");
    await author.getByTestId("release-dialog").waitFor({ timeout: 10_000 });
    const dialogStops = new Set<string>();
    for (let i = 0; i < 40; i += 1) {
      const stop = await press(author, authorTrail, i < 20 ? "Tab" : "Shift+Tab");
      // Chromium lets Tab leave a modal dialog only for the browser's own toolbar, which a
      // headless page does not have: "body" would mean focus escaped into the page behind.
      expect(stop.inDialog, `Tab #${i + 1} left the dialog: ${stop.describe}`).toBe(true);
      dialogStops.add(stop.describe);
    }
    expect(dialogStops.size).toBeGreaterThan(5);

    // Fill it in: category with arrow keys, the recipient and the person with Space, the reason typed.
    await tabTo(author, authorTrail, byTestId("release-category"), "the category");
    for (let i = 0; i < 20 && (await author.getByTestId("release-category").inputValue()) !== "risk-assessment"; i += 1) {
      await author.keyboard.press("ArrowDown");
    }
    expect(await author.getByTestId("release-category").inputValue()).toBe("risk-assessment");
    const recipientBox = author.getByTestId(`release-recipient-${bob.account.id}`);
    await recipientBox.waitFor({ timeout: 10_000 });
    await tabTo(author, authorTrail, byTestId(`release-recipient-${bob.account.id}`), "the recipient's checkbox");
    await author.keyboard.press("Space");
    expect(await recipientBox.isChecked()).toBe(true);
    await author.screenshot({ path: "test-results/keyboard-release-dialog.png" });
    const person = world.table.personsConcerned[0]?.id ?? "";
    await tabTo(author, authorTrail, byTestId(`release-person-${person}`), "the person concerned");
    await author.keyboard.press("Space");
    expect(await author.getByTestId(`release-person-${person}`).isChecked()).toBe(true);
    await tabTo(author, authorTrail, byTestId("release-justification"), "the justification");
    await author.keyboard.type("The police need this to plan the visit safely.");
    await tabTo(author, authorTrail, byTestId("release-submit"), "the release button");
    await author.keyboard.press("Enter");
    await author.getByTestId("release-dialog").waitFor({ state: "detached", timeout: 10_000 });
    // The draft (and its button) leave the list once it reloads: focus then lands on the
    // drafts tab, not lost on <body>.
    await author.getByTestId(trigger).waitFor({ state: "detached", timeout: 10_000 });
    await expect.poll(async () => (await focused(author)).describe, { timeout: 5_000 }).toContain("table-tab-drafts");

    // The recipient: from the current tab, arrow keys move along the tabs to "Received".
    await tabTo(recipient, recipientTrail, (s) => s.role === "tab", "the table's tabs");
    const tabs: string[] = [];
    for (let i = 0; i < 10 && (await focused(recipient)).testId !== "tab-received"; i += 1) {
      const stop = await press(recipient, recipientTrail, "ArrowRight");
      tabs.push(stop.testId ?? stop.describe);
    }
    expect((await focused(recipient)).testId).toBe("tab-received");
    // Tabs follow focus: the panel is shown without Enter, and focus moves into it with Tab.
    const card = recipient.locator('article[data-testid^="received-"]').filter({ hasText: secret });
    await card.waitFor({ timeout: 10_000 });
    await tabTo(recipient, recipientTrail, (s) => (s.testId ?? "").startsWith("received-ref-"), "the received fragment's action");
    expect(await card.textContent()).toContain(alice.account.name);

    // The author sees that it was opened.
    const released = async () => (await alice.client.ok<AuthoredFragmentView[]>("GET", `/api/tables/${world.table.id}/fragments/released`))[0];
    await expect.poll(async () => (await released())?.recipients[0]?.openedAt, { timeout: 10_000 }).toBeTruthy();
    expect((await released())?.recipients.map((r) => r.recipient.id)).toEqual([bob.account.id]);

    await author.screenshot({ path: "test-results/keyboard-author.png" });
    await recipient.screenshot({ path: "test-results/keyboard-recipient.png" });
    expectAllVisible(authorTrail);
    expectAllVisible(recipientTrail);
  }, 120_000);
});
