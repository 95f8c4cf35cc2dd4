// Retention in the browser: after the clock passes a fragment's retention period and the
// job runs, its recipient's Received tab says when and under which article it expired —
// and shows no content; the chair's review and the DPO's overview show what falls due.
// Every screen passes axe.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { AuthoredFragmentView, DraftView, TableView } from "../../shared/types.js";
import { ApiClient } from "../support/api.js";
import { formatFindings, seriousViolations } from "../support/axe.js";
import { launchBrowser } from "../support/browser.js";
import { ensureClientBuilt } from "../support/client.js";
import { activate, bootstrapAdmin, buildMember, canary, createAccountAs, PASSWORD, type Member } from "../support/factories.js";
import { agreementInForce, tableUnder } from "../support/retention.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

const DAY = 86_400_000;
let offset = 0;
let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let chair: Member;
let alice: Member;
let bob: Member;
let table: TableView;

async function signedIn(username: string, path: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByTestId("signin-username").fill(username);
  await page.getByTestId("signin-password").fill(PASSWORD);
  await page.getByTestId("signin-submit").click();
  await page.getByTestId("signin-submit").waitFor({ state: "detached", timeout: 15_000 });
  await page.goto(`${server.url}${path}`);
  return page;
}

async function expectAccessible(page: Page, screen: string): Promise<void> {
  const findings = await seriousViolations(page);
  expect(findings, formatFindings(screen, findings)).toEqual([]);
}

beforeAll(async () => {
  await ensureClientBuilt();
  server = await startServer({ now: () => new Date(Date.now() + offset) });
  const admin = await bootstrapAdmin(server);
  chair = await buildMember(server, admin, { name: "Chair" });
  alice = await buildMember(server, admin, { name: "Alice" });
  bob = await buildMember(server, admin, { name: "Bob" });
  const created = await createAccountAs(admin, { name: "DPO", username: "dpo", organisationId: chair.account.organisation.id, role: "dpo" });
  await activate(new ApiClient(server), "dpo", created.temporaryPassword);
  const agreement = await agreementInForce([chair, alice, bob], [{ key: "social-financial", article: "5.1", retentionDays: 30 }]);
  table = await tableUnder(chair, [alice, bob], agreement.id, "RET-E2E");
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
  if (server) {
    await removeDir(server.dataDir);
    await removeDir(`${server.dataDir}.key`);
  }
});

describe("retention in the browser", () => {
  it("shows what falls due to the DPO and the chair, and the recipient an expiry notice instead of content", async () => {
    const secret = canary();
    const draft = await alice.client.ok<DraftView>("POST", `/api/tables/${table.id}/drafts`, { title: `Income ${secret.slice(7, 15)}`, body: `Debts: ${secret}` });
    const fragment = await alice.client.ok<AuthoredFragmentView>("POST", `/api/tables/${table.id}/drafts/${draft.id}/release`, {
      recipients: [bob.account.id], category: "social-financial", kind: "fact", personsConcerned: [table.personsConcerned[0]?.id], purpose: "integrity", justification: "Budget plan.",
    });

    const dpo = await signedIn("dpo", "/dpo");
    await dpo.getByTestId("dpo-retention").waitFor();
    // Due in 30 days: not within a week, within 90 days.
    await dpo.locator("#dpo-retention-within").selectOption("7");
    await expect.poll(() => dpo.getByTestId("dpo-retention").textContent(), { timeout: 10_000 }).toContain("Nothing falls due within 7 days");
    await dpo.locator("#dpo-retention-within").selectOption("90");
    await dpo.getByTestId(`retention-row-${fragment.id}`).waitFor({ timeout: 10_000 });
    expect(await dpo.getByTestId(`retention-row-${fragment.id}`).textContent()).toContain("5.1");
    await expectAccessible(dpo, "DPO retention overview");

    offset = 31 * DAY;
    expect((await server.tafel.retention.run()).expired).toHaveLength(1);

    const b = await signedIn(bob.username, `/tables/${table.id}`);
    await b.getByTestId("tab-received").click();
    const notice = b.getByTestId(`expired-${fragment.id}`);
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toMatch(/Expired on .+ under article 5\.1/);
    await expectAccessible(b, "received tab with an expired fragment");
    expect(await b.content()).not.toContain(secret);

    const c = await signedIn(chair.username, `/tables/${table.id}`);
    await c.getByTestId("tab-retention").click();
    await c.getByTestId(`retention-row-${fragment.id}`).waitFor({ timeout: 10_000 });
    expect(await c.getByTestId(`retention-row-${fragment.id}`).textContent()).toContain("Deleted on");
  }, 180_000);
});
