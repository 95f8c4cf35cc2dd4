// The screens of the case from referral to closure (issue 9), in Dutch as the people at
// these tables work: referring a case, the triage table's queue and decision, the case
// table's case file, risk checklist and trend, the chair's retention review, and setting
// up (also when the organisation requires it) and using a second factor. Each passes axe
// (no serious or critical violation), a Tab sweep (every control reachable, focus always
// visible) and reflow at 320 px, like the screens in accessibility.e2e.test.ts.
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { DEFAULT_RISK_TEMPLATE } from "../../shared/riskTemplate.js";
import type { AuthoredFragmentView, DraftView, MyReferralView } from "../../shared/types.js";
import { expectNoSeriousViolations } from "../support/axe.js";
import { launchBrowser } from "../support/browser.js";
import { ensureClientBuilt } from "../support/client.js";
import { join, PASSWORD, type Member } from "../support/factories.js";
import { expectKeyboardReachable } from "../support/keyboard.js";
import { expectReflow } from "../support/reflow.js";
import { acceptedCase, buildPartnership, referCase, type Partnership } from "../support/lifecycle.js";
import { Authenticator, enrol, type Enrolled } from "../support/secondFactor.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

let server: TestServer;
let browser: Browser;
let p: Partnership;
let pending: MyReferralView;
let caseTableId: string;
let enrolled: Enrolled;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  await ensureClientBuilt();
  server = await startServer();
  p = await buildPartnership(server, "A11Y");
  for (const m of [p.coordinator, p.referrer, p.police, p.parket, p.outsider]) await m.client.ok("PUT", "/api/auth/preferences", { locale: "nl" });
  // One referral waits in the triage queue; another became a case table the coordinator directs.
  pending = await referCase(p, "Een vader en een zoon; de buren horen geregeld geweld.");
  caseTableId = await acceptedCase(p, p.coordinator, [{ name: "Marie Peeters", birthDate: "1988-03-04" }]);
  await join(p.coordinator, p.referrer, caseTableId);
  // The referrer assesses the risk and releases the checklist to the case director.
  const caseTable = await p.coordinator.client.ok<{ personsConcerned: { id: string }[] }>("GET", `/api/tables/${caseTableId}`);
  const person = caseTable.personsConcerned[0]?.id ?? "";
  const answers = Object.fromEntries(DEFAULT_RISK_TEMPLATE.items.map((item) => [item.key, item.options[0]?.key ?? ""]));
  const level = DEFAULT_RISK_TEMPLATE.levels.at(-1)?.key ?? "";
  const risk = await p.referrer.client.ok<DraftView>("POST", `/api/tables/${caseTableId}/risk-drafts`, {
    title: "Risicotaxatie januari", person, answers, judgement: level, justification: "Professioneel oordeel: de dreiging is acuut.",
  });
  await p.referrer.client.ok<AuthoredFragmentView>("POST", `/api/tables/${caseTableId}/drafts/${risk.id}/release`, {
    recipients: [p.coordinator.account.id], category: "risk-assessment", kind: "risk-assessment", personsConcerned: [person], purpose: "integrity",
    justification: "Nodig voor het veiligheidsplan.",
  });
  // The parket jurist already uses a second factor.
  enrolled = await enrol(p.parket.client);
  browser = await launchBrowser();
  mkdirSync("test-results", { recursive: true });
}, 300_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
  if (server) await removeDir(server.dataDir);
});

async function dutchPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "nl-BE" });
  await context.addInitScript(() => localStorage.setItem("tafel.language", "nl"));
  contexts.push(context);
  return context.newPage();
}

async function signedIn(member: Member): Promise<Page> {
  const page = await dutchPage();
  await page.goto(server.url);
  await page.getByTestId("signin-username").fill(member.username);
  await page.getByTestId("signin-password").fill(PASSWORD);
  await page.getByTestId("signin-submit").click();
  await page.getByTestId("nav-signout").waitFor({ timeout: 15_000 });
  expect(await page.locator("html").getAttribute("lang")).toMatch(/^nl/);
  return page;
}

