// Case tables: opening one, inviting, accepting the confidentiality statement, removing.
import { randomUUID } from "node:crypto";
import type { AcceptBody, CreateTableBody, InviteBody } from "../../shared/schemas.js";
import type { CandidateView, TableListItem } from "../../shared/types.js";
import type { Account, AgreementVersion, Participation, TableData } from "../store/records.js";
import { membershipDecision, requireMembership, rulesOf } from "./agreements.js";
import { versionName } from "../policies/agreement.js";
import type { TableFiles } from "../store/store.js";
import { mayBeInvited, mayCreateTable, mayRemove } from "../policies/table.js";
import { presentPerson } from "../presenters/person.js";
import { CONFIDENTIALITY_STATEMENT, presentTableListItem } from "../presenters/table.js";
import { hashToken } from "../auth/tokens.js";
import { isCurrentRecipient } from "../policies/fragment.js";
import { wasSent } from "../log/queries.js";
import { accountById, participationOf, tableFor, type Context } from "./context.js";
import { forbidden, TafelError } from "./errors.js";

/** The log records which statement was accepted by its hash, not its text. */
export const STATEMENT_HASH = hashToken(CONFIDENTIALITY_STATEMENT);

export async function createTable(ctx: Context, actor: Account, body: CreateTableBody): Promise<TableData> {
  const decision = mayCreateTable(actor);
  if (!decision.allowed) throw forbidden(decision.reason);
  const rules = rulesOf(ctx, body.agreementId);
  if (rules) {
    requireMembership(ctx, { agreementId: body.agreementId }, actor);
    const purpose = (rules.version as AgreementVersion).content.purpose;
    if (purpose !== body.purpose) {
      throw new TafelError("invalid-input", `purpose: must be '${purpose}', the purpose of the sharing agreement ${versionName(rules.version as AgreementVersion)}.`, [
        { path: "purpose", message: `must be '${purpose}', the agreement's purpose` },
      ]);
    }
  }
  const now = new Date().toISOString();
  const table: TableData = {
    id: randomUUID(),
    caseCode: body.caseCode,
    purpose: body.purpose,
    purposeDetail: body.purposeDetail,
    createdAt: now,
    personsConcerned: body.personsConcerned.map((p) => ({ id: randomUUID(), pseudonym: p.pseudonym })),
    ...(body.agreementId ? { agreementId: body.agreementId } : {}),
    drafts: [],
    fragments: [],
    declines: [],
  };
  // The table's files first, then the index entry that makes it reachable: a crash in
  // between leaves an unreachable directory, never a reachable table without files.
  const files = await ctx.store.createTable(table);
  await files.lock.runExclusive(() =>
    files.log.append([
      {
        actor: actor.id,
        type: "table-opened",
        personsConcerned: table.personsConcerned.map((p) => p.id),
        purpose: table.purpose,
        ...(rules?.version ? { agreement: { id: rules.agreement.id, version: rules.version.number, hash: rules.version.hash } } : {}),
      },
      { actor: actor.id, type: "joined", statement: STATEMENT_HASH },
    ]),
  );
  await ctx.store.global.update((d) => {
    d.tables.push({ id: table.id, createdAt: now, createdBy: actor.id, ...(body.agreementId ? { agreementId: body.agreementId } : {}), oldestKept: {}, caseDataDueAt: null });
    d.participations.push({
      tableId: table.id,
      accountId: actor.id,
      role: "chair",
      state: "active",
      invitedBy: actor.id,
      invitedAt: now,
      joinedAt: now,
    });
  });
  return files.doc.data;
}

export async function listTables(ctx: Context, actor: Account): Promise<TableListItem[]> {
  if (actor.role !== "member") return [];
  const mine = ctx.store.global.data.participations.filter((p) => p.accountId === actor.id && p.state !== "removed");
  const items: TableListItem[] = [];
  for (const p of mine) {
    const files = p.state === "active" ? await ctx.store.table(p.tableId) : null;
    const item = presentTableListItem(ctx.store.global.data, p, files ? files.doc.data : null);
    if (item) items.push(item);
  }
  return items;
}

/** People the chair may invite; `adHocOnly` when their organisation is outside the table's agreement. */
export async function candidates(ctx: Context, actor: Account, tableId: string): Promise<CandidateView[]> {
  const { files } = await tableFor(ctx, actor, tableId, "invite");
  const global = ctx.store.global.data;
  return global.accounts
    .filter((a) => mayBeInvited(a, participationOf(ctx, tableId, a.id)).allowed)
    .map((a) => ({ ...presentPerson(global, a.id), adHocOnly: !membershipDecision(ctx, files.doc.data, a).allowed }));
}

async function changeParticipation(
  ctx: Context,
  tableId: string,
  accountId: string,
  change: (p: Participation | undefined, all: Participation[]) => Participation,
): Promise<Participation> {
  return ctx.store.global.update((d) => {
    const existing = d.participations.find((p) => p.tableId === tableId && p.accountId === accountId);
    const next = change(existing, d.participations);
    if (existing) Object.assign(existing, next);
    else d.participations.push(next);
    return next;
  });
}

