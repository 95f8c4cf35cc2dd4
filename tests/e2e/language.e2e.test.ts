// A person switches the interface to Dutch: the header, the tabs and the buttons speak
// Dutch at once, dates are in Belgian Dutch, and the choice survives a reload and a new
// sign-in in a browser that prefers English. Someone else at the same table still sees
// English. A choice made on the sign-in page is kept on the account; a browser that
// prefers Dutch starts in Dutch; the server's errors are shown in Dutch.
import { mkdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectNoSeriousViolations } from "../support/axe.js";
import type { Member } from "../support/factories.js";
import { signInAs, useBrowserWorld } from "../support/browserWorld.js";

const env = useBrowserWorld(3);

/** "4 dec 2026" (nl-BE) and "4 Dec 2026" (en-GB): the month decides. */
const DUTCH_DATE = /(?<!\d)\d{1,2} (jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)\.? \d{4}\b/;
const ENGLISH_DATE = /(?<!\d)\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec) \d{4}\b/;

async function newPage(locale = "en-US"): Promise<Page> {
  return env.newPage({ locale });
}

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? "").trim();
/** Loaded machines: a re-render or a navigation may take seconds. */
const POLL = { timeout: 15_000 };
const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

describe("the language of the interface", () => {
  it("switches to Dutch from the header, by keyboard, and stays Dutch after reload and a new sign-in", async () => {
    const [ann] = env.world.members as [Member];
    const page = await newPage();
    await page.goto(env.server.url);
    await signInAs(page, ann);
    // A browser that prefers English and an account without a choice: English.
    expect(await text(page, "nav-tables")).toBe("My tables");
    expect(await htmlLang(page)).toBe("en-GB");
    expect(await page.getByTestId("tables-list").textContent()).toMatch(ENGLISH_DATE);

    // Keyboard only: focus the Dutch option and press Enter.
    const dutch = page.getByTestId("language-nl");
    expect(await dutch.getAttribute("lang")).toBe("nl-BE");
    expect(await dutch.getAttribute("aria-pressed")).toBe("false");
    await dutch.focus();
    await page.keyboard.press("Enter");

    await expect.poll(() => text(page, "nav-tables"), POLL).toBe("Mijn tafels");
    expect(await dutch.getAttribute("aria-pressed")).toBe("true");
    expect(await text(page, "nav-signout")).toBe("Afmelden");
    expect(await htmlLang(page)).toBe("nl-BE");
    // The date on screen was formatted again, in Belgian Dutch.
    const list = (await page.getByTestId("tables-list").textContent()) ?? "";
    expect(list).toMatch(DUTCH_DATE);
    expect(list).not.toMatch(ENGLISH_DATE);

    // At the table: tabs and buttons in Dutch.
    await page.getByTestId(`table-link-${env.world.table.caseCode}`).click();
    expect(await text(page, "tab-participants")).toBe("Deelnemers");
    expect(await text(page, "tab-log")).toBe("Logboek");
    await page.getByTestId("tab-log").click();
    await expect.poll(async () => (await page.getByTestId("log-table").textContent()) ?? "", POLL).toContain("Tafel geopend");
    expect(await page.getByRole("columnheader", { name: "Gebeurtenis" }).count()).toBe(1);
    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/language-dutch-log.png" });
    await expectNoSeriousViolations(page, "the log tab in Dutch");

    // The choice survives a reload…
    await page.reload();
    await page.getByTestId("nav-user").waitFor();
    expect(await text(page, "nav-tables")).toBe("Mijn tafels");
    expect(await text(page, "tab-participants")).toBe("Deelnemers");

    // …and a new sign-in in another browser that prefers English (kept on the account).
    const elsewhere = await newPage("en-US");
    await elsewhere.goto(env.server.url);
    expect(await elsewhere.getByRole("heading", { level: 1 }).textContent()).toBe("Sign in to Tafel");
    await signInAs(elsewhere, ann);
    await expect.poll(() => text(elsewhere, "nav-tables"), POLL).toBe("Mijn tafels");
    expect(await htmlLang(elsewhere)).toBe("nl-BE");
    expect(await elsewhere.getByTestId("tables-list").textContent()).toMatch(DUTCH_DATE);
  }, 150_000);

  it("stays English for another person at the same table", async () => {
    const page = await newPage();
    await page.goto(env.server.url);
    await signInAs(page, env.world.chair);
    expect(await text(page, "nav-tables")).toBe("My tables");
    expect(await page.getByTestId("tables-list").textContent()).toMatch(ENGLISH_DATE);
    await page.getByTestId(`table-link-${env.world.table.caseCode}`).click();
    expect(await text(page, "tab-participants")).toBe("Participants");
    expect(await text(page, "tab-log")).toBe("Log");
    expect(await htmlLang(page)).toBe("en-GB");
  }, 120_000);

  it("keeps a choice made on the sign-in page on the account, and shows the server's errors in Dutch", async () => {
    const [, bea] = env.world.members as [Member, Member];
    const page = await newPage();
    await page.goto(env.server.url);
    await page.getByTestId("language-nl").click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), POLL).toBe("Aanmelden bij Tafel");
    expect(await htmlLang(page)).toBe("nl-BE");
    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/language-dutch-sign-in.png" });
    await expectNoSeriousViolations(page, "the sign-in page in Dutch");

    // A wrong password: the server's English sentence becomes Dutch.
    await page.getByTestId("signin-username").fill(bea.username);
    await page.getByTestId("signin-password").fill("not the password at all");
    await page.getByTestId("signin-submit").click();
    const alert = page.getByRole("alert").filter({ hasText: "gebruikersnaam of het wachtwoord klopt niet" });
    await alert.waitFor();
    expect(await alert.textContent()).not.toContain("Wrong username or password");

    await signInAs(page, bea);
    expect(await text(page, "nav-tables")).toBe("Mijn tafels");

    // The next person on this browser, who never chose, gets their own browser's
    // preference (English), not the language Bea left behind.
    await page.getByTestId("nav-signout").click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), POLL).toBe("Aanmelden bij Tafel");
    await signInAs(page, env.world.chair);
    await expect.poll(() => text(page, "nav-tables"), POLL).toBe("My tables");
    expect(await htmlLang(page)).toBe("en-GB");

    // Kept on the account: a fresh browser that prefers English gets Dutch after sign-in.
    await expect.poll(() => env.server.tafel.ctx.store.global.data.accounts.find((a) => a.id === bea.account.id)?.locale, POLL).toBe("nl");
    const fresh = await newPage("en-US");
    await fresh.goto(env.server.url);
    await signInAs(fresh, bea);
    await expect.poll(() => text(fresh, "nav-tables"), POLL).toBe("Mijn tafels");
  }, 120_000);

  it("starts in Dutch in a browser that prefers Dutch, before anyone chooses", async () => {
    const [, , cas] = env.world.members as [Member, Member, Member];
    const page = await newPage("nl-BE");
    await page.goto(env.server.url);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Aanmelden bij Tafel");
    await signInAs(page, cas);
    expect(await text(page, "nav-tables")).toBe("Mijn tafels");
    // Nothing was chosen, so nothing is stored: the browser's preference keeps deciding.
    expect(env.server.tafel.ctx.store.global.data.accounts.find((a) => a.id === cas.account.id)?.locale).toBeUndefined();
  }, 120_000);
});
