// A person in an organisation that requires a second factor: after the password, Tafel
// shows only the enrolment; they add the key to their "app" (here otpauth in the test,
// reading the key from the page as a person types it), confirm a code, see their
// recovery codes once, and from then on sign in with password and code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../support/browser.js";
import { ensureClientBuilt } from "../support/client.js";
import { bootstrapAdmin, buildMember, PASSWORD, type Member } from "../support/factories.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { Authenticator } from "../support/secondFactor.js";

let server: TestServer;
let browser: Browser;
let member: Member;

beforeAll(async () => {
  await ensureClientBuilt();
  server = await startServer();
  const admin = await bootstrapAdmin(server);
  member = await buildMember(server, admin, { name: "Lotte", sector: "care" });
  await admin.ok("PUT", `/api/admin/organisations/${member.account.organisation.id}/second-factor`, { required: true });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) await removeDir(server.dataDir);
});

async function signInWithPassword(page: Page): Promise<void> {
  await page.getByTestId("signin-username").fill(member.username);
  await page.getByTestId("signin-password").fill(PASSWORD);
  await page.getByTestId("signin-submit").click();
}

describe("the second factor in the browser", () => {
  it("is set up from the page's key, then asked for at every sign-in", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cspViolations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await page.goto(server.url);
    await signInWithPassword(page);

    // Only the enrolment is reachable.
    await page.getByTestId("second-factor-required").waitFor({ timeout: 10_000 });
    await page.getByTestId("second-factor-start").click();
    const keyText = await page.getByTestId("second-factor-key").textContent({ timeout: 10_000 });
    const key = (keyText ?? "").replace(/\s+/g, "");
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    // The QR code is drawn (an SVG data: image, allowed by the CSP).
    const qr = page.getByTestId("second-factor-qr");
    await qr.waitFor({ timeout: 10_000 });
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 10_000 }).toBe(true);

    const app = new Authenticator(key);
    await page.getByTestId("second-factor-confirm-code").fill("000000");
    await page.getByTestId("second-factor-confirm").click();
    await page.locator("#second-factor-confirm-code-error, .form-error").first().waitFor({ timeout: 10_000 });
    await page.getByTestId("second-factor-confirm-code").fill(await app.freshCode());
    await page.getByTestId("second-factor-confirm").click();
    const codes = page.getByTestId("recovery-codes").locator("li");
    await expect.poll(() => codes.count(), { timeout: 10_000 }).toBe(10);
    // The key is gone from the page once enrolled.
    expect(await page.content()).not.toContain(key);
    await page.getByTestId("recovery-done").click();
    await page.getByTestId("nav-tables").waitFor({ timeout: 10_000 });

    await page.getByTestId("nav-signout").click();
    await page.getByTestId("signin-username").waitFor({ timeout: 10_000 });
    await signInWithPassword(page);
    await page.getByTestId("signin-code").fill("123456");
    await page.getByTestId("signin-code-submit").click();
    await expect.poll(() => page.locator("text=Wrong code").count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.getByTestId("signin-code").fill(await app.freshCode());
    await page.getByTestId("signin-code-submit").click();
    await page.getByTestId("nav-tables").waitFor({ timeout: 10_000 });
    expect(await page.getByTestId("signin-code").count()).toBe(0);
    expect(cspViolations).toEqual([]);
    await context.close();
  }, 120_000);
});
