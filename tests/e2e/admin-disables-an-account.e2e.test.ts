// An administrator disables an account from the accounts panel with the keyboard: the
// person, signed in elsewhere, is sent back to the sign-in page at once and told why
// when they try again; enabling lets them back in. "End every session" signs everyone
// out, the administrator included, after a confirmation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../support/browser.js";
import { ensureClientBuilt } from "../support/client.js";
import { expectNoSeriousViolations } from "../support/axe.js";
import { bootstrapAdmin, buildMember, PASSWORD, type Member } from "../support/factories.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

let server: TestServer;
let browser: Browser;
let member: Member;

beforeAll(async () => {
  await ensureClientBuilt();
  server = await startServer();
  const admin = await bootstrapAdmin(server);
  member = await buildMember(server, admin, { name: "Lotte", sector: "care" });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) await removeDir(server.dataDir);
});

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(server.url);
  await page.getByTestId("signin-username").fill(username);
  await page.getByTestId("signin-password").fill(PASSWORD);
  await page.getByTestId("signin-submit").click();
}

/** Tabs forward until the element with this test id has focus (a person with a keyboard). */
async function tabTo(page: Page, testId: string, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))) === testId) return;
  }
  throw new Error(`Tab never reached ${testId}`);
}

describe("disabling an account in the browser", () => {
  it("signs the person out at once, tells them why, and lets them back in once enabled", async () => {
    const memberPage = await (await browser.newContext()).newPage();
    await signIn(memberPage, member.username);
    await memberPage.getByTestId("nav-tables").waitFor({ timeout: 10_000 });

    const adminPage = await (await browser.newContext()).newPage();
    await signIn(adminPage, "admin");
    await adminPage.getByTestId("account-list").waitFor({ timeout: 10_000 });
    const status = adminPage.getByTestId(`account-status-${member.username}`);
    expect(await status.textContent()).toBe("Enabled");

    adminPage.once("dialog", (d) => void d.accept());
    await tabTo(adminPage, `account-disable-${member.username}`);
    await adminPage.keyboard.press("Enter");
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/^Disabled since/);
    await expect.poll(() => adminPage.getByTestId("live-region").textContent(), { timeout: 10_000 }).toContain("is disabled");
    await expectNoSeriousViolations(adminPage, "accounts with a disabled account");

    // The person's page is back at the sign-in, at once (the live connection is ended).
    await memberPage.getByTestId("signin-username").waitFor({ timeout: 10_000 });
    await memberPage.getByTestId("signin-username").fill(member.username);
    await memberPage.getByTestId("signin-password").fill(PASSWORD);
    await memberPage.getByTestId("signin-submit").click();
    await expect.poll(() => memberPage.locator("text=This account is disabled").count(), { timeout: 10_000 }).toBeGreaterThan(0);

    await tabTo(adminPage, `account-enable-${member.username}`);
    await adminPage.keyboard.press("Enter");
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe("Enabled");
    await memberPage.getByTestId("signin-submit").click();
    await memberPage.getByTestId("nav-tables").waitFor({ timeout: 10_000 });
  });

  it("ends every session after a confirmation, the administrator's own included", async () => {
    const memberPage = await (await browser.newContext()).newPage();
    await signIn(memberPage, member.username);
    await memberPage.getByTestId("nav-tables").waitFor({ timeout: 10_000 });
    const adminPage = await (await browser.newContext()).newPage();
    await signIn(adminPage, "admin");
    await adminPage.getByTestId("account-list").waitFor({ timeout: 10_000 });

    // Dismissed: nothing happens.
    adminPage.once("dialog", (d) => void d.dismiss());
    await adminPage.getByTestId("end-every-session").click();
    expect(await adminPage.getByTestId("account-list").isVisible()).toBe(true);

    adminPage.once("dialog", (d) => void d.accept());
    await adminPage.getByTestId("end-every-session").click();
    await adminPage.getByTestId("signin-username").waitFor({ timeout: 10_000 });
    await memberPage.getByTestId("signin-username").waitFor({ timeout: 10_000 });
  });
});
