// Every screen, in every state a person meets it in, passes axe-core (WCAG 2.2 AA and
// best practices) without a serious or critical violation, a Tab sweep reaches each of
// its controls with a visible focus indicator, and at 320 CSS px (400% zoom) it needs no
// sideways scrolling. The world is built through the API; each screen is then reached in
// a real browser the way its person reaches it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { AgreementBody } from "../../shared/schemas.js";
import type { AgreementView, DeclineView, DraftView, FeedbackSheetView, MeetingView, OrganisationView, TableView } from "../../shared/types.js";
import { ApiClient } from "../support/api.js";
import { expectNoSeriousViolations } from "../support/axe.js";
import { expectKeyboardReachable } from "../support/keyboard.js";
import { expectReflow } from "../support/reflow.js";
import { launchBrowser } from "../support/browser.js";
import { ensureClientBuilt } from "../support/client.js";
import { activate, buildMember, createAccountAs, join, openTable, PASSWORD, releaseCanary, type Member } from "../support/factories.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

/** The people and things the screens show; filled in by the setup screen's test and beforeAll. */
interface Cast {
  admin: ApiClient;
  chair: Member;
  alice: Member;
  bob: Member;
  /** Invited, has not answered: the tables list with an invitation, the invitation page. */
  carol: Member;
  /** At no table at all: the empty tables list. */
  newcomer: Member;
  /** Still has the administrator's temporary password. */
  pending: { username: string; password: string };
  dpo: { username: string };
  table: TableView;
  agreement: AgreementView;
  meetings: { past: MeetingView; open: MeetingView };
  draftTitle: string;
  receivedId: string;
  declineId: string;
}
let cast: Cast;

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  return context.newPage();
}

async function signIn(username: string, password = PASSWORD): Promise<Page> {
  const page = await newPage();
  await page.goto(server.url);
  await page.getByTestId("signin-username").fill(username);
  await page.getByTestId("signin-password").fill(password);
  await page.getByTestId("signin-submit").click();
  await page.getByTestId("nav-signout").waitFor({ timeout: 10_000 });
  return page;
}

function charter(members: OrganisationView[], reviewDate: string): AgreementBody {
  return {
    title: "Accessible charter",
    legalBasis: { kind: "law", reference: "Art. 458ter Sw." },
    purpose: "integrity",
    members: members.map((o) => ({ organisationId: o.id, role: `${o.sector} partner` })),
    categories: [
      { key: "risk-assessment", label: "Risk assessment", article: "4.3", retentionDays: 365 },
      { key: "social-financial", label: "Social and financial", article: "4.4", retentionDays: 365 },
    ],
    matrix: [
      { category: "risk-assessment", sector: "care", allowed: true },
      { category: "risk-assessment", sector: "police", allowed: true },
      { category: "social-financial", sector: "care", allowed: true },
    ],
    minutesRules: "Minutes within 3 working days, per recipient.",
    reviewDate,
  };
}

/** An account as an administrator creates it; returns its temporary password. */
async function createAccount(admin: ApiClient, body: { name: string; username: string; organisationId: string; role: "member" | "dpo" }): Promise<string> {
  return (await createAccountAs(admin, body)).temporaryPassword;
}

