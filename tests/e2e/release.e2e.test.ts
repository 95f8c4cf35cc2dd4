// Three people in three browsers: the author releases to one of the two others. That
// one sees it live; the author sees it delivered and opened; the third never sees it,
// not in the page, not in any frame or response, not after reload; the log shows the path.
import { mkdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { canary, type Member } from "../support/factories.js";
import { recordTraffic, signInAs, useBrowserWorld, type Traffic } from "../support/browserWorld.js";

const env = useBrowserWorld(2);

interface Recorded extends Traffic {
  page: Page;
}

async function signedInPage(member: Member): Promise<Recorded> {
  const page = await env.newPage();
  const traffic = recordTraffic(page);
  await page.goto(env.server.url);
  await signInAs(page, member);
  await page.getByTestId(`table-link-${env.world.table.caseCode}`).click();
  return { page, ...traffic };
}

describe("releasing a fragment in the browser", () => {
  it("reaches only the chosen recipient, live, and the author sees delivered and opened", async () => {
    const [alice, bob] = env.world.members as [Member, Member];
    const author = await signedInPage(alice);
    const recipient = await signedInPage(bob);
    const third = await signedInPage(env.world.chair);
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
    await author.page.getByTestId(`release-person-${env.world.table.personsConcerned[0]?.id}`).check();
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
    expect(env.server.lines.join("\n")).not.toContain(secret);

    mkdirSync("test-results", { recursive: true });
    await author.page.screenshot({ path: "test-results/table-view-released.png" });
    await recipient.page.screenshot({ path: "test-results/table-view-received.png" });
    await third.page.getByTestId("tab-log").click();
    await third.page.screenshot({ path: "test-results/table-view-log.png" });
  }, 90_000);
});
