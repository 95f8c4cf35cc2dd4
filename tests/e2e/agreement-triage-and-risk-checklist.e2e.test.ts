// The partnership's own triage criteria and risk checklist, set in the browser: an LIVC
// coordinator drafts the sharing agreement with custom criteria (edited, added and
// reordered by keyboard) and a custom risk item, sees the server's own validation
// message inline while a field is wrong, and publishes version 1. Once every member has
// signed, the triage table checks exactly those criteria, and a case table's risk
// checklist form offers the custom item. The form passes axe.
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { AgreementView, MyReferralView, ReferralView, TableView } from "../../shared/types.js";
import { expectNoSeriousViolations } from "../support/axe.js";
import { signInAs, useBrowserWorld } from "../support/browserWorld.js";
import { buildMember, join, type Member } from "../support/factories.js";
import { referralBody } from "../support/lifecycle.js";

const bw = useBrowserWorld(0);
let coordinator: Member;
let referrer: Member;
let parket: Member;

const TITLE = "LIVC Kust";
const CRITERION_FIRST = "There is a pattern of violence within the family.";
const CRITERION_ADDED = "The regular help has been tried for at least three months.";
const RISK_ITEM = "The person concerned has recently lost their housing.";

beforeAll(async () => {
  const admin = bw.world.admin;
  coordinator = await buildMember(bw.server, admin, { name: "Coordinator", sector: "care", organisation: "OCMW Kust" });
  referrer = await buildMember(bw.server, admin, { name: "Referrer", sector: "care", organisation: "CAW Kust" });
  parket = await buildMember(bw.server, admin, { name: "Parket jurist", sector: "justice", organisation: "Parket Kust" });
}, 60_000);

async function signedIn(member: Member): Promise<Page> {
  const page = await bw.newPage({ height: 900 });
  await page.goto(bw.server.url);
  await signInAs(page, member);
  return page;
}