/** Builds everyone and everything once the first administrator exists. */
async function buildCast(admin: ApiClient): Promise<Cast> {
  const chair = await buildMember(server, admin, { name: "Chair Claes", sector: "care", organisation: "OCMW Toegankelijk" });
  const alice = await buildMember(server, admin, { name: "Alice Aerts", sector: "care", organisation: "OCMW Toegankelijk" });
  const bob = await buildMember(server, admin, { name: "Bob Bosmans", sector: "police", organisation: "Politiezone Toegankelijk" });
  const carol = await buildMember(server, admin, { name: "Carol Claes", sector: "care" });
  const newcomer = await buildMember(server, admin, { name: "Nina Nieuw", sector: "care" });
  const orgs = await admin.ok<OrganisationView[]>("GET", "/api/admin/organisations");
  const org = (name: string) => orgs.find((o) => o.name === name) as OrganisationView;
  const pendingPassword = await createAccount(admin, { name: "Pieter Pending", username: "pending", organisationId: org("OCMW Toegankelijk").id, role: "member" });
  const dpoPassword = await createAccount(admin, { name: "Dora DPO", username: "dpo", organisationId: org("OCMW Toegankelijk").id, role: "dpo" });
  await activate(new ApiClient(server), "dpo", dpoPassword);

  // An agreement with two versions, so its page can compare them.
  const members = [org("OCMW Toegankelijk"), org("Politiezone Toegankelijk")];
  const agreement = await chair.client.ok<AgreementView>("POST", "/api/agreements", charter(members, "2027-06-30"));
  await chair.client.ok("POST", `/api/agreements/${agreement.id}/versions`, charter(members, "2028-06-30"));

  const table = await openTable(chair, "ACCESS-1");
  await join(chair, alice, table.id);
  await join(chair, bob, table.id);
  await chair.client.ok("POST", `/api/tables/${table.id}/participants`, { accountId: carol.account.id });

  // The chair has a draft, has released one to Bob, and received one from Alice.
  const draftTitle = "Home visit notes";
  await chair.client.ok<DraftView>("POST", `/api/tables/${table.id}/drafts`, { title: draftTitle, body: "Still to check with the school." });
  await releaseCanary(chair, table, [bob.account.id]);
  const { fragment } = await releaseCanary(alice, table, [chair.account.id]);
  const decline = await alice.client.ok<DeclineView>("POST", `/api/tables/${table.id}/declines`, { question: "Is there a prior police file?", reason: "Not relevant to this case." });
  await chair.client.ok<FeedbackSheetView>("POST", `/api/tables/${table.id}/feedback-sheets`, {
    addressee: "Referring school", outcome: "accepted", summary: "The case is accepted at the table.",
  });

  // One meeting with finalised minutes, one open.
  const past = await chair.client.ok<MeetingView>("POST", `/api/tables/${table.id}/meetings`, { agenda: ["Safety plan"] });
  await chair.client.ok("POST", `/api/tables/${table.id}/meetings/${past.id}/finalise`);
  const open = await chair.client.ok<MeetingView>("POST", `/api/tables/${table.id}/meetings`, { agenda: ["Safety plan", "School"] });
  await chair.client.ok("POST", `/api/tables/${table.id}/meetings/${open.id}/decisions`, { text: "A home visit next week.", agendaItem: 0 });
  await chair.client.ok("POST", `/api/tables/${table.id}/actions`, { title: "Call the school", ownerId: alice.account.id, due: "2027-01-15" });

  return {
    admin, chair, alice, bob, carol, newcomer,
    pending: { username: "pending", password: pendingPassword }, dpo: { username: "dpo" },
    table, agreement, meetings: { past, open }, draftTitle, receivedId: fragment.id, declineId: decline.id,
  };
}

beforeAll(async () => {
  await ensureClientBuilt();
  server = await startServer();
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
  if (server) await removeDir(server.dataDir);
});

/** axe on the screen as it is, a Tab sweep (every control reachable, focus always visible), reflow at 320 px. */
async function checkScreen(page: Page, screenName: string): Promise<void> {
  await expectNoSeriousViolations(page, screenName);
  await expectKeyboardReachable(page, screenName);
  await expectReflow(page, screenName);
}

async function openTab(page: Page, tab: string): Promise<void> {
  await page.getByTestId(`tab-${tab}`).click();
  await page.locator(`#table-panel-${tab}:not([hidden])`).waitFor({ timeout: 10_000 });
}

