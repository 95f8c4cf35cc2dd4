// From referral to case table, in the browser and in Dutch: a referrer refers a case
// anonymously, the coordinator checks the partnership's criteria at the triage table,
// accepts it — identifying the person only now — and opens a case table with a case
// director and a track; the case director accepts the statement and sees the case
// with the person's name. The referrer sees the status only, never the name.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { MyReferralView, ReferralView } from "../../shared/types.js";
import { expectNoSeriousViolations } from "../support/axe.js";
import { launchBrowser } from "../support/browser.js";
import { ensureClientBuilt } from "../support/client.js";
import { canary, PASSWORD, type Member } from "../support/factories.js";
import { buildPartnership, CRITERIA, type Partnership } from "../support/lifecycle.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

let server: TestServer;
let browser: Browser;
let p: Partnership;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  await ensureClientBuilt();
  server = await startServer();
  p = await buildPartnership(server, "E2E");
  // Each person works in Dutch: their account's language (and this browser's choice).
  for (const m of [p.coordinator, p.referrer, p.police]) await m.client.ok("PUT", "/api/auth/preferences", { locale: "nl" });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
  if (server) await removeDir(server.dataDir);
});

async function signedIn(member: Member): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "nl-BE" });
  await context.addInitScript(() => localStorage.setItem("tafel.language", "nl"));
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByTestId("signin-username").fill(member.username);
  await page.getByTestId("signin-password").fill(PASSWORD);
  await page.getByTestId("signin-submit").click();
  await page.getByTestId("nav-referrals").waitFor({ timeout: 15_000 });
  return page;
}

