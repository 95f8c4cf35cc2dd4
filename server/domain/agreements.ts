// Sharing agreements: drafted, versioned, signed by every member organisation, then in
// force — and what coming into force does to the tables that work under it.
import { randomUUID } from "node:crypto";
import type { AgreementBody } from "../../shared/schemas.js";
import { canonicalHash } from "../log/canonicalHash.js";
import { allMembersSigned, isMember, mayDraftVersion, maySign, mayReleaseUnder, mayWorkUnder, versionInForce } from "../policies/agreement.js";
import { isCurrentRecipient } from "../policies/fragment.js";
import type { Account, Agreement, AgreementVersion, Organisation, TableData } from "../store/records.js";
import { allow, type Decision } from "../policies/decision.js";
import { accountById, sectorOf, type Context } from "./context.js";
import { forbidden, notFound, TafelError } from "./errors.js";
import { endParticipation } from "./tables.js";

export function organisationOf(ctx: Context, account: Account): Organisation {
  const org = ctx.store.global.data.organisations.find((o) => o.id === account.organisationId);
  if (!org) throw new TafelError("internal", "Your account has no organisation.");
  return org;
}

function requireMember(actor: Account): void {
  if (actor.role !== "member") throw forbidden("Only members of organisations draft and sign sharing agreements.");
}

export function agreementById(ctx: Context, id: string): Agreement {
  const agreement = (ctx.store.global.data.agreements ?? []).find((a) => a.id === id);
  if (!agreement) throw notFound("No sharing agreement with this id.");
  return agreement;
}

/** Signed versions are referred to by this hash, in signatures and in table logs. */
export function hashContent(content: AgreementBody): string {
  return canonicalHash(content);
}

function checkOrganisations(ctx: Context, body: AgreementBody): void {
  const known = new Set(ctx.store.global.data.organisations.map((o) => o.id));
  const problems = body.members.flatMap((m, i) => (known.has(m.organisationId) ? [] : [{ path: `members.${i}.organisationId`, message: "no such organisation" }]));
  const keys = new Set(body.categories.map((c) => c.key));
  body.matrix.forEach((cell, i) => {
    if (!keys.has(cell.category)) problems.push({ path: `matrix.${i}.category`, message: "is not one of this agreement's categories" });
  });
  if (problems.length > 0) {
    throw new TafelError("invalid-input", `Invalid agreement: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`, problems);
  }
}

export async function createAgreement(ctx: Context, actor: Account, body: AgreementBody): Promise<Agreement> {
  requireMember(actor);
  checkOrganisations(ctx, body);
  const decision = mayDraftVersion(undefined, organisationOf(ctx, actor), body);
  if (!decision.allowed) throw forbidden(decision.reason);
  const now = new Date().toISOString();
  const agreement: Agreement = {
    id: randomUUID(),
    createdAt: now,
    versions: [{ number: 1, content: body, hash: hashContent(body), createdBy: actor.id, createdAt: now, signatures: [] }],
  };
  await ctx.store.global.update((d) => {
    d.agreements = [...(d.agreements ?? []), agreement];
  });
  return agreement;
}

export async function draftVersion(ctx: Context, actor: Account, agreementId: string, body: AgreementBody): Promise<AgreementVersion> {
  requireMember(actor);
  checkOrganisations(ctx, body);
  const org = organisationOf(ctx, actor);
  return ctx.store.global.update((d) => {
    const agreement = (d.agreements ?? []).find((a) => a.id === agreementId);
    if (!agreement) throw notFound("No sharing agreement with this id.");
    const latest = agreement.versions.at(-1);
    const decision = mayDraftVersion(latest, org, body);
    if (!decision.allowed) throw forbidden(decision.reason);
    const version: AgreementVersion = {
      number: (latest?.number ?? 0) + 1,
      content: body,
      hash: hashContent(body),
      createdBy: actor.id,
      createdAt: new Date().toISOString(),
      signatures: [],
    };
    agreement.versions.push(version);
    return version;
  });
}

/** Agreements the actor's organisation is a member of (in any version). */
export function agreementsFor(ctx: Context, actor: Account): Agreement[] {
  requireMember(actor);
  return (ctx.store.global.data.agreements ?? []).filter((a) => a.versions.some((v) => isMember(v, actor.organisationId)));
}

export function readableAgreement(ctx: Context, actor: Account, agreementId: string): Agreement {
  requireMember(actor);
  const agreement = agreementById(ctx, agreementId);
  const participatesUnder = ctx.store.global.data.participations.some(
    (p) => p.accountId === actor.id && p.state === "active" && tablesUnder(ctx, agreementId).includes(p.tableId),
  );
  if (!agreement.versions.some((v) => isMember(v, actor.organisationId)) && !participatesUnder) {
    throw notFound("No sharing agreement with this id is open to you.");
  }
  return agreement;
}

