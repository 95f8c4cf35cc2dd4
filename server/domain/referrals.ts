// Partnerships and referrals (issue 9). A partnership is a sharing agreement in force;
// its triage table (kind "triage") is chaired by the coordinator and receives the
// referrals of its members. A referral is anonymous: no schema before acceptance has a
// field for a name (shared/schemas.ts ReferralBody), its description is sealed with the
// triage table's document, the triage log holds ids and statuses only, and the referrer
// follows its status through an index of ids in tafel.json.
import { randomUUID } from "node:crypto";
import type { ReferralBody, TriageTableBody } from "../../shared/schemas.js";
import type { MyReferralView, PartnershipView, PersonView, ReferralView, TableView } from "../../shared/types.js";
import { triageSettingsOf } from "../../shared/triage.js";
import { isMember, versionInForce } from "../policies/agreement.js";
import { mayFollowReferral, mayListAccounts, mayOpenTriageTable, mayRefer } from "../policies/referral.js";
import { caseStatus } from "../policies/case.js";
import { presentPerson } from "../presenters/person.js";
import { presentMyReferral, presentPartnership, presentReferral } from "../presenters/referral.js";
import { presentTable } from "../presenters/table.js";
import type { Account, AgreementVersion, Participation, Referral, TableData, TableIndexEntry } from "../store/records.js";
import { agreementById, organisationOf } from "./agreements.js";
import { nowOf } from "./cases.js";
import { participationOf, tableFor, type Context } from "./context.js";
import { conflict, forbidden, TafelError } from "./errors.js";
import { STATEMENT_HASH } from "./tables.js";

export function triageTableOf(ctx: Context, agreementId: string): TableIndexEntry | undefined {
  return ctx.store.global.data.tables.find((t) => t.agreementId === agreementId && t.kind === "triage");
}

function requireMemberRole(actor: Account): void {
  if (actor.role !== "member") throw forbidden("Only members of organisations refer and triage cases (not administrators or the DPO).");
}

/** Partnerships in force: to refer a case to (where I am a member) or to transfer one to. */
export function listPartnerships(ctx: Context, actor: Account): PartnershipView[] {
  requireMemberRole(actor);
  return (ctx.store.global.data.agreements ?? []).flatMap((a) => {
    const version = versionInForce(a);
    return version ? [presentPartnership(a, version, actor, triageTableOf(ctx, a.id) !== undefined)] : [];
  });
}

/** Member accounts of a partnership's organisations: who may be chosen as case director. */
export async function partnershipAccounts(ctx: Context, actor: Account, agreementId: string): Promise<PersonView[]> {
  requireMemberRole(actor);
  const version = versionInForce(agreementById(ctx, agreementId));
  const global = ctx.store.global.data;
  const decision = mayListAccounts(actor, version, organisationOf(ctx, actor), await directsOpenCase(ctx, actor));
  if (!decision.allowed) throw forbidden(decision.reason);
  if (!version) throw conflict("This partnership's sharing agreement has no version in force.");
  return global.accounts.filter((a) => a.role === "member" && isMember(version, a.organisationId)).map((a) => presentPerson(global, a.id));
}

/** Whether the actor chairs an open case table (and so may look for where to transfer it). */
async function directsOpenCase(ctx: Context, actor: Account): Promise<boolean> {
  const chaired = ctx.store.global.data.participations.filter((p) => p.accountId === actor.id && p.role === "chair" && p.state === "active");
  for (const p of chaired) {
    const files = await ctx.store.table(p.tableId);
    if (files && files.doc.data.kind !== "triage" && caseStatus(files.doc.data) === "open") return true;
  }
  return false;
}