describe("a referral becomes a case table, in Dutch", () => {
  it("the referrer refers, the coordinator triages and opens a case table, the case director sees it", async () => {
    const name = `Moeder ${canary()}`;

    // 1. The referrer refers the case: no field for a name anywhere in the form.
    const referrerPage = await signedIn(p.referrer);
    await referrerPage.getByTestId("nav-referrals").click();
    await referrerPage.getByRole("heading", { level: 1, name: "Een casus aanmelden" }).waitFor({ timeout: 10_000 });
    await referrerPage.getByTestId("referral-partnership").selectOption({ label: p.agreement.versions[0]?.content.title ?? "" });
    await referrerPage.getByTestId("referral-description").fill("Een moeder en twee kinderen; de vader bedreigt hen sinds de scheiding.");
    await referrerPage.getByTestId("referral-consent-not-asked").check();
    await referrerPage.getByTestId("referral-consent-reason").fill("Vragen zou de moeder in gevaar brengen.");
    await referrerPage.getByTestId("referral-informed-yes").check();
    expect(await referrerPage.getByTestId("referral-form").locator("input, textarea, select").count()).toBe(8);
    await expectNoSeriousViolations(referrerPage, "refer a case");
    await referrerPage.getByTestId("referral-submit").click();
    const [mine] = await (async () => {
      await expect.poll(async () => (await p.referrer.client.ok<MyReferralView[]>("GET", "/api/referrals/mine")).length, { timeout: 10_000 }).toBe(1);
      return p.referrer.client.ok<MyReferralView[]>("GET", "/api/referrals/mine");
    })();
    const referralId = mine?.id as string;
    const row = referrerPage.getByTestId(`my-referral-${referralId}`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getAttribute("data-status")).toBe("referred");
    expect(await row.textContent()).toContain("Wacht op triage");

    // 2. The coordinator checks the criteria at the triage table and accepts.
    const coordinatorPage = await signedIn(p.coordinator);
    await coordinatorPage.getByTestId("table-link-TRIAGE-E2E").click();
    const tab = coordinatorPage.getByTestId("tab-case");
    await tab.waitFor({ timeout: 10_000 });
    await expect.poll(() => tab.textContent(), { timeout: 10_000 }).toContain("Aanmeldingen");
    await tab.click();
    const card = coordinatorPage.getByTestId(`referral-${referralId}`);
    await card.waitFor({ timeout: 10_000 });
    expect(await card.textContent()).toContain("toestemming niet gevraagd");
    await expectNoSeriousViolations(coordinatorPage, "triage queue");
    for (let i = 0; i < CRITERIA.length; i += 1) await coordinatorPage.getByTestId(`criterion-${referralId}-${i}`).check();
    await coordinatorPage.getByTestId(`save-checklist-${referralId}`).click();
    await expect.poll(() => card.getAttribute("data-status"), { timeout: 10_000 }).toBe("in-triage");
    await coordinatorPage.getByTestId(`outcome-${referralId}-accept`).check();
    await coordinatorPage.getByTestId(`decision-reason-${referralId}`).fill("Alle criteria zijn voldaan; een gezamenlijk plan is nodig.");
    await coordinatorPage.getByTestId(`decision-track-${referralId}`).selectOption("2");
    await coordinatorPage.getByTestId(`decision-director-${referralId}`).selectOption(p.police.account.id);
    await coordinatorPage.getByTestId(`decision-case-code-${referralId}`).fill("CO3-E2E-1");
    await coordinatorPage.getByTestId(`person-name-${referralId}-0`).fill(name);
    await coordinatorPage.getByTestId(`person-birth-${referralId}-0`).fill("1988-03-04");
    await coordinatorPage.getByTestId(`decide-${referralId}`).click();
    const decision = coordinatorPage.getByTestId(`referral-decision-${referralId}`);
    await decision.waitFor({ timeout: 10_000 });
    expect(await decision.textContent()).toContain("Aanvaarden en een casustafel openen");
    expect(await coordinatorPage.content()).not.toContain(name);
    const [decided] = await p.coordinator.client.ok<ReferralView[]>("GET", `/api/tables/${p.triage.id}/referrals`);
    const caseTableId = decided?.decision?.caseTableId as string;
    expect(caseTableId).toMatch(/^[0-9a-f-]{36}$/);

    // 3. The case director accepts the statement and sees the case, with the name.
    const directorPage = await signedIn(p.police);
    await directorPage.getByTestId(`invitation-${caseTableId}`).click();
    await directorPage.getByTestId("accept-checkbox").check();
    await directorPage.getByTestId("accept-submit").click();
    await directorPage.getByTestId("table-case-code").waitFor({ timeout: 10_000 });
    expect(await directorPage.getByTestId("table-case-code").textContent()).toBe("CO3-E2E-1");
    await directorPage.getByTestId("tab-case").click();
    const persons = directorPage.getByTestId("case-persons");
    await persons.waitFor({ timeout: 10_000 });
    expect(await persons.textContent()).toContain(name);
    expect(await directorPage.getByTestId("case-track").textContent()).toBe("Spoor 2: Midden");
    expect(await directorPage.getByTestId("case-status").textContent()).toBe("Lopend");
    await directorPage.getByTestId("case-controls").waitFor();
    await expectNoSeriousViolations(directorPage, "case file");

    // The referrer sees the status only.
    await referrerPage.reload();
    await expect.poll(async () => (await referrerPage.getByTestId(`my-referral-${referralId}`).textContent()) ?? "", { timeout: 10_000 }).toContain("Aanvaard");
    expect(await referrerPage.content()).not.toContain(name);

    // 4. The case director's controls: a track change with its reason; a closure without
    // a reason is refused in the form, with one it closes the case.
    await directorPage.getByTestId("case-new-track").selectOption("1");
    await directorPage.getByTestId("case-track-reason").fill("De vader is verhuisd; het veiligheidsplan houdt.");
    await directorPage.getByTestId("case-track-submit").click();
    await expect.poll(async () => (await directorPage.getByTestId("case-track").textContent()) ?? "", { timeout: 10_000 }).toMatch(/^Spoor 1: /);
    await directorPage.getByTestId("case-close-submit").click();
    await expect.poll(async () => directorPage.getByTestId("case-close-reason").getAttribute("aria-invalid"), { timeout: 10_000 }).toBe("true");
    expect(await directorPage.getByTestId("case-status").textContent()).toBe("Lopend");
    await directorPage.getByTestId("case-close-reason").fill("Het veiligheidsplan houdt; de hulp loopt verder.");
    await directorPage.getByTestId("case-close-submit").click();
    await expect.poll(async () => (await directorPage.getByTestId("case-status").textContent()) ?? "", { timeout: 10_000 }).toBe("Afgesloten");
    const log = await p.police.client.ok<{ entries: { type: string }[] }>("GET", `/api/tables/${caseTableId}/log`);
    expect(log.entries.slice(-2).map((e) => e.type)).toEqual(["case-track-changed", "case-closed"]);
  }, 180_000);
});