/** Table ids whose table.json names this agreement: kept as an index in the table index entries. */
export function tablesUnder(ctx: Context, agreementId: string): string[] {
  return ctx.store.global.data.tables.filter((t) => t.agreementId === agreementId).map((t) => t.id);
}

/**
 * The actor's organisation signs a version. When it is the last signature needed, the
 * version comes into force: every table under the agreement logs it, participants of
 * organisations no longer members lose the table at once, and releases the version no
 * longer allows are flagged to their authors (not revoked: that is the author's call).
 */
export async function sign(ctx: Context, actor: Account, agreementId: string, versionNumber: number): Promise<AgreementVersion> {
  requireMember(actor);
  const org = organisationOf(ctx, actor);
  const version = await ctx.store.global.update((d) => {
    const agreement = (d.agreements ?? []).find((a) => a.id === agreementId);
    const v = agreement?.versions.find((x) => x.number === versionNumber);
    if (!agreement || !v) throw notFound("No such version of this sharing agreement.");
    const decision = maySign(v, org);
    if (!decision.allowed) throw new TafelError("conflict", decision.reason);
    const current = versionInForce(agreement);
    if (current && current.number > v.number) throw new TafelError("conflict", `A later version (v${current.number}) is already in force.`);
    const at = new Date().toISOString();
    v.signatures.push({ organisationId: org.id, accountId: actor.id, at });
    if (allMembersSigned(v)) v.inForceAt = at;
    return v;
  });
  for (const tableId of tablesUnder(ctx, agreementId)) {
    const files = await ctx.store.table(tableId);
    if (!files) continue;
    const departed: string[] = [];
    await files.lock.runExclusive(async () => {
      const entry = { agreement: agreementId, version: version.number, hash: version.hash };
      await files.log.append([{ actor: actor.id, type: "agreement-signed", ...entry, organisation: org.id }]);
      if (!version.inForceAt) return;
      await files.log.append([{ actor: null, type: "agreement-in-force", ...entry }]);
      for (const p of ctx.store.global.data.participations.filter((x) => x.tableId === tableId && x.state !== "removed")) {
        const account = accountById(ctx, p.accountId);
        if (account && !isMember(version, account.organisationId)) {
          await endParticipation(ctx, files, null, p.accountId, "agreement");
          departed.push(p.accountId);
        }
      }
      await flagReleases(ctx, files.id, agreementId, version);
    });
    for (const accountId of departed) ctx.notifier.accessEnded(tableId, accountId);
    ctx.notifier.tableChanged(tableId, ["participants", "fragments", "log"]);
  }
  return version;
}

async function flagReleases(ctx: Context, tableId: string, agreementId: string, version: AgreementVersion): Promise<void> {
  const files = await ctx.store.table(tableId);
  if (!files) return;
  const at = new Date().toISOString();
  const flags = new Map<string, string[]>();
  for (const f of files.doc.data.fragments) {
    const reasons = f.release.recipients
      .filter((r) => isCurrentRecipient(f, r.accountId))
      .flatMap((r) => {
        const decision = mayReleaseUnder(version, f.category, sectorOf(ctx, r.accountId), f.release.purpose);
        return decision.allowed ? [] : [`${accountById(ctx, r.accountId)?.name ?? r.accountId}: ${decision.reason}`];
      });
    if (reasons.length > 0) flags.set(f.id, reasons);
  }
  if (flags.size === 0) return;
  await files.doc.update((d) => {
    for (const f of d.fragments) {
      const reasons = flags.get(f.id);
      if (reasons) f.flag = { agreementVersion: version.number, reasons, at };
    }
  });
  await files.log.append(
    [...flags.keys()].map((fragment) => ({ actor: null, type: "release-flagged" as const, fragment, agreement: agreementId, version: version.number })),
  );
}


/**
 * The rules a table works under: null for a table opened without an agreement (before
 * agreements existed); otherwise the version in force, which may be undefined while
 * no version has every signature.
 */
export function rulesOf(ctx: Context, agreementId: string | undefined): { agreement: Agreement; version: AgreementVersion | undefined } | null {
  if (!agreementId) return null;
  const agreement = agreementById(ctx, agreementId);
  return { agreement, version: versionInForce(agreement) };
}

/** The refusal if the account's organisation may not work at a table under these rules (member or ad-hoc signed). */
export function membershipDecision(ctx: Context, table: Pick<TableData, "agreementId" | "adHocPartners">, account: Account): Decision {
  const rules = rulesOf(ctx, table.agreementId);
  if (!rules) return allow;
  return mayWorkUnder(rules.version, organisationOf(ctx, account), table.adHocPartners ?? []);
}

export function requireMembership(ctx: Context, table: Pick<TableData, "agreementId" | "adHocPartners">, account: Account): void {
  const decision = membershipDecision(ctx, table, account);
  if (!decision.allowed) throw forbidden(decision.reason);
}
