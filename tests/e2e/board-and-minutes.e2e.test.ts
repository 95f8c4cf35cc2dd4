// Two people write the minutes on the board at once and see each other's text and
// caret; the board references a fragment by id; the chair finalises; each reader's copy
// of the minutes shows the fragment only if it was released to them.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { MeetingView } from "../../shared/types.js";
import { releaseCanary, type Member } from "../support/factories.js";
import { signInAs, useBrowserWorld } from "../support/browserWorld.js";

const env = useBrowserWorld(2);

async function at(member: Member, tab: string): Promise<Page> {
  const page = await env.newPage();
  await page.goto(env.server.url);
  await signInAs(page, member);
  await page.getByTestId(`table-link-${env.world.table.caseCode}`).click();
  await page.getByTestId(`tab-${tab}`).click();
  return page;
}

const editor = (page: Page) => page.locator('[data-testid="board-editor"] [contenteditable="true"]');

describe("the board and the minutes", () => {
  it("are written together and rendered per reader", async () => {
    const [alice, bob] = env.world.members as [Member, Member];
    const { fragment, canary } = await releaseCanary(alice, env.world.table, [env.world.chair.account.id]);

    const chair = await at(env.world.chair, "board");
    const bobPage = await at(bob, "board");
    await editor(chair).click();
    await editor(bobPage).click();
    // Both type at the same time.
    await Promise.all([
      editor(chair).pressSequentially("Chair notes: safety plan agreed. ", { delay: 10 }),
      editor(bobPage).pressSequentially("Bob adds: school visit Monday. ", { delay: 10 }),
    ]);
    for (const page of [chair, bobPage]) {
      await expect.poll(() => editor(page).textContent(), { timeout: 10_000 }).toContain("safety plan agreed");
      await expect.poll(() => editor(page).textContent(), { timeout: 10_000 }).toContain("school visit Monday");
    }
    // Each sees the other's caret, labelled with the name the server verified.
    await expect.poll(() => chair.locator(".collab-caret-label").allTextContents(), { timeout: 10_000 }).toContain(bob.account.name);
    await expect.poll(() => bobPage.locator(".collab-caret-label").allTextContents(), { timeout: 10_000 }).toContain(env.world.chair.account.name);

    // The chair references the fragment released to them: only its id enters the board.
    await chair.getByTestId("tab-received").click();
    await chair.getByTestId(`received-ref-${fragment.id}`).click();
    await chair.getByTestId("tab-board").click();
    await expect.poll(() => chair.getByTestId(`ref-${fragment.id}`).getAttribute("data-released"), { timeout: 10_000 }).toBe("true");
    await expect.poll(() => bobPage.getByTestId(`ref-${fragment.id}`).getAttribute("data-released"), { timeout: 10_000 }).toBe("false");
    expect(await bobPage.content()).not.toContain(canary);
    await chair.screenshot({ path: "test-results/board.png" });

    // The chair opens a meeting and finalises its minutes.
    await chair.getByTestId("tab-meetings").click();
    await chair.getByTestId("meeting-open-agenda").fill("Safety plan\nSchool");
    await chair.getByTestId("meeting-open-submit").click();
    await chair.getByTestId("meeting-finalise").click();
    await chair.getByTestId("meeting-finalise-confirm").click();
    const [meeting] = await env.world.chair.client.ok<MeetingView[]>("GET", `/api/tables/${env.world.table.id}/meetings`);
    await expect.poll(async () => (await env.world.chair.client.ok<MeetingView[]>("GET", `/api/tables/${env.world.table.id}/meetings`))[0]?.minutes?.version, { timeout: 10_000 }).toBe(1);

    // Each reader opens their own copy.
    const alicePage = await at(alice, "meetings");
    await bobPage.getByTestId("tab-meetings").click();
    const copies = new Map<string, string>();
    for (const [name, page] of [["chair", chair], ["bob", bobPage], ["alice", alicePage]] as const) {
      await page.getByTestId(`minutes-copy-${meeting?.id}`).click();
      const rendition = page.getByTestId("minutes-rendition");
      await rendition.waitFor({ timeout: 10_000 });
      await expect.poll(() => rendition.locator('[data-testid^="minutes-ref-"]').count(), { timeout: 10_000 }).toBe(1);
      copies.set(name, (await rendition.textContent()) ?? "");
    }
    await chair.screenshot({ path: "test-results/minutes-chair.png" });
    await bobPage.screenshot({ path: "test-results/minutes-bob.png" });
    for (const text of copies.values()) {
      expect(text).toContain("safety plan agreed");
      expect(text).toContain("school visit Monday");
    }
    expect(copies.get("chair")).toContain(canary); // a recipient
    expect(copies.get("alice")).toContain(canary); // the author
    expect(copies.get("bob")).not.toContain(canary);
    expect(await bobPage.getByTestId(`minutes-ref-${fragment.id}`).getAttribute("data-released")).toBe("false");
    expect(env.server.lines.join("\n")).not.toContain(canary);
  }, 120_000);
});
