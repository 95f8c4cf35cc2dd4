// Case tables from opening to closure (issue 9): a case table opened from an accepted
// referral or a transfer, its review date, track changes (de-escalation), closure with
// a reason, and transfer to another table or partnership. Each step is checked by
// policies/case.ts, logged at the table (metadata; reasons stay in the sealed case
// file) and all-or-nothing: every check runs before the first write.
import { noteCaseDataDue } from "./caseDataIndex.js";
import { identitiesDueAfter } from "./caseDataTerms.js";
import { randomBytes, randomUUID } from "node:crypto";
import type { CaseCloseBody, CaseReviewBody, CaseTrackBody, CaseTransferBody, TablePurpose, Track } from "../../shared/schemas.js";
import type { CaseView } from "../../shared/types.js";
import { versionInForce } from "../policies/agreement.js";
import { mayChangeCase, mayChangeTrack, mayDirectCase, mayDirectUnder, mayScheduleReview } from "../policies/case.js";
import { presentCase } from "../presenters/case.js";
import type { Account, AgreementVersion, CaseFile, CaseHistoryEntry, TableData } from "../store/records.js";
import type { TableFiles } from "../store/store.js";
import { agreementById } from "./agreements.js";
import { accountById, activeParticipation, sectorOf, tableFor, type Context } from "./context.js";
import { conflict, forbidden, invalid } from "./errors.js";
import { matchKey, personKey, pruned, repeatsOf } from "./personMatch.js";

/** The clock (injectable where the context provides one). */
export function nowOf(ctx: Context): Date {
  return typeof ctx.now === "function" ? ctx.now() : new Date();
}

export const dayOf = (d: Date): string => d.toISOString().slice(0, 10);

// 32 symbols without look-alikes (0/O, 1/I): a byte modulo 32 is unbiased.
const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export function randomCode(length: number): string {
  return [...randomBytes(length)].map((b) => CODE_ALPHABET[b % 32]).join("");
}

/** The case director named in a request: an existing account the partnership lets direct a case and receive names. */
export function requireDirector(ctx: Context, version: AgreementVersion | undefined, purpose: TablePurpose, directorId: string, field: string): Account {
  const director = accountById(ctx, directorId);
  const org = director ? ctx.store.global.data.organisations.find((o) => o.id === director.organisationId) : undefined;
  if (!director || !org) throw invalid(`${field}: no such account.`, [{ path: field, message: "no such account" }]);
  const decision = mayDirectUnder(version, purpose, director, org, sectorOf(ctx, director.id));
  if (!decision.allowed) throw forbidden(decision.reason);
  return director;
}

export interface NewCase {
  actorId: string;
  agreement: { id: string; version: number; hash: string };
  purpose: TablePurpose;
  purposeDetail: string;
  track: Track;
  caseCode?: string;
  persons: { pseudonym?: string; name?: string; birthDate?: string }[];
  directorId: string;
  origin: NonNullable<CaseFile["origin"]>;
  reason: string;
  /** On acceptance (a new case), not on transfer (the same case moving). */
  checkRepeat: boolean;
}

/**
 * Writes a new case table's files and log (unreachable until `publish`): the table
 * opened, the case opened (or transferred in), a repeat if any, and the case director
 * invited as chair — they see the case once they accept the confidentiality statement.
 */
