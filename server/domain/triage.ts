// Triage at a partnership's triage table (issue 9): the coordinator and the parket seat
// check the partnership's criteria; the coordinator decides accept / refer elsewhere /
// no action with a reason. Only an acceptance identifies the persons concerned: their
// names go to the new case table alone (sealed there), the triage table keeps the
// decision and the case table's id, its log the outcome and ids.
import { noteCaseDataDue } from "./caseDataIndex.js";
import { referralDueAfter } from "./caseDataTerms.js";
import type { ChecklistBody, TriageDecisionBody } from "../../shared/schemas.js";
import type { ReferralView } from "../../shared/types.js";
import { triageSettingsOf } from "../../shared/triage.js";
import { versionInForce } from "../policies/agreement.js";
import { mayCheck, mayDecide, mayTriage } from "../policies/referral.js";
import { presentReferral } from "../presenters/referral.js";
import type { Account, AgreementVersion, Referral } from "../store/records.js";
import type { TableFiles } from "../store/store.js";
import { agreementById } from "./agreements.js";
import { nowOf, prepareCaseTable, requireDirector } from "./cases.js";
import { activeParticipation, sectorOf, tableFor, type Context } from "./context.js";
import { conflict, forbidden, invalid, notFound } from "./errors.js";

const STATUS_OF = { accept: "accepted", "refer-elsewhere": "referred-elsewhere", "no-action": "no-action" } as const;

function referralAt(files: TableFiles, referralId: string): Referral {
  const referral = files.doc.data.referrals?.find((r) => r.id === referralId);
  if (!referral) throw notFound("No referral with this id at this triage table.");
  return referral;
}

async function triageTable(ctx: Context, actor: Account, tableId: string, step: "check" | "decide"): Promise<TableFiles> {
  const { files } = await tableFor(ctx, actor, tableId, "view");
  const decision = mayTriage(files.doc.data, activeParticipation(ctx, tableId, actor.id), sectorOf(ctx, actor.id), step);
  if (!decision.allowed) throw forbidden(decision.reason);
  return files;
}

export async function recordChecklist(ctx: Context, actor: Account, tableId: string, referralId: string, body: ChecklistBody): Promise<ReferralView> {
  const files = await triageTable(ctx, actor, tableId, "check");
  await files.lock.runExclusive(async () => {
    const referral = referralAt(files, referralId);
    const open = mayCheck(referral);
    if (!open.allowed) throw conflict(open.reason);
    const outOfRange = body.answers.flatMap((a, i) => (a.criterion < referral.criteria.length ? [] : [{ path: `answers.${i}.criterion`, message: `must be below ${referral.criteria.length}, the number of criteria` }]));
    if (outOfRange.length > 0) throw invalid(`Invalid checklist: ${outOfRange.map((f) => `${f.path}: ${f.message}`).join("; ")}`, outOfRange);
    const at = nowOf(ctx).toISOString();
    await files.log.append([
      {
        actor: actor.id,
        type: "triage-checked",
        referral: referralId,
        met: body.answers.filter((a) => a.met).map((a) => a.criterion),
        notMet: body.answers.filter((a) => !a.met).map((a) => a.criterion),
      },
    ]);
    await files.doc.update((d) => {
      const r = d.referrals?.find((x) => x.id === referralId) as Referral;
      const answered = new Set(body.answers.map((a) => a.criterion));
      r.checklist = [...r.checklist.filter((c) => !answered.has(c.criterion)), ...body.answers.map((a) => ({ ...a, by: actor.id, at }))];
      r.status = "in-triage";
    });
  });
  ctx.notifier.tableChanged(tableId, ["log"]);
  return presentReferral(ctx.store.global.data, tableId, referralAt(files, referralId));
}

export async function decide(ctx: Context, actor: Account, tableId: string, referralId: string, body: TriageDecisionBody): Promise<ReferralView> {
  const files = await triageTable(ctx, actor, tableId, "decide");
  let caseTableId: string | undefined;
  await files.lock.runExclusive(async () => {
    const referral = referralAt(files, referralId);
    const decision = mayDecide(referral, body.outcome);
    if (!decision.allowed) throw conflict(decision.reason);
    let publish: (() => Promise<void>) | undefined;
    if (body.outcome === "accept") {
      const agreement = agreementById(ctx, files.doc.data.agreementId ?? referral.agreement.id);
      const version = versionInForce(agreement);
      requireDirector(ctx, version, files.doc.data.purpose, body.casusregisseurId, "casusregisseurId");
      const inForce = version as AgreementVersion;
      const track = triageSettingsOf(inForce.content).tracks.find((t) => t.track === body.track);
      // Every check is done: from here on the writes. The case table's files first
      // (unreachable), then the triage log and document, then the index that makes it reachable.
      const created = await prepareCaseTable(ctx, {
        actorId: actor.id,
        agreement: { id: agreement.id, version: inForce.number, hash: inForce.hash },
        purpose: files.doc.data.purpose,
        purposeDetail: `Track ${body.track}${track ? ` (${track.label})` : ""}: accepted at triage.`,
        track: body.track,
        ...(body.caseCode ? { caseCode: body.caseCode } : {}),
        persons: body.persons,
        directorId: body.casusregisseurId,
        origin: { kind: "referral", referralId, triageTableId: tableId },
        reason: body.reason,
        checkRepeat: true,
      });
      caseTableId = created.tableId;
      publish = created.publish;
    }
    const at = nowOf(ctx).toISOString();
    // Not accepted: the description falls due in NOT_ACCEPTED_REFERRAL_RETENTION_DAYS; the
    // index says so before the decision is recorded (never later than the truth).
    if (body.outcome !== "accept") await noteCaseDataDue(ctx, files.doc.data, referralDueAfter(at));
    await files.log.append([
      {
        actor: actor.id,
        type: "triage-decided",
        referral: referralId,
        outcome: body.outcome,
        ...(caseTableId ? { caseTable: caseTableId } : {}),
        ...(body.outcome === "accept" ? { track: body.track } : {}),
      },
    ]);
    await files.doc.update((d) => {
      const r = d.referrals?.find((x) => x.id === referralId) as Referral;
      r.status = STATUS_OF[body.outcome];
      // The decision keeps no name: only the case table's id (names went there alone).
      r.decision = {
        outcome: body.outcome,
        reason: body.reason,
        ...(body.outcome === "refer-elsewhere" ? { referredTo: body.referredTo } : {}),
        ...(body.outcome === "accept" ? { track: body.track } : {}),
        ...(caseTableId ? { caseTableId } : {}),
        by: actor.id,
        at,
      };
    });
    if (publish) await publish();
  });
  ctx.notifier.tableChanged(tableId, ["log"]);
  if (caseTableId) ctx.notifier.tableChanged(caseTableId, ["participants"]);
  return presentReferral(ctx.store.global.data, tableId, referralAt(files, referralId));
}
