// The browser verifies the table's log itself. When the server comes back with a log
// whose history was rewritten, the participant's browser says so, loudly — even though
// the server answers as if nothing happened.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expectNoSeriousViolations } from "../support/axe.js";
import { launchBrowser } from "../support/browser.js";
import { ensureClientBuilt } from "../support/client.js";
import { buildWorld, PASSWORD, releaseCanary, type Member, type World } from "../support/factories.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let world: World;

beforeAll(async () => {
  await ensureClientBuilt();
  server = await startServer();
  world = await buildWorld(server, 1);
  await releaseCanary(world.members[0] as Member, world.table, [world.chair.account.id]);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
  if (server) await removeDir(server.dataDir);
});

async function openLog(page: Page): Promise<void> {
  await page.getByTestId(`table-link-${world.table.caseCode}`).click();
  await page.getByTestId("tab-log").click();
}

describe("a rewritten log", () => {
  it("is detected by the participant's browser after a restart", async () => {
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByTestId("signin-username").fill(world.chair.username);
    await page.getByTestId("signin-password").fill(PASSWORD);
    await page.getByTestId("signin-submit").click();
    await openLog(page);
    const status = page.getByTestId("log-status");
    await expect.poll(() => status.getAttribute("data-state"), { timeout: 15_000 }).toBe("verified");
    expect(await page.getByTestId("log-alarm").count()).toBe(0);

    // Someone with access to the server's disk rewrites history: the invitation of
    // entry 2 now seems to come a day earlier. The server itself notices nothing.
    const port = Number(new URL(server.url).port);
    await server.stop();
    const file = path.join(server.dataDir, "tables", world.table.id, "log.jsonl");
    const lines = (await readFile(file, "utf8")).split("\n");
    const entry = JSON.parse(lines[2] as string) as { at: string };
    lines[2] = (lines[2] as string).replace(entry.at, new Date(Date.parse(entry.at) - 86_400_000).toISOString());
    await writeFile(file, lines.join("\n"));
    server = await startServer({ dataDir: server.dataDir, lines: server.lines, port });

    await page.reload();
    const alarm = page.getByTestId("log-alarm");
    await alarm.waitFor({ timeout: 15_000 });
    expect(await alarm.textContent()).toContain("changed history since you last saw it");
    // Assertive: a screen reader interrupts to say it. And the loud state passes axe too.
    expect(await alarm.getAttribute("role")).toBe("alert");
    await expectNoSeriousViolations(page, "table with the log alarm");
    await page.screenshot({ path: "test-results/log-alarm.png" });

    // It stays on the next visit until the person says they reported it.
    await page.reload();
    await alarm.waitFor({ timeout: 15_000 });
  }, 90_000);
});
