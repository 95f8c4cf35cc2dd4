// When the server closes the live connection for too many events (socket:rate-limited),
// the person is told so on the table page, visibly and politely (role=status), in
// their language, with a way to reconnect. The limit is set low so that the page's own
// events (opening the table, leaving it, opening it again) reach it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser } from "../support/browser.js";
import { ensureClientBuilt } from "../support/client.js";
import { expectNoSeriousViolations } from "../support/axe.js";
import { buildWorld, PASSWORD, type World } from "../support/factories.js";
import { removeDir, startServer, TEST_RATE_LIMITS, type TestServer } from "../support/server.js";

let server: TestServer;
let browser: Browser;
let world: World;

beforeAll(async () => {
  await ensureClientBuilt();
  server = await startServer({ rateLimits: { ...TEST_RATE_LIMITS, socketEventsPerMinute: 2 } });
  world = await buildWorld(server, 0);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) await removeDir(server.dataDir);
});

describe("a rate-limited live connection", () => {
  it("is announced on the table page as a status with a way to reconnect", async () => {
    const page = await (await browser.newContext({ locale: "nl-BE" })).newPage();
    await page.goto(server.url);
    await page.getByTestId("signin-username").fill(world.chair.username);
    await page.getByTestId("signin-password").fill(PASSWORD);
    await page.getByTestId("signin-submit").click();
    const notice = page.getByTestId("rate-limited-notice");
    // table:open (1), table:close on leaving (2), table:open again (3): over the limit.
    await page.getByTestId(`table-link-${world.table.caseCode}`).click();
    await notice.waitFor({ state: "attached", timeout: 10_000 });
    expect(await notice.textContent()).toBe("");
    await page.getByTestId("nav-tables").click();
    await page.getByTestId(`table-link-${world.table.caseCode}`).click();
    await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toContain("te veel berichten");
    expect(await notice.getAttribute("role")).toBe("status");
    await expectNoSeriousViolations(page, "table page after the live connection was rate-limited");
    await notice.getByRole("button").waitFor();
  });
});
