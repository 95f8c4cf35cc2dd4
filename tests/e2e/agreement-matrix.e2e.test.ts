// "The agreement decides", in the browser: a chair drafts a sharing agreement's matrix,
// both member organisations sign it, and a release it allows goes through. The chair then
// drafts version 2 with one cell unticked; once both have signed, the same release is
// refused: the release dialog shows the officer excluded with the article named, and the
// API refuses it with that same article.
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { AuthoredFragmentView, DraftView, OrganisationView, TableView } from "../../shared/types.js";
import { launchBrowser } from "../support/browser.js";
import { ensureClientBuilt } from "../support/client.js";
import { bootstrapAdmin, buildMember, canary, PASSWORD, type Member } from "../support/factories.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import type { ApiClient } from "../support/api.js";

const TITLE = "Matrix charter e2e";
/** The article number the chair gives the risk-assessment category. */
const ARTICLE = "7.3";

let server: TestServer;
let browser: Browser;
let admin: ApiClient;
let chair: Member;
let officer: Member;
let orgs: { care: OrganisationView; police: OrganisationView };
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  await ensureClientBuilt();
  server = await startServer();
  admin = await bootstrapAdmin(server);
  chair = await buildMember(server, admin, { name: "Care Chair", sector: "care", organisation: "OCMW Matrixstad" });
  officer = await buildMember(server, admin, { name: "Officer Peeters", sector: "police", organisation: "Politiezone Matrixstad" });
  const all = await admin.ok<OrganisationView[]>("GET", "/api/admin/organisations");
  const byName = (n: string) => all.find((o) => o.name === n) as OrganisationView;
  orgs = { care: byName("OCMW Matrixstad"), police: byName("Politiezone Matrixstad") };
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
  if (server) await removeDir(server.dataDir);
});

async function signedIn(member: Member): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByTestId("signin-username").fill(member.username);
  await page.getByTestId("signin-password").fill(PASSWORD);
  await page.getByTestId("signin-submit").click();
  await page.getByTestId("nav-agreements").waitFor({ timeout: 10_000 });
  return page;
}

async function openAgreement(page: Page): Promise<void> {
  await page.getByTestId("nav-agreements").click();
  await page.getByTestId(`agreement-${TITLE}`).click();
  await page.getByTestId("agreement-heading").waitFor({ timeout: 10_000 });
}

async function sign(page: Page, version: number): Promise<void> {
  const button = page.getByTestId(`sign-${version}`);
  await button.click();
  await button.waitFor({ state: "detached", timeout: 10_000 });
}

function releaseBody(table: TableView, recipients: string[]) {
  return {
    recipients,
    category: "risk-assessment",
    kind: "fact",
    personsConcerned: [table.personsConcerned[0]?.id],
    purpose: "integrity",
    justification: "Police need the risk assessment for the safety plan.",
  };
}

async function draft(table: TableView, title: string): Promise<DraftView> {
  return chair.client.ok<DraftView>("POST", `/api/tables/${table.id}/drafts`, { title, body: `Body ${canary()}` });
}