export async function invite(ctx: Context, actor: Account, tableId: string, body: InviteBody): Promise<Participation> {
  const { files } = await tableFor(ctx, actor, tableId, "invite");
  const invitee = accountById(ctx, body.accountId);
  if (!invitee) {
    throw new TafelError("invalid-input", "accountId: no such account.", [{ path: "accountId", message: "no such account" }]);
  }
  const participation = await files.lock.runExclusive(async () => {
    const decision = mayBeInvited(invitee, participationOf(ctx, tableId, invitee.id));
    if (!decision.allowed) throw new TafelError("conflict", decision.reason);
    const membership = membershipDecision(ctx, files.doc.data, invitee);
    const rules = rulesOf(ctx, files.doc.data.agreementId);
    // Someone outside the agreement may be invited as an ad-hoc partner for this table:
    // they join only by signing the agreement for it (see accept).
    const adHoc = !membership.allowed && body.adHocPartner === true && rules?.version !== undefined;
    if (!membership.allowed && !adHoc) {
      throw forbidden(`${membership.reason}${rules?.version ? " Invite them as an ad-hoc partner to let them sign it for this table." : ""}`);
    }
    const now = new Date().toISOString();
    const p = await changeParticipation(ctx, tableId, invitee.id, () => ({
      tableId,
      accountId: invitee.id,
      role: "participant",
      state: "invited",
      invitedBy: actor.id,
      invitedAt: now,
      ...(adHoc ? { adHocPartner: true } : {}),
    }));
    await files.log.append([{ actor: actor.id, type: "invited", subject: invitee.id }]);
    return p;
  });
  ctx.notifier.tableChanged(tableId, ["participants", "log"]);
  return participation;
}

/**
 * An invitee outside the agreement joins as an ad-hoc partner only by signing the
 * agreement version in force for this table (logged); a member joins as a member.
 */
async function signForTableIfNeeded(ctx: Context, files: TableFiles, actor: Account, invitation: Participation, body: AcceptBody): Promise<void> {
  const membership = membershipDecision(ctx, files.doc.data, actor);
  if (membership.allowed) return;
  const version = rulesOf(ctx, files.doc.data.agreementId)?.version;
  if (!invitation.adHocPartner || !version) throw forbidden(membership.reason);
  if (body.signAgreementForTable !== true) {
    throw forbidden(`${membership.reason} Sign it for this table (signAgreementForTable) to join as an ad-hoc partner.`);
  }
  const organisationId = actor.organisationId;
  const agreementId = files.doc.data.agreementId as string;
  await files.log.append([{ actor: actor.id, type: "agreement-signed-for-table", agreement: agreementId, version: version.number, hash: version.hash, organisation: organisationId }]);
  await files.doc.update((d) => {
    d.adHocPartners = [
      ...(d.adHocPartners ?? []),
      { organisationId, accountId: actor.id, agreementVersion: version.number, hash: version.hash, at: new Date().toISOString() },
    ];
  });
}

export async function accept(ctx: Context, actor: Account, tableId: string, body: AcceptBody): Promise<Participation> {
  const { files } = await tableFor(ctx, actor, tableId, "accept");
  const participation = await files.lock.runExclusive(async () => {
    const current = participationOf(ctx, tableId, actor.id);
    if (!current || current.state !== "invited") throw forbidden("There is no open invitation for you at this table.");
    await signForTableIfNeeded(ctx, files, actor, current, body);
    // The log entry first: if the process dies in between, the log shows an acceptance
    // and the person may accept again; the other order could grant access unlogged.
    await files.log.append([{ actor: actor.id, type: "joined", statement: STATEMENT_HASH }]);
    return changeParticipation(ctx, tableId, actor.id, (p) => ({
      ...(p as Participation),
      state: "active",
      joinedAt: new Date().toISOString(),
    }));
  });
  ctx.notifier.tableChanged(tableId, ["participants", "log"]);
  return participation;
}

/**
 * Ends one person's participation (runs under the table lock): access first, then every
 * release to them is revoked, then the log says so — a crash in between errs on the
 * side of secrecy. Used by the chair's removal and by an agreement the person's
 * organisation no longer belongs to.
 */
export async function endParticipation(
  ctx: Context,
  files: TableFiles,
  actorId: string | null,
  accountId: string,
  because?: "agreement",
): Promise<void> {
  const now = new Date().toISOString();
  await changeParticipation(ctx, files.id, accountId, (p) => ({ ...(p as Participation), state: "removed", removedAt: now }));
  // A removal ends every release to the person, recorded as such, so each author's
  // view and the log say it plainly (a later re-invitation restores none of them).
  const ended = files.doc.data.fragments.filter((f) => isCurrentRecipient(f, accountId)).map((f) => f.id);
  if (ended.length > 0) {
    await files.doc.update((d) => {
      for (const f of d.fragments) {
        for (const r of f.release.recipients) if (r.accountId === accountId && !r.revokedAt) r.revokedAt = now;
      }
    });
  }
  await files.log.append([
    { actor: actorId, type: "removed", subject: accountId, ...(because ? { because } : {}) },
    ...ended.map((fragment) => ({
      actor: actorId,
      type: "fragment-revoked" as const,
      fragment,
      recipient: accountId,
      alreadyDelivered: wasSent(files.log.entries, fragment, accountId),
      because: "removed" as const,
    })),
  ]);
}

export async function removeParticipant(ctx: Context, actor: Account, tableId: string, accountId: string): Promise<void> {
  const { files } = await tableFor(ctx, actor, tableId, "remove-participant");
  await files.lock.runExclusive(async () => {
    const decision = mayRemove(actor, participationOf(ctx, tableId, accountId));
    if (!decision.allowed) throw new TafelError("conflict", decision.reason);
    await endParticipation(ctx, files, actor.id, accountId);
  });
  // After the lock: any delivery that starts from now on sees the removal.
  ctx.notifier.accessEnded(tableId, accountId);
  ctx.notifier.tableChanged(tableId, ["participants", "log"]);
}