async function checkScreen(page: Page, screenName: string): Promise<void> {
  await expectNoSeriousViolations(page, screenName);
  await expectKeyboardReachable(page, screenName);
  await expectReflow(page, screenName);
}

async function openTab(page: Page, tab: string): Promise<void> {
  await page.getByTestId(`tab-${tab}`).click();
  await page.locator(`#table-panel-${tab}:not([hidden])`).waitFor({ timeout: 10_000 });
}

describe("the screens of the case lifecycle pass axe and the keyboard sweep, in Dutch", () => {
  it("signing in, also with an error, and the partnership's agreement, in Dutch", async () => {
    const page = await dutchPage();
    await page.goto(server.url);
    await page.getByTestId("signin-username").waitFor({ timeout: 10_000 });
    await checkScreen(page, "sign in, in Dutch");
    await page.getByTestId("signin-username").fill(p.coordinator.username);
    await page.getByTestId("signin-password").fill("niet het wachtwoord");
    await page.getByTestId("signin-submit").click();
    await page.getByRole("alert").first().waitFor({ timeout: 10_000 });
    await checkScreen(page, "sign in with an error, in Dutch");

    const member = await signedIn(p.coordinator);
    await member.getByTestId("nav-agreements").click();
    await member.getByTestId("agreements-list").waitFor({ timeout: 10_000 });
    await checkScreen(member, "agreements list, in Dutch");
    await member.goto(`${server.url}/agreements/${p.agreement.id}`);
    await member.getByTestId("agreement-heading").waitFor({ timeout: 10_000 });
    await checkScreen(member, "the partnership's agreement, in force, in Dutch");
  }, 90_000);

  it("referring a case: the form, with an error, and my referrals", async () => {
    const page = await signedIn(p.referrer);
    await page.getByTestId("nav-referrals").click();
    await page.getByTestId("referral-form").waitFor({ timeout: 10_000 });
    await page.getByTestId(`my-referral-${pending.id}`).waitFor({ timeout: 10_000 });
    await checkScreen(page, "referrals: form and my referrals");
    await page.getByTestId("referral-submit").click();
    await page.locator('[role="alert"], .field-error').first().waitFor({ timeout: 10_000 });
    await checkScreen(page, "referrals: form with an error");
  }, 90_000);

  it("the triage table: the queue with a referral and its decision form", async () => {
    const page = await signedIn(p.coordinator);
    await page.getByTestId(`table-link-${p.triage.caseCode}`).click();
    await openTab(page, "case");
    await page.getByTestId(`referral-${pending.id}`).waitFor({ timeout: 10_000 });
    await checkScreen(page, "triage: queue");
    const accept = page.getByTestId(`outcome-${pending.id}-accept`);
    if ((await accept.count()) > 0 && (await accept.isEnabled())) {
      await accept.check();
      await page.getByTestId(`decision-reason-${pending.id}`).waitFor({ timeout: 10_000 });
    }
    await checkScreen(page, "triage: decision form");
    await page.screenshot({ path: "test-results/a11y-triage-decision.png", fullPage: true });
  }, 90_000);

  it("the case table: case file, risk checklist and trend, retention review, every tab in Dutch", async () => {
    const page = await signedIn(p.coordinator);
    await page.goto(`${server.url}/tables/${caseTableId}`);
    await page.getByTestId("table-case-code").waitFor({ timeout: 15_000 });

    await openTab(page, "case");
    await page.getByTestId("case-file").waitFor({ timeout: 10_000 });
    await page.getByTestId("case-controls").waitFor({ timeout: 10_000 });
    await checkScreen(page, "case table: case file and controls");

    await openTab(page, "drafts");
    await page.getByTestId("risk-new").locator("summary").click();
    await page.getByTestId("risk-title").waitFor({ timeout: 10_000 });
    await checkScreen(page, "case table: drafts with the risk checklist form open");

    await openTab(page, "risk");
    await page.locator('[data-testid^="risk-trend-"]').first().waitFor({ timeout: 10_000 });
    await page.locator('[data-testid^="risk-point-"]').first().waitFor({ timeout: 10_000 });
    await checkScreen(page, "case table: risk trend with a checklist");
    await page.screenshot({ path: "test-results/a11y-risk-trend.png", fullPage: true });

    await openTab(page, "retention");
    await page.getByTestId("retention-review").waitFor({ timeout: 10_000 });
    await checkScreen(page, "case table: retention review");

    for (const tab of ["notebook", "received", "released", "board", "meetings", "participants", "declines", "feedback", "log"]) {
      await openTab(page, tab);
      await page.waitForLoadState("networkidle");
      await checkScreen(page, `case table: ${tab}, in Dutch`);
    }
  }, 240_000);

  it("setting up a second factor: the page, the key and QR code, the recovery codes", async () => {
    const page = await signedIn(p.outsider);
    await page.getByTestId("nav-second-factor").click();
    await page.getByTestId("second-factor-start").waitFor({ timeout: 10_000 });
    await checkScreen(page, "second factor: not set up");
    await page.getByTestId("second-factor-start").click();
    await page.getByTestId("second-factor-qr").waitFor({ timeout: 10_000 });
    await checkScreen(page, "second factor: key and QR code");
    const key = ((await page.getByTestId("second-factor-key").textContent()) ?? "").replace(/\s+/g, "");
    await page.getByTestId("second-factor-confirm-code").fill("000000");
    await page.getByTestId("second-factor-confirm").click();
    await page.locator('[role="alert"], .field-error').first().waitFor({ timeout: 10_000 });
    await checkScreen(page, "second factor: a wrong code");
    await page.getByTestId("second-factor-confirm-code").fill(await new Authenticator(key).freshCode());
    await page.getByTestId("second-factor-confirm").click();
    await page.getByTestId("recovery-codes").waitFor({ timeout: 10_000 });
    await checkScreen(page, "second factor: the recovery codes");
    await page.screenshot({ path: "test-results/a11y-recovery-codes.png" });
  }, 90_000);

  it("an organisation that requires a second factor: only its set-up is shown", async () => {
    await p.admin.ok("PUT", `/api/admin/organisations/${p.police.account.organisation.id}/second-factor`, { required: true });
    const page = await dutchPage();
    await page.goto(server.url);
    await page.getByTestId("signin-username").fill(p.police.username);
    await page.getByTestId("signin-password").fill(PASSWORD);
    await page.getByTestId("signin-submit").click();
    await page.getByTestId("second-factor-required").waitFor({ timeout: 15_000 });
    await checkScreen(page, "second factor: required by the organisation");
  }, 90_000);

  it("signing in with a second factor: the code step, also with an error", async () => {
    const page = await dutchPage();
    await page.goto(server.url);
    await page.getByTestId("signin-username").fill(p.parket.username);
    await page.getByTestId("signin-password").fill(PASSWORD);
    await page.getByTestId("signin-submit").click();
    await page.getByTestId("signin-code").waitFor({ timeout: 10_000 });
    await checkScreen(page, "sign in: the code step");
    await page.getByTestId("signin-code").fill("123456");
    await page.getByTestId("signin-code-submit").click();
    await page.locator('[role="alert"], .field-error').first().waitFor({ timeout: 10_000 });
    await checkScreen(page, "sign in: the code step with a wrong code");
    await page.getByTestId("signin-code").fill(await enrolled.app.freshCode());
    await page.getByTestId("signin-code-submit").click();
    await page.getByTestId("nav-signout").waitFor({ timeout: 10_000 });
    await page.getByTestId("nav-second-factor").click();
    await page.getByTestId("second-factor-status").waitFor({ timeout: 10_000 });
    await checkScreen(page, "second factor: on");
  }, 90_000);
});