const criteriaIn = (page: Page) => page.locator('input[data-testid^="agreement-criterion-"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));

describe("a partnership's triage criteria and risk checklist", () => {
  it("are set in the agreement form, shown in the charter, and used by the triage table and the risk checklist", async () => {
    const page = await signedIn(coordinator);
    await page.getByTestId("nav-agreements").click();
    await page.getByTestId("agreements-new").click();
    await page.getByTestId("agreement-title").fill(TITLE);
    await page.getByTestId("agreement-legal-reference").fill("PG 2026/12 (test)");
    await page.getByTestId(`agreement-member-role-${coordinator.account.organisation.id}`).fill("coordinator");
    for (const m of [referrer, parket]) {
      await page.getByTestId(`agreement-member-${m.account.organisation.id}`).check();
      await page.getByTestId(`agreement-member-role-${m.account.organisation.id}`).fill("partner");
    }
    for (const category of ["identity-household", "risk-assessment"]) {
      await page.getByTestId(`agreement-category-${category}`).check();
      await page.getByTestId(`matrix-${category}-care`).check();
    }
    await page.getByTestId("matrix-identity-household-justice").check();
    await page.getByTestId("agreement-minutes").fill("Minutes within 3 working days.");
    await page.getByTestId("agreement-review").fill("2027-06-30");

    // Prefilled with Tafel's neutral example: three criteria, the twelve risk items.
    expect(await criteriaIn(page)).toHaveLength(3);
    expect(await page.getByTestId("agreement-risk-item-0").inputValue()).toBe("Threats to harm or kill have been made");

    // The first criterion rewritten; emptied, it says at once what the server would say.
    await page.getByTestId("agreement-criterion-0").fill("");
    const inline = page.locator("#agreement-criterion-0-error");
    await expect.poll(() => inline.textContent()).toBe("must not be empty");
    expect(await page.getByTestId("agreement-criterion-0").getAttribute("aria-invalid")).toBe("true");
    await page.getByTestId("agreement-criterion-0").fill(CRITERION_FIRST);
    await inline.waitFor({ state: "detached" });
    // So does an answer of a risk item, in its table cell.
    const answer = page.getByTestId("agreement-risk-option-0-0");
    const answerText = await answer.inputValue();
    await answer.fill("");
    await expect.poll(() => page.locator("#agreement-risk-option-0-0-error").textContent()).toBe("must not be empty");
    expect(await answer.getAttribute("aria-invalid")).toBe("true");
    expect(await answer.getAttribute("aria-describedby")).toBe("agreement-risk-option-0-0-error");
    await answer.fill(answerText);
    await page.locator("#agreement-risk-option-0-0-error").waitFor({ state: "detached" });

    // By keyboard: remove the third criterion, add one, and move it up above the second.
    await page.getByTestId("agreement-criterion-remove-2").focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("agreement-criterion-add").focus();
    await page.keyboard.press("Enter");
    // The new, empty criterion has the focus: type into it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("agreement-criterion-2");
    await page.keyboard.type(CRITERION_ADDED);
    await page.getByRole("button", { name: "Move criterion 3 up" }).focus();
    await page.keyboard.press("Enter");
    const second = (await criteriaIn(page))[2];
    expect(await criteriaIn(page)).toEqual([CRITERION_FIRST, CRITERION_ADDED, second]);
    expect(second).toBe("The services already involved cannot remove that risk on their own.");

    // A custom risk item worth 4 points for "Yes", and a higher threshold for "High".
    await page.getByTestId("agreement-risk-add").focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("agreement-risk-item-12");
    await page.keyboard.type(RISK_ITEM);
    await page.getByTestId("agreement-risk-points-12-2").fill("4");
    await page.getByTestId("agreement-risk-threshold-2").fill("12");
    await page.getByTestId("agreement-track-description-3").fill("Care, police and the parket act together, reviewed monthly.");

    await expectNoSeriousViolations(page, "agreement form with triage and risk checklist");
    await page.getByTestId("agreement-submit").click();
    await page.getByTestId("version-1").waitFor({ timeout: 10_000 });
    const agreementId = new URL(page.url()).pathname.split("/").pop() as string;

    // The charter shows them.
    const triageCharter = page.getByTestId("charter-1-triage");
    expect(await triageCharter.locator("ol li").allTextContents()).toEqual([CRITERION_FIRST, CRITERION_ADDED, second]);
    expect(await triageCharter.textContent()).toContain("reviewed monthly");
    const riskCharter = page.getByTestId("charter-1-risk");
    expect(await riskCharter.textContent()).toContain(`${RISK_ITEM} (No (0 points), Not known (0 points), Yes (4 points))`);
    expect(await riskCharter.textContent()).toContain("High: from score 12");
    await expectNoSeriousViolations(page, "agreement charter with triage and risk checklist");

    // Every member signs: version 1 is in force. The coordinator opens the triage table.
    for (const m of [coordinator, referrer, parket]) await m.client.ok("POST", `/api/agreements/${agreementId}/versions/1/signatures`);
    const agreement = await coordinator.client.ok<AgreementView>("GET", `/api/agreements/${agreementId}`);
    expect(agreement.versions[0]?.content.triage?.criteria).toEqual([CRITERION_FIRST, CRITERION_ADDED, second]);
    const triage = await coordinator.client.ok<TableView>("POST", `/api/partnerships/${agreementId}/triage-table`, { caseCode: "TRIAGE-KUST", confidentialityAccepted: true });
    await join(coordinator, parket, triage.id);
    const referral = await referrer.client.ok<MyReferralView>("POST", "/api/referrals", referralBody(agreementId));

    // The triage table checks exactly these criteria.
    await page.goto(`${bw.server.url}/tables/${triage.id}`);
    await page.getByTestId("tab-case").click();
    const card = page.getByTestId(`referral-${referral.id}`);
    await card.waitFor({ timeout: 10_000 });
    const labels = await card.locator('input[data-testid^="criterion-"]').evaluateAll((inputs) =>
      inputs.map((i) => (i as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? ""),
    );
    expect(labels).toEqual([CRITERION_FIRST, CRITERION_ADDED, second]);
    for (let i = 0; i < 3; i += 1) await page.getByTestId(`criterion-${referral.id}-${i}`).check();
    await page.getByTestId(`save-checklist-${referral.id}`).click();
    await expect
      .poll(async () => (await coordinator.client.ok<ReferralView[]>("GET", `/api/tables/${triage.id}/referrals`))[0]?.checklist.map((c) => c.met), { timeout: 10_000 })
      .toEqual([true, true, true]);

    // Accepted (the coordinator directs the case): the case table's risk checklist offers the custom item.
    const decided = await coordinator.client.ok<ReferralView>("POST", `/api/tables/${triage.id}/referrals/${referral.id}/decision`, {
      outcome: "accept",
      reason: "All criteria met.",
      track: 2,
      casusregisseurId: coordinator.account.id,
      persons: [{ name: "Person Kust", birthDate: "1990-01-01" }],
      caseCode: "CASE-KUST",
    });
    const caseTableId = decided.decision?.caseTableId ?? "";
    await coordinator.client.ok("POST", `/api/tables/${caseTableId}/accept`, { confidentialityAccepted: true });
    await page.goto(`${bw.server.url}/tables/${caseTableId}`);
    await page.getByTestId("tab-drafts").click();
    await page.getByTestId("risk-new").locator("summary").click();
    const form = page.getByTestId("risk-form");
    await form.waitFor({ timeout: 10_000 });
    expect(await form.textContent()).toContain(RISK_ITEM);
    await page.getByTestId("risk-answer-item-13-yes").check();
    await expect.poll(() => page.getByTestId("risk-computed").textContent()).toMatch(/score 4/);
  });
});
