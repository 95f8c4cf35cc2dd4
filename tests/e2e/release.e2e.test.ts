// Three people in three browsers: the author releases to one of the two others. That
// one sees it live; the author sees it delivered and opened; the third never sees it,
// not in the page, not in any frame or response, not after reload; the log shows the path.
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "../support/browser.js";
import { buildWorld, canary, PASSWORD, type Member, type World } from "../support/factories.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { ensureClientBuilt } from "../support/client.js";

let server: TestServer;
let browser: Browser;
let world: World;
const contexts: BrowserContext[] = [];

interface Recorded {
  page: Page;
  /** Everything the page received so far: response bodies and WebSocket frames. */
  seen: string[];
  /** `seen`, once every response body that had arrived has been read. */
  allSeen(): Promise<string[]>;
}

async function signedInPage(member: Member): Promise<Recorded> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  contexts.push(context);
  const page = await context.newPage();
  const seen: string[] = [];
  // A body is read asynchronously: keep the reads, so a check can wait for the last ones.
  const reads: Promise<void>[] = [];
  page.on("response", (res) => {
    reads.push(res.text().then((t) => void seen.push(t), () => {}));
  });
  page.on("websocket", (ws) => ws.on("framereceived", (f) => seen.push(typeof f.payload === "string" ? f.payload : f.payload.toString("utf8"))));
  await page.goto(server.url);
  await page.getByTestId("signin-username").fill(member.username);
  await page.getByTestId("signin-password").fill(PASSWORD);
  await page.getByTestId("signin-submit").click();
  await page.getByTestId(`table-link-${world.table.caseCode}`).click();
  return {
    page,
    seen,
    allSeen: async () => {
      await Promise.all(reads);
      return seen;
    },
  };
}

beforeAll(async () => {
  await ensureClientBuilt();
  server = await startServer();
  world = await buildWorld(server, 2);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
  if (server) await removeDir(server.dataDir);
});

describe("releasing a fragment in the browser", () => {
  it("reaches only the chosen recipient, live, and the author sees delivered and opened", async () => {
    const [alice, bob] = world.members as [Member, Member];
    const author = await signedInPage(alice);
    const recipient = await signedInPage(bob);
    const third = await signedInPage(world.chair);
    await recipient.page.getByTestId("tab-received").click();
    await third.page.getByTestId("tab-received").click();

    // The author writes a private draft and releases it to Bob only.
    const secret = canary();
    const title = `Safety plan ${secret.slice(7, 15)}`;
    await author.page.getByTestId("tab-drafts").click();
    await author.page.getByTestId("draft-new-title").fill(title);
    await author.page.getByTestId("draft-new-body").fill(`The code word is ${secret}.`);
    await author.page.getByTestId("draft-new-submit").click();
    await author.page.getByTestId(`draft-release-${title}`).click();
    await author.page.getByTestId(`release-recipient-${bob.account.id}`).check();
    await author.page.getByTestId(`release-person-${world.table.personsConcerned[0]?.id}`).check();
    await author.page.getByTestId("release-category").selectOption("risk-assessment");
    await author.page.getByTestId("release-justification").fill("Police need the code word to respond safely.");
    await author.page.getByTestId("release-submit").click();

    // Bob sees it live, with who released it and why.
    const item = recipient.page.locator('article[data-testid^="received-"]').filter({ hasText: secret });
    await item.waitFor({ timeout: 10_000 });
    await expect.poll(() => item.textContent(), { timeout: 10_000 }).toContain(alice.account.name);
    await expect.poll(() => item.textContent(), { timeout: 10_000 }).toContain("Police need the code word");

    // Alice sees delivered, then opened.
    await author.page.getByTestId("tab-released").click();
    const row = author.page.locator(`[data-testid$="-${bob.account.id}"][data-testid^="status-"]`);
    await expect.poll(() => row.locator("[data-state]").first().getAttribute("data-state"), { timeout: 10_000 }).toBe("opened");

    // The log shows the path, without content.
    await third.page.getByTestId("tab-log").click();
    const log = third.page.getByTestId("log-table");
    await expect.poll(() => log.textContent(), { timeout: 10_000 }).toMatch(/opened/i);
    const logText = (await log.textContent()) ?? "";
    expect(logText).toContain(bob.account.name);
    expect(logText).not.toContain(secret);

    // The third person never saw it: not on screen, not in a frame, not after reload.
    await third.page.getByTestId("tab-received").click();
    expect(await third.page.content()).not.toContain(secret);
    await third.page.reload();
    await third.page.getByTestId("tab-received").click();
    // The witness: the reloaded page is at the table again, live (re-deliveries follow the reply).
    await expect.poll(() => third.page.getByTestId("connection-status").getAttribute("data-state"), { timeout: 10_000 }).toBe("live");
    await third.page.waitForTimeout(500);
    expect(await third.page.content()).not.toContain(secret);
    expect((await third.allSeen()).join("\n")).not.toContain(secret);
    expect(server.lines.join("\n")).not.toContain(secret);

    mkdirSync("test-results", { recursive: true });
    await author.page.screenshot({ path: "test-results/table-view-released.png" });
    await recipient.page.screenshot({ path: "test-results/table-view-received.png" });
    await third.page.getByTestId("tab-log").click();
    await third.page.screenshot({ path: "test-results/table-view-log.png" });
  }, 90_000);
});