describe("editing the agreement matrix in the browser", () => {
  it("a chair edits the matrix, two organisations sign, and a previously allowed release is then refused with the article named", async () => {
    const chairPage = await signedIn(chair);
    const officerPage = await signedIn(officer);

    // Version 1: the chair drafts it; risk assessments may go to care and police.
    await chairPage.getByTestId("nav-agreements").click();
    await chairPage.getByTestId("agreements-new").click();
    await chairPage.getByTestId("agreement-title").fill(TITLE);
    await chairPage.getByTestId("agreement-legal-reference").fill("Art. 458ter Sw.");
    await chairPage.getByTestId(`agreement-member-role-${orgs.care.id}`).fill("care partner");
    await chairPage.getByTestId(`agreement-member-${orgs.police.id}`).check();
    await chairPage.getByTestId(`agreement-member-role-${orgs.police.id}`).fill("police partner");
    await chairPage.getByTestId("agreement-category-risk-assessment").check();
    await chairPage.getByTestId("agreement-category-article-risk-assessment").fill(ARTICLE);
    await chairPage.getByTestId("matrix-risk-assessment-care").check();
    await chairPage.getByTestId("matrix-risk-assessment-police").check();
    await chairPage.getByTestId("agreement-minutes").fill("Minutes within 3 working days, per recipient.");
    await chairPage.getByTestId("agreement-review").fill("2027-06-30");
    await chairPage.getByTestId("agreement-submit").click();
    await chairPage.getByTestId("version-1").waitFor({ timeout: 10_000 });
    const agreementId = new URL(chairPage.url()).pathname.split("/").pop() as string;
    expect(agreementId).toMatch(/^[0-9a-f-]{36}$/);

    // Both organisations sign version 1, each in its own browser.
    await sign(chairPage, 1);
    await openAgreement(officerPage);
    await sign(officerPage, 1);
    await expect.poll(() => officerPage.getByTestId("version-1").getAttribute("data-status"), { timeout: 10_000 }).toBe("in-force");

    // A table under the agreement, with the officer at it (setup via the API).
    const table = await chair.client.ok<TableView>("POST", "/api/tables", {
      caseCode: "MATRIX-1", purpose: "integrity", purposeDetail: "Protect V1.", personsConcerned: [{ pseudonym: "V1" }],
      confidentialityAccepted: true, agreementId,
    });
    expect(table.agreement).toMatchObject({ id: agreementId, version: 1 });
    await chair.client.ok("POST", `/api/tables/${table.id}/participants`, { accountId: officer.account.id });
    await officer.client.ok("POST", `/api/tables/${table.id}/accept`, { confidentialityAccepted: true });

    // Under version 1 a risk assessment may go to the officer.
    const first = await draft(table, "Risk assessment one");
    const allowed = await chair.client.ok<AuthoredFragmentView>(
      "POST", `/api/tables/${table.id}/drafts/${first.id}/release`, releaseBody(table, [officer.account.id]),
    );
    expect(allowed.recipients.map((r) => r.recipient.id)).toEqual([officer.account.id]);

    // Version 2, in the browser: prefilled from version 1, the police cell unticked.
    await chairPage.getByTestId("agreement-new-version").click();
    const cell = chairPage.getByTestId("matrix-risk-assessment-police");
    await cell.waitFor({ timeout: 10_000 });
    expect(await cell.isChecked()).toBe(true);
    expect(await chairPage.getByTestId("agreement-category-article-risk-assessment").inputValue()).toBe(ARTICLE);
    await cell.uncheck();
    await chairPage.getByTestId("agreement-submit").click();
    await chairPage.getByTestId("version-2").waitFor({ timeout: 10_000 });

    await sign(chairPage, 2);
    await officerPage.reload();
    await officerPage.getByTestId("version-2").waitFor({ timeout: 10_000 });
    await sign(officerPage, 2);
    await expect.poll(() => officerPage.getByTestId("version-2").getAttribute("data-status"), { timeout: 10_000 }).toBe("in-force");
    expect((await chair.client.ok<TableView>("GET", `/api/tables/${table.id}`)).agreement?.version).toBe(2);

    // The chair's release dialog for a new risk assessment: the officer is excluded, with the article.
    const secondTitle = "Risk assessment two";
    const second = await draft(table, secondTitle);
    await chairPage.getByTestId("nav-tables").click();
    await chairPage.getByTestId(`table-link-${table.caseCode}`).click();
    await chairPage.getByTestId("tab-drafts").click();
    await chairPage.getByTestId(`draft-release-${secondTitle}`).click();
    await chairPage.getByTestId("release-category").selectOption("risk-assessment");
    const reason = chairPage.getByTestId(`release-excluded-${officer.account.id}`);
    await reason.waitFor({ timeout: 10_000 });
    expect(await reason.textContent()).toContain(`article ${ARTICLE}`);
    expect(await chairPage.getByTestId(`release-recipient-${officer.account.id}`).isDisabled()).toBe(true);
    mkdirSync("test-results", { recursive: true });
    await chairPage.screenshot({ path: "test-results/agreement-refused.png" });

    // The same release through the API is refused, naming the same article.
    const refused = await chair.client.request<{ error: { message: string } }>(
      "POST", `/api/tables/${table.id}/drafts/${second.id}/release`, releaseBody(table, [officer.account.id]),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain(`article ${ARTICLE}`);
    expect(refused.body.error.message).toContain(`'${TITLE}' v2`);
  }, 120_000);
});
