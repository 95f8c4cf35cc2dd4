// A screen reader user hears what arrives: the app's one polite status region says
// "received" when a fragment is released to them, whatever tab they are on, and says it
// again for the next one. A participant it was not released to hears nothing of it.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { AuthoredFragmentView } from "../../shared/types.js";
import { releaseCanary, type Member } from "../support/factories.js";
import { signInAs, useBrowserWorld } from "../support/browserWorld.js";

const env = useBrowserWorld(2);

async function atTable(member: Member): Promise<{ page: Page; heard: string[] }> {
  const page = await env.newPage();
  await page.goto(env.server.url);
  await signInAs(page, member);
  await page.getByTestId(`table-link-${env.world.table.caseCode}`).click();
  await expect.poll(() => page.getByTestId("connection-status").getAttribute("data-state"), { timeout: 10_000 }).toBe("live");
  // Every text the region ever held, as a screen reader would have been handed it.
  const heard: string[] = [];
  await page.exposeFunction("__heard", (text: string) => void heard.push(text));
  await page.evaluate(() => {
    const region = document.querySelector('[data-testid="live-region"]');
    const report = (window as unknown as { __heard(text: string): void }).__heard;
    if (region) new MutationObserver(() => report(region.textContent ?? "")).observe(region, { childList: true, characterData: true, subtree: true });
  });
  return { page, heard };
}

describe("live announcements", () => {
  it("a newly received fragment is announced in the polite status region, and only to its recipient", async () => {
    const [alice, bob] = env.world.members as [Member, Member];
    const recipient = await atTable(bob);
    const bystander = await atTable(env.world.chair);

    const region = recipient.page.getByTestId("live-region");
    expect(await region.getAttribute("role")).toBe("status");
    expect(await region.getAttribute("aria-live")).toBe("polite");
    expect(await region.getAttribute("aria-atomic")).toBe("true");
    // Bob is on "My drafts", not on "Received": the announcement is how he learns of it.
    expect(await recipient.page.getByTestId("tab-drafts").getAttribute("aria-selected")).toBe("true");
    const before = (await region.textContent()) ?? "";

    const first = await releaseCanary(alice, env.world.table, [bob.account.id]);
    await expect.poll(() => region.textContent(), { timeout: 10_000 }).toContain(first.fragment.title);
    const firstText = (await region.textContent()) ?? "";
    expect(firstText).not.toBe(before);
    expect(firstText).toContain(alice.account.name);

    // The next one replaces the sentence: a screen reader reads the change.
    const second = await releaseCanary(alice, env.world.table, [bob.account.id]);
    await expect.poll(() => region.textContent(), { timeout: 10_000 }).toContain(second.fragment.title);

    // The unread count on the tab is part of the tab's name, starting with what is on screen.
    const tab = recipient.page.getByRole("tab", { name: /^Received\s+2\s+not yet opened$/ });
    expect(await tab.count()).toBe(1);

    // A revocation is announced too.
    await alice.client.ok<AuthoredFragmentView>("POST", `/api/tables/${env.world.table.id}/fragments/${first.fragment.id}/revoke`, {
      recipients: [bob.account.id],
    });
    await expect.poll(() => region.textContent(), { timeout: 10_000 }).toMatch(/revoked/i);

    // The chair was sent neither: their region never said a word of them.
    await bystander.page.waitForTimeout(500);
    const bystanderHeard = [...bystander.heard, (await bystander.page.getByTestId("live-region").textContent()) ?? ""].join("\n");
    for (const secret of [first.canary, second.canary]) {
      expect(bystanderHeard).not.toContain(secret);
      expect(recipient.heard.join("\n")).not.toContain(`with ${secret} inside`); // the title, never the body
    }
    expect(recipient.heard.some((h) => h.includes(first.fragment.title))).toBe(true);
  }, 90_000);
});