export async function prepareCaseTable(ctx: Context, c: NewCase): Promise<{ tableId: string; publish(): Promise<void> }> {
  const at = nowOf(ctx);
  const iso = at.toISOString();
  const persons = c.persons.map((p, i) => ({ ...p, id: randomUUID(), pseudonym: p.pseudonym ?? `P${i + 1}-${randomCode(4)}` }));
  let repeat: { personId: string; previousClosedAt: string }[] = [];
  if (c.checkRepeat) {
    const key = await matchKey(ctx);
    const keyed = persons.flatMap((p) => (p.name && p.birthDate ? [{ personId: p.id, key: personKey(key, p.name, p.birthDate) }] : []));
    repeat = repeatsOf(ctx.store.global.data.closedCases ?? [], keyed, at);
  }
  const opened: CaseHistoryEntry = {
    id: randomUUID(),
    kind: c.origin.kind === "transfer" ? "transferred-in" : "opened",
    by: c.actorId,
    at: iso,
    to: c.track,
    reason: c.reason,
  };
  const table: TableData = {
    id: randomUUID(),
    kind: "case",
    agreementId: c.agreement.id,
    caseCode: c.caseCode ?? `CASE-${iso.slice(0, 4)}-${randomCode(6)}`,
    purpose: c.purpose,
    purposeDetail: c.purposeDetail,
    createdAt: iso,
    personsConcerned: persons.map((p) => ({ id: p.id, pseudonym: p.pseudonym })),
    identities: persons.flatMap((p) => (p.name && p.birthDate ? [{ personId: p.id, name: p.name, birthDate: p.birthDate }] : [])),
    drafts: [],
    fragments: [],
    declines: [],
    caseFile: { status: "open", track: c.track, origin: c.origin, ...(repeat.length > 0 ? { repeat } : {}), history: [opened] },
  };
  const files = await ctx.store.createTable(table);
  const origin = c.origin;
  await files.lock.runExclusive(() =>
    files.log.append([
      { actor: c.actorId, type: "table-opened", personsConcerned: table.personsConcerned.map((p) => p.id), purpose: c.purpose, agreement: c.agreement },
      origin.kind === "referral"
        ? { actor: c.actorId, type: "case-opened", track: c.track, referral: origin.referralId, triageTable: origin.triageTableId }
        : { actor: c.actorId, type: "case-opened", track: c.track, fromTable: origin.fromTableId },
      ...(origin.kind === "transfer" ? [{ actor: c.actorId, type: "case-transferred" as const, direction: "in" as const, table: origin.fromTableId, agreement: c.agreement }] : []),
      ...(repeat.length > 0 ? [{ actor: null, type: "case-repeat" as const, personsConcerned: repeat.map((r) => r.personId) }] : []),
      { actor: c.actorId, type: "invited", subject: c.directorId },
    ]),
  );
  return {
    tableId: table.id,
    publish: () =>
      ctx.store.global.update((d) => {
        d.tables.push({ id: table.id, createdAt: iso, createdBy: c.actorId, agreementId: c.agreement.id, kind: "case", oldestKept: {}, caseDataDueAt: null });
        d.participations.push({ tableId: table.id, accountId: c.directorId, role: "chair", state: "invited", invitedBy: c.actorId, invitedAt: iso });
      }),
  };
}

export async function readCase(ctx: Context, actor: Account, tableId: string): Promise<CaseView> {
  const { files } = await tableFor(ctx, actor, tableId, "view");
  return presentCase(ctx.store.global.data, files.doc.data, dayOf(nowOf(ctx)));
}

/** Runs a case change under the table lock after the role and status checks; returns the new view. */
async function changeCase(
  ctx: Context,
  actor: Account,
  tableId: string,
  change: (files: TableFiles, at: Date) => Promise<void>,
): Promise<CaseView> {
  const { files } = await tableFor(ctx, actor, tableId, "view");
  await files.lock.runExclusive(async () => {
    const role = mayDirectCase(activeParticipation(ctx, tableId, actor.id));
    if (!role.allowed) throw forbidden(role.reason);
    const status = mayChangeCase(files.doc.data);
    if (!status.allowed) throw conflict(status.reason);
    await change(files, nowOf(ctx));
  });
  ctx.notifier.tableChanged(tableId, ["participants", "log"]);
  return presentCase(ctx.store.global.data, files.doc.data, dayOf(nowOf(ctx)));
}

const emptyFile = (): CaseFile => ({ status: "open", history: [] });

export async function setReview(ctx: Context, actor: Account, tableId: string, body: CaseReviewBody): Promise<CaseView> {
  return changeCase(ctx, actor, tableId, async (files, at) => {
    const decision = mayScheduleReview(body.date, dayOf(at));
    if (!decision.allowed) throw invalid(`date: ${decision.reason}`, [{ path: "date", message: decision.reason }]);
    await files.log.append([{ actor: actor.id, type: "case-review-set", date: body.date }]);
    await files.doc.update((d) => {
      const file = (d.caseFile ??= emptyFile());
      file.reviewDate = body.date;
      file.history.push({ id: randomUUID(), kind: "review", by: actor.id, at: at.toISOString(), date: body.date });
    });
  });
}

/** A track change (de-escalation or escalation), with its reason. */
export async function changeTrack(ctx: Context, actor: Account, tableId: string, body: CaseTrackBody): Promise<CaseView> {
  return changeCase(ctx, actor, tableId, async (files, at) => {
    const from = files.doc.data.caseFile?.track;
    const decision = mayChangeTrack(from, body.track);
    if (!decision.allowed) throw conflict(decision.reason);
    const change = randomUUID();
    await files.log.append([{ actor: actor.id, type: "case-track-changed", from: from ?? null, to: body.track, change }]);
    await files.doc.update((d) => {
      const file = (d.caseFile ??= emptyFile());
      file.track = body.track;
      file.history.push({ id: change, kind: "track", by: actor.id, at: at.toISOString(), ...(from ? { from } : {}), to: body.track, reason: body.reason });
    });
  });
}