describe("every screen passes axe without a serious or critical violation", () => {
  it("setup, then the administrator's screen", async () => {
    const page = await newPage();
    await page.goto(`${server.url}/setup?token=${server.tafel.setupToken ?? ""}`);
    await page.getByTestId("setup-name").waitFor({ timeout: 10_000 });
    // Kept for the end: every later screen needs the administrator this form creates.
    const setupFinding = await checkScreen(page, "setup").then(() => null, (error: unknown) => error);
    await page.getByTestId("setup-name").fill("Admin");
    await page.getByTestId("setup-username").fill("admin");
    await page.getByTestId("setup-password").fill(PASSWORD);
    await page.getByTestId("setup-submit").click();
    await page.getByTestId("org-list").waitFor({ timeout: 10_000 });

    const admin = new ApiClient(server);
    await admin.signIn("admin", PASSWORD);
    cast = await buildCast(admin);
    await page.reload();
    await page.getByTestId("account-row-dpo").waitFor({ timeout: 10_000 });
    await checkScreen(page, "administration: organisations and accounts");
    if (setupFinding) throw setupFinding;
    // Building the whole cast hashes a dozen passwords: generous on a loaded machine.
  }, 300_000);

  it("sign in, also with an error shown, and choosing one's own password", async () => {
    const page = await newPage();
    await page.goto(server.url);
    await page.getByTestId("signin-username").waitFor({ timeout: 10_000 });
    await checkScreen(page, "sign in");
    await page.getByTestId("signin-username").fill(cast.alice.username);
    await page.getByTestId("signin-password").fill("not the password");
    await page.getByTestId("signin-submit").click();
    await page.getByRole("alert").first().waitFor({ timeout: 10_000 });
    await checkScreen(page, "sign in with an error");

    const pending = await signIn(cast.pending.username, cast.pending.password);
    await pending.getByTestId("password-current").waitFor({ timeout: 10_000 });
    await checkScreen(pending, "change password");
    await pending.getByTestId("password-current").fill(cast.pending.password);
    await pending.getByTestId("password-next").fill(PASSWORD);
    await pending.getByTestId("password-repeat").fill(`${PASSWORD}x`);
    await pending.getByTestId("password-submit").click();
    await pending.locator("#password-repeat-error").waitFor({ timeout: 10_000 });
    // Focus moves to the field, which now says it is invalid and why.
    await expect.poll(() => pending.evaluate(() => document.activeElement?.id), { timeout: 10_000 }).toBe("password-repeat");
    expect(await pending.getByTestId("password-repeat").getAttribute("aria-invalid")).toBe("true");
    expect(await pending.getByTestId("password-repeat").getAttribute("aria-describedby")).toContain("password-repeat-error");
    await checkScreen(pending, "change password with an error");
  }, 60_000);

  it("the tables list, empty and with an invitation, and the invitation page", async () => {
    const empty = await signIn(cast.newcomer.username);
    await empty.getByRole("heading", { level: 1 }).waitFor({ timeout: 10_000 });
    await empty.locator(".empty, [data-testid=tables-list]").first().waitFor({ timeout: 10_000 });
    await checkScreen(empty, "tables list, empty");

    const page = await signIn(cast.carol.username);
    const invitation = page.locator('[data-testid^="invitation-"]').first();
    await invitation.waitFor({ timeout: 10_000 });
    await checkScreen(page, "tables list with an invitation");
    await page.goto(`${server.url}/tables/${cast.table.id}/invitation`);
    await page.getByTestId("accept-submit").waitFor({ timeout: 10_000 });
    await checkScreen(page, "invitation");
  }, 60_000);

  it("the table page, each tab, as the chair", async () => {
    const page = await signIn(cast.chair.username);
    await page.getByTestId(`table-link-${cast.table.caseCode}`).click();
    await expect.poll(() => page.getByTestId("connection-status").getAttribute("data-state"), { timeout: 10_000 }).toBe("live");

    await page.getByTestId(`draft-${cast.draftTitle}`).waitFor({ timeout: 10_000 });
    await checkScreen(page, "table: drafts, with a draft");

    await openTab(page, "notebook");
    await page.locator('[data-testid="notebook-editor"] [contenteditable="true"]').waitFor({ timeout: 10_000 });
    await checkScreen(page, "table: notebook");

    await openTab(page, "received");
    await page.getByTestId(`received-${cast.receivedId}`).waitFor({ timeout: 10_000 });
    await checkScreen(page, "table: received, with a fragment");

    await openTab(page, "released");
    await page.locator('[data-testid^="released-"]').first().waitFor({ timeout: 10_000 });
    await checkScreen(page, "table: released");

    await openTab(page, "board");
    await page.locator('[data-testid="board-editor"] [contenteditable="true"]').waitFor({ timeout: 10_000 });
    await checkScreen(page, "table: board");

    await openTab(page, "meetings");
    await page.getByTestId(`meeting-${cast.meetings.open.id}`).waitFor({ timeout: 10_000 });
    await checkScreen(page, "table: meetings, one open");
    await page.getByTestId(`minutes-copy-${cast.meetings.past.id}`).click();
    await page.getByTestId("minutes-rendition").waitFor({ timeout: 10_000 });
    await checkScreen(page, "table: meetings, minutes copy open");

    await openTab(page, "participants");
    await page.getByTestId("participants-table").waitFor({ timeout: 10_000 });
    await checkScreen(page, "table: participants");

    await openTab(page, "declines");
    await page.getByTestId(`decline-${cast.declineId}`).waitFor({ timeout: 10_000 });
    await checkScreen(page, "table: declines");

    await openTab(page, "feedback");
    await page.locator('[data-testid^="feedback-approvals-"]').first().waitFor({ timeout: 10_000 });
    await checkScreen(page, "table: feedback");

    await openTab(page, "log");
    await expect.poll(() => page.getByTestId("log-status").getAttribute("data-state"), { timeout: 15_000 }).toBe("verified");
    await checkScreen(page, "table: log, verified");

    await openTab(page, "drafts");
    await page.getByTestId(`draft-release-${cast.draftTitle}`).click();
    await page.getByTestId("release-dialog").waitFor({ timeout: 10_000 });
    await page.getByTestId("release-category").selectOption("risk-assessment");
    await page.getByTestId(`release-recipient-${cast.bob.account.id}`).waitFor({ timeout: 10_000 });
    await checkScreen(page, "table: release dialog open");
  }, 120_000);

  it("the table page as a participant who is not the chair", async () => {
    const page = await signIn(cast.alice.username);
    await page.getByTestId(`table-link-${cast.table.caseCode}`).click();
    await page.getByTestId("tab-meetings").waitFor({ timeout: 10_000 });
    await openTab(page, "meetings");
    await page.getByTestId(`meeting-${cast.meetings.open.id}`).waitFor({ timeout: 10_000 });
    await checkScreen(page, "table: meetings, as a participant");
    await openTab(page, "feedback");
    await page.locator('[data-testid^="feedback-approve-"]').first().waitFor({ timeout: 10_000 });
    await checkScreen(page, "table: feedback, as a participant");
    await openTab(page, "participants");
    await page.getByTestId("participants-table").waitFor({ timeout: 10_000 });
    await checkScreen(page, "table: participants, as a participant");
  }, 60_000);

  it("sharing agreements: the list, the form, an agreement with its comparison", async () => {
    const page = await signIn(cast.chair.username);
    await page.getByTestId("nav-agreements").click();
    await page.getByTestId("agreements-list").waitFor({ timeout: 10_000 });
    await checkScreen(page, "agreements list");

    await page.getByTestId("agreements-new").click();
    await page.getByTestId("agreement-title").waitFor({ timeout: 10_000 });
    await checkScreen(page, "agreement form");

    await page.goto(`${server.url}/agreements/${cast.agreement.id}`);
    await page.getByTestId("agreement-heading").waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="compare-result"] table').waitFor({ timeout: 10_000 });
    await checkScreen(page, "agreement with its comparison");
  }, 60_000);

  it("the data protection officer's screen with a report", async () => {
    const page = await signIn(cast.dpo.username);
    await page.getByTestId(`dpo-table-${cast.table.caseCode}`).click();
    await checkScreen(page, "DPO: table chosen");
    await page.getByTestId(`dpo-person-${cast.table.personsConcerned[0]?.pseudonym}`).click();
    await page.getByTestId("dpo-report").waitFor({ timeout: 10_000 });
    await checkScreen(page, "DPO: disclosure report");
  }, 60_000);

  it("not found", async () => {
    const page = await signIn(cast.newcomer.username);
    await page.goto(`${server.url}/no/such/screen`);
    await page.getByTestId("not-found").waitFor({ timeout: 10_000 });
    await checkScreen(page, "not found");
  }, 60_000);
});
