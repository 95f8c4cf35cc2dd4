// A person's first sign-in with the administrator's temporary password leads straight
// to choosing their own, and only then to their tables.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { OrganisationView } from "../../shared/types.js";
import { launchBrowser } from "../support/browser.js";
import { ensureClientBuilt } from "../support/client.js";
import { bootstrapAdmin, PASSWORD, TEMPORARY_PASSWORD } from "../support/factories.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  await ensureClientBuilt();
  server = await startServer();
  const admin = await bootstrapAdmin(server);
  const org = await admin.ok<OrganisationView>("POST", "/api/admin/organisations", { name: "Politiezone", sector: "police", secrecy: "official" });
  await admin.ok("POST", "/api/admin/accounts", { name: "Koen", username: "koen", password: TEMPORARY_PASSWORD, organisationId: org.id, role: "member" });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) await removeDir(server.dataDir);
});

describe("the first sign-in", () => {
  it("asks for one's own password before anything else", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(server.url);
    await page.getByTestId("signin-username").fill("koen");
    await page.getByTestId("signin-password").fill(TEMPORARY_PASSWORD);
    await page.getByTestId("signin-submit").click();
    await page.getByTestId("password-current").fill(TEMPORARY_PASSWORD);
    await page.getByTestId("password-next").fill(PASSWORD);
    await page.getByTestId("password-repeat").fill(`${PASSWORD}x`);
    await page.getByTestId("password-submit").click();
    await expect.poll(() => page.locator("text=The two new passwords differ.").count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId("password-repeat").fill(PASSWORD);
    await page.getByTestId("password-submit").click();
    await page.getByRole("heading", { name: /tables/i }).first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId("password-submit").count()).toBe(0);
  }, 60_000);
});