/** The coordinator opens the partnership's one triage table and chairs it. */
export async function openTriageTable(ctx: Context, actor: Account, agreementId: string, body: TriageTableBody): Promise<TableView> {
  const agreement = agreementById(ctx, agreementId);
  const version = versionInForce(agreement);
  const decision = mayOpenTriageTable(actor, version, organisationOf(ctx, actor));
  if (!decision.allowed) throw forbidden(decision.reason);
  if (triageTableOf(ctx, agreementId)) throw conflict("This partnership already has a triage table.");
  const inForce = version as AgreementVersion;
  const now = nowOf(ctx).toISOString();
  const table: TableData = {
    id: randomUUID(),
    kind: "triage",
    agreementId,
    caseCode: body.caseCode ?? "TRIAGE",
    purpose: inForce.content.purpose,
    purposeDetail: `Triage of the referrals to '${inForce.content.title}'.`,
    createdAt: now,
    personsConcerned: [],
    drafts: [],
    fragments: [],
    declines: [],
    referrals: [],
  };
  // As for any table: its files first, then the index entry that makes it reachable.
  const files = await ctx.store.createTable(table);
  await files.lock.runExclusive(() =>
    files.log.append([
      { actor: actor.id, type: "table-opened", personsConcerned: [], purpose: table.purpose, agreement: { id: agreementId, version: inForce.number, hash: inForce.hash } },
      { actor: actor.id, type: "joined", statement: STATEMENT_HASH },
    ]),
  );
  await ctx.store.global.update((d) => {
    // Two coordinators at once: the second finds the first's table and is refused.
    if (d.tables.some((t) => t.agreementId === agreementId && t.kind === "triage")) throw conflict("This partnership already has a triage table.");
    d.tables.push({ id: table.id, createdAt: now, createdBy: actor.id, agreementId, kind: "triage", oldestKept: {}, caseDataDueAt: null });
    d.participations.push({ tableId: table.id, accountId: actor.id, role: "chair", state: "active", invitedBy: actor.id, invitedAt: now, joinedAt: now });
  });
  return presentTable(ctx.store.global.data, files.doc.data, participationOf(ctx, table.id, actor.id) as Participation);
}

/** An active member of the partnership refers a case, anonymously, to its triage table. */
export async function refer(ctx: Context, actor: Account, body: ReferralBody): Promise<MyReferralView> {
  requireMemberRole(actor);
  const agreement = agreementById(ctx, body.agreementId);
  const version = versionInForce(agreement);
  const org = organisationOf(ctx, actor);
  const decision = mayRefer(actor, version, org);
  if (!decision.allowed) throw forbidden(decision.reason);
  const inForce = version as AgreementVersion;
  const entry = triageTableOf(ctx, agreement.id);
  if (!entry) throw conflict("This partnership has no triage table yet: its coordinator opens one first.");
  const files = await ctx.store.table(entry.id);
  if (!files) throw new TafelError("internal", "The partnership's triage table could not be loaded.");
  const now = nowOf(ctx).toISOString();
  const referral: Referral = {
    id: randomUUID(),
    referrerId: actor.id,
    organisationId: org.id,
    createdAt: now,
    description: body.description,
    consent: body.consent,
    informed: body.informed,
    agreement: { id: agreement.id, version: inForce.number, hash: inForce.hash },
    criteria: triageSettingsOf(inForce.content).criteria,
    checklist: [],
    status: "referred",
  };
  await files.lock.runExclusive(async () => {
    // As a release: the log entry, then the document (the log may over-state, never under-state).
    await files.log.append([
      { actor: actor.id, type: "referral-received", referral: referral.id, organisation: org.id, consent: body.consent.status, informed: body.informed.status },
    ]);
    await files.doc.update((d) => {
      d.referrals = [...(d.referrals ?? []), referral];
    });
  });
  const indexEntry = { id: referral.id, agreementId: agreement.id, triageTableId: entry.id, referrerId: actor.id, createdAt: now };
  await ctx.store.global.update((d) => {
    d.referrals = [...(d.referrals ?? []), indexEntry];
  });
  ctx.notifier.tableChanged(entry.id, ["log"]);
  return presentMyReferral(indexEntry, inForce.content.title, referral);
}

/** My referrals and their status (the description only until triage). */
export async function myReferrals(ctx: Context, actor: Account): Promise<MyReferralView[]> {
  requireMemberRole(actor);
  const mine = (ctx.store.global.data.referrals ?? []).filter((r) => mayFollowReferral(actor, r).allowed);
  const views: MyReferralView[] = [];
  for (const entry of mine) {
    const files = await ctx.store.table(entry.triageTableId);
    const referral = files?.doc.data.referrals?.find((r) => r.id === entry.id);
    const agreement = (ctx.store.global.data.agreements ?? []).find((a) => a.id === entry.agreementId);
    const title = (agreement && (versionInForce(agreement) ?? agreement.versions.at(-1))?.content.title) ?? "";
    views.push(presentMyReferral(entry, title, referral));
  }
  return views;
}

/** The triage table's queue, for its active participants. */
export async function listReferrals(ctx: Context, actor: Account, tableId: string): Promise<ReferralView[]> {
  const { files } = await tableFor(ctx, actor, tableId, "view");
  if (files.doc.data.kind !== "triage") throw conflict("This table is not a triage table: it receives no referrals.");
  return (files.doc.data.referrals ?? []).map((r) => presentReferral(ctx.store.global.data, tableId, r));
}