/** Marks the case closed in the document (and freezes the board); the caller logs it. */
async function markClosed(ctx: Context, files: TableFiles, actor: Account, at: Date, entry: Omit<CaseHistoryEntry, "by" | "at">, transferredTo?: CaseFile["transferredTo"]): Promise<void> {
  const iso = at.toISOString();
  // The names fall due 12 months after closure; the index says so first (caseDataIndex.ts).
  if ((files.doc.data.identities ?? []).length > 0) await noteCaseDataDue(ctx, files.doc.data, identitiesDueAfter(iso));
  await files.doc.update((d) => {
    const file = (d.caseFile ??= emptyFile());
    file.status = "closed";
    file.closedAt = iso;
    if (transferredTo) file.transferredTo = transferredTo;
    file.history.push({ ...entry, by: actor.id, at: iso });
    d.boardFrozenAt ??= iso;
  });
}

/**
 * Closure with a reason: nothing new at the table from then on (policies/case.ts), the
 * board is frozen, and the persons' keys are kept 12 months to flag a return.
 */
export async function closeCase(ctx: Context, actor: Account, tableId: string, body: CaseCloseBody): Promise<CaseView> {
  return changeCase(ctx, actor, tableId, async (files, at) => {
    const key = (files.doc.data.identities ?? []).length > 0 ? await matchKey(ctx) : null;
    const keys = key ? (files.doc.data.identities ?? []).map((i) => personKey(key, i.name, i.birthDate)) : [];
    const change = randomUUID();
    // Closing restricts: the state first, then the log (a crash in between errs on the side of secrecy).
    await markClosed(ctx, files, actor, at, { id: change, kind: "closed", reason: body.reason });
    await files.log.append([{ actor: actor.id, type: "case-closed", change }]);
    if (keys.length > 0) {
      await ctx.store.global.update((d) => {
        d.closedCases = [...pruned(d.closedCases ?? [], at), ...keys.map((personKey) => ({ personKey, closedAt: at.toISOString() }))];
      });
    }
  });
}

/**
 * Transfer to another table or area: a new case table under the receiving partnership
 * (its agreement in force, purpose and identity rules checked), directed by a member
 * there; the persons (names included) move with the case, fragments do not (they were
 * released to recipients here). Logged on both sides; this table closes as transferred.
 */
export async function transferCase(ctx: Context, actor: Account, tableId: string, body: CaseTransferBody): Promise<CaseView> {
  let receiving = "";
  const view = await changeCase(ctx, actor, tableId, async (files, at) => {
    const agreement = agreementById(ctx, body.agreementId);
    const version = versionInForce(agreement);
    const table = files.doc.data;
    requireDirector(ctx, version, table.purpose, body.casusregisseurId, "casusregisseurId");
    const checked = version as AgreementVersion;
    const ref = { id: agreement.id, version: checked.number, hash: checked.hash };
    const created = await prepareCaseTable(ctx, {
      actorId: actor.id,
      agreement: ref,
      purpose: table.purpose,
      purposeDetail: table.purposeDetail,
      track: table.caseFile?.track ?? 1,
      caseCode: table.caseCode,
      persons: table.personsConcerned.map((p) => {
        const identity = (table.identities ?? []).find((i) => i.personId === p.id);
        return { pseudonym: p.pseudonym, ...(identity ? { name: identity.name, birthDate: identity.birthDate } : {}) };
      }),
      directorId: body.casusregisseurId,
      origin: { kind: "transfer", fromTableId: table.id, agreementId: table.agreementId ?? agreement.id },
      reason: body.reason,
      checkRepeat: false,
    });
    receiving = created.tableId;
    const change = randomUUID();
    await markClosed(ctx, files, actor, at, { id: change, kind: "transferred-out", reason: body.reason }, { tableId: created.tableId, agreementId: agreement.id });
    await files.log.append([
      { actor: actor.id, type: "case-transferred", direction: "out", table: created.tableId, agreement: ref },
      { actor: actor.id, type: "case-closed", change, because: "transferred" },
    ]);
    await created.publish();
  });
  ctx.notifier.tableChanged(receiving, ["participants", "log"]);
  return view;
}
