// A risk checklist in the browser: the author fills it in with the keyboard-usable radio
// groups, sees the computed level live, cannot choose a judgement below it, raises it
// with a reason and releases it through the usual dialog. The recipient sees the level
// and the answers, and the trend per person; the chair (not a recipient) sees neither.
// Every screen passes axe (no serious or critical violation).
import { mkdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEFAULT_RISK_TEMPLATE } from "../../shared/riskTemplate.js";
import { formatFindings, seriousViolations } from "../support/axe.js";
import { canary, type Member } from "../support/factories.js";
import { recordTraffic, signInAs, useBrowserWorld } from "../support/browserWorld.js";

const env = useBrowserWorld(2);

async function signedInPage(member: Member): Promise<{ page: Page; seen: string[] }> {
  const page = await env.newPage({ width: 1280, height: 900 });
  const { seen } = recordTraffic(page);
  await page.goto(env.server.url);
  await signInAs(page, member);
  await page.getByTestId(`table-link-${env.world.table.caseCode}`).click();
  return { page, seen };
}

async function expectAccessible(page: Page, screen: string): Promise<void> {
  const findings = await seriousViolations(page);
  expect(findings, formatFindings(screen, findings)).toEqual([]);
}

describe("a risk checklist in the browser", () => {
  it("is filled in, judged no lower than computed, released to one recipient and shown in their trend only", async () => {
    const [alice, bob] = env.world.members as [Member, Member];
    const person = env.world.table.personsConcerned[0];
    if (!person) throw new Error("no person concerned");
    const author = await signedInPage(alice);
    const recipient = await signedInPage(bob);
    const chair = await signedInPage(env.world.chair);
    const secret = canary();
    const title = `Risk V1 ${secret.slice(7, 15)}`;

    const a = author.page;
    await a.getByTestId("tab-drafts").click();
    await a.getByTestId("risk-new").locator("summary").click();
    await a.getByTestId("risk-title").fill(title);
    await a.getByTestId("risk-person").selectOption(person.id);
    for (const item of DEFAULT_RISK_TEMPLATE.items) await a.getByTestId(`risk-answer-${item.key}-no`).check();
    // Keyboard: from "No", the arrow key moves the radio group to "Not known", then "Yes".
    await a.getByTestId("risk-answer-threats-no").focus();
    await a.keyboard.press("ArrowRight");
    await a.keyboard.press("ArrowRight");
    expect(await a.getByTestId("risk-answer-threats-yes").isChecked()).toBe(true);
    for (const key of ["weapons", "escalation", "separation"]) await a.getByTestId(`risk-answer-${key}-yes`).check();
    // 3 + 3 + 3 + 2 = 11: high. Nothing lower is offered.
    await expect.poll(() => a.getByTestId("risk-computed").textContent()).toMatch(/Computed level: High \(score 11/);
    expect(await a.getByTestId("risk-judgement").locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(["high"]);
    // Back to 9: medium; the judgement may stay at medium or be raised to high.
    await a.getByTestId("risk-answer-separation-no").check();
    await expect.poll(() => a.getByTestId("risk-computed").textContent()).toMatch(/Computed level: Medium \(score 9/);
    expect(await a.getByTestId("risk-judgement").locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(["medium", "high"]);
    await a.getByTestId("risk-judgement").selectOption("high");
    await a.getByTestId("risk-justification").fill(`Raised: ${secret}`);
    await expectAccessible(a, "risk checklist form");
    mkdirSync("test-results", { recursive: true });
    await a.screenshot({ path: "test-results/risk-checklist-form.png", fullPage: true });
    await a.getByTestId("risk-save").click();

    // Released through the usual dialog: kind, category and person are preset.
    await a.getByTestId(`draft-release-${title}`).click();
    await a.getByTestId(`release-recipient-${bob.account.id}`).check();
    await a.getByTestId("release-justification").fill("Needed for the safety plan.");
    await a.getByTestId("release-submit").click();
    await a.getByTestId("release-dialog").waitFor({ state: "detached", timeout: 10_000 });

    const b = recipient.page;
    await b.getByTestId("tab-received").click();
    const card = b.locator('article[data-testid^="received-"]').filter({ hasText: title });
    await card.waitFor({ timeout: 10_000 });
    expect(await card.textContent()).toContain("Level: High");
    expect(await card.textContent()).toContain(`Raised: ${secret}`);
    await b.getByTestId("tab-risk").click();
    const trend = b.getByTestId(`risk-trend-${person.pseudonym}`);
    await expect.poll(() => trend.textContent(), { timeout: 10_000 }).toContain("High");
    await expectAccessible(b, "risk trend (recipient)");
    await b.screenshot({ path: "test-results/risk-trend.png" });

    // The chair received nothing: an empty trend, and the answers never reached the page.
    const c = chair.page;
    await c.getByTestId("tab-risk").click();
    expect(await c.getByTestId(`risk-trend-${person.pseudonym}`).textContent()).toContain("No risk checklist");
    await c.getByTestId("tab-retention").click();
    await c.getByTestId("retention-review").waitFor();
    await expectAccessible(c, "retention review (chair)");
    await c.waitForTimeout(500);
    expect(await c.content()).not.toContain(secret);
    expect(chair.seen.join("\n")).not.toContain(secret);
    expect(env.server.lines.join("\n")).not.toContain(secret);
  }, 120_000);
});
