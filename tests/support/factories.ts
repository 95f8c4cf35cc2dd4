// Builders for the people and tables tests need, through the real API only.
import { randomUUID } from "node:crypto";
import type { Category, Sector } from "../../shared/schemas.js";
import type { AccountView, AuthoredFragmentView, CreatedAccountView, DraftView, OrganisationView, TableView } from "../../shared/types.js";
import { ApiClient } from "./api.js";
import type { TestServer } from "./server.js";

export const PASSWORD = "correct horse battery staple";

/** Signs in with the temporary password the server generated and chooses PASSWORD, as a person would. */
export async function activate(client: ApiClient, username: string, temporaryPassword: string): Promise<void> {
  await client.signIn(username, temporaryPassword);
  await client.ok("POST", "/api/auth/password", { current: temporaryPassword, next: PASSWORD });
}

/** An administrator creates an account; the answer carries the generated temporary password once. */
export async function createAccountAs(
  admin: ApiClient,
  body: { name: string; username: string; organisationId: string; role: "member" | "admin" | "dpo" },
): Promise<CreatedAccountView> {
  return admin.ok<CreatedAccountView>("POST", "/api/admin/accounts", body);
}

export async function bootstrapAdmin(server: TestServer): Promise<ApiClient> {
  const admin = new ApiClient(server);
  const token = server.tafel.setupToken;
  if (!token) throw new Error("server has no setup token (an administrator exists already)");
  await admin.ok("POST", "/api/setup", { token, name: "Admin", username: "admin", password: PASSWORD });
  return admin;
}

export interface Member {
  client: ApiClient;
  account: AccountView;
  username: string;
}

let counter = 0;

export async function buildMember(
  server: TestServer,
  admin: ApiClient,
  options: { name?: string; sector?: Sector; organisation?: string } = {},
): Promise<Member> {
  counter += 1;
  const sector = options.sector ?? "care";
  const orgName = options.organisation ?? `Org ${counter} ${sector} ${randomUUID().slice(0, 6)}`;
  const orgs = await admin.ok<OrganisationView[]>("GET", "/api/admin/organisations");
  const org = orgs.find((o) => o.name === orgName) ??
    (await admin.ok<OrganisationView>("POST", "/api/admin/organisations", { name: orgName, sector, secrecy: sector === "care" ? "professional" : "official" }));
  const username = `user${counter}-${randomUUID().slice(0, 6)}`;
  const account = await createAccountAs(admin, {
    name: options.name ?? `Person ${counter}`,
    username,
    organisationId: org.id,
    role: "member",
  });
  const client = new ApiClient(server);
  await activate(client, username, account.temporaryPassword);
  return { client, account, username };
}

export async function openTable(chair: Member, caseCode = `CASE-${randomUUID().slice(0, 8)}`): Promise<TableView> {
  return chair.client.ok<TableView>("POST", "/api/tables", {
    caseCode,
    purpose: "integrity",
    purposeDetail: "Protect the persons concerned.",
    personsConcerned: [{ pseudonym: "V1" }, { pseudonym: "K1" }],
    confidentialityAccepted: true,
  });
}

export async function join(chair: Member, member: Member, tableId: string): Promise<void> {
  await chair.client.ok("POST", `/api/tables/${tableId}/participants`, { accountId: member.account.id });
  await member.client.ok("POST", `/api/tables/${tableId}/accept`, { confidentialityAccepted: true });
}

export interface World {
  admin: ApiClient;
  chair: Member;
  members: Member[];
  table: TableView;
}

/** An administrator, a chair and `n` participants who all accepted, at one table. */
export async function buildWorld(server: TestServer, n: number, sectors: Sector[] = []): Promise<World> {
  const admin = await bootstrapAdmin(server);
  const chair = await buildMember(server, admin, { name: "Chair" });
  const members: Member[] = [];
  for (let i = 0; i < n; i += 1) members.push(await buildMember(server, admin, { name: `Member ${i + 1}`, sector: sectors[i] ?? "care" }));
  const table = await openTable(chair);
  for (const m of members) await join(chair, m, table.id);
  return { admin, chair, members, table };
}

export function canary(): string {
  return `CANARY-${randomUUID()}`;
}

/** Writes a draft holding a fresh canary and releases it; returns the canary. */
export async function releaseCanary(
  author: Member,
  table: TableView,
  recipients: string[],
  category: Category = "social-financial",
): Promise<{ fragment: AuthoredFragmentView; canary: string }> {
  const secret = canary();
  const draft = await author.client.ok<DraftView>("POST", `/api/tables/${table.id}/drafts`, {
    title: `Title ${secret}`,
    body: `Body with ${secret} inside.`,
  });
  const fragment = await author.client.ok<AuthoredFragmentView>("POST", `/api/tables/${table.id}/drafts/${draft.id}/release`, {
    recipients,
    category,
    kind: "fact",
    personsConcerned: [table.personsConcerned[0]?.id],
    purpose: "integrity",
    justification: "Needed for the safety plan.",
  });
  return { fragment, canary: secret };
}
