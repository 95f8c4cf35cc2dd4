// What each viewer gets of a referral: the triage table's participants the anonymous
// referral with its checklist and decision; the referrer the status (and their own
// description only until triage). A referral holds no identifying field to present.
import type { MyReferralView, PartnershipView, ReferralView } from "../../shared/types.js";
import { triageSettingsOf } from "../../shared/triage.js";
import { isMember } from "../policies/agreement.js";
import type { Account, AgreementVersion, Agreement, GlobalData, Referral, ReferralIndexEntry } from "../store/records.js";
import { presentPerson } from "./person.js";

export function presentReferral(global: Readonly<GlobalData>, tableId: string, r: Referral): ReferralView {
  return {
    id: r.id,
    tableId,
    createdAt: r.createdAt,
    status: r.status,
    referrer: presentPerson(global, r.referrerId),
    description: r.description,
    consent: r.consent,
    informed: r.informed,
    agreement: r.agreement,
    checklist: r.criteria.map((text, criterion) => {
      const answer = r.checklist.find((c) => c.criterion === criterion);
      return answer ? { criterion, text, met: answer.met, by: presentPerson(global, answer.by), at: answer.at } : { criterion, text };
    }),
    ...(r.decision
      ? {
          decision: {
            outcome: r.decision.outcome,
            reason: r.decision.reason,
            ...(r.decision.referredTo ? { referredTo: r.decision.referredTo } : {}),
            ...(r.decision.track ? { track: r.decision.track } : {}),
            ...(r.decision.caseTableId ? { caseTableId: r.decision.caseTableId } : {}),
            by: presentPerson(global, r.decision.by),
            at: r.decision.at,
          },
        }
      : {}),
    ...(r.expired ? { expiredAt: r.expired.at } : {}),
  };
}

/** The referrer's view: the description only while the referral waits for triage, then the status alone. */
export function presentMyReferral(entry: ReferralIndexEntry, title: string, r: Referral | undefined): MyReferralView {
  const waiting = r !== undefined && r.status === "referred";
  return {
    id: entry.id,
    createdAt: entry.createdAt,
    partnership: { id: entry.agreementId, title },
    status: r?.status ?? "referred",
    ...(waiting ? { description: r.description } : {}),
    ...(r?.decision ? { decidedAt: r.decision.at } : {}),
  };
}

export function presentPartnership(agreement: Agreement, version: AgreementVersion, actor: Account, hasTriageTable: boolean): PartnershipView {
  const settings = triageSettingsOf(version.content);
  const member = isMember(version, actor.organisationId);
  // Others see that the partnership exists (to transfer a case to it), not how it works.
  return {
    id: agreement.id,
    title: version.content.title,
    purpose: version.content.purpose,
    member,
    hasTriageTable,
    criteria: member ? settings.criteria : [],
    tracks: member ? settings.tracks : [],
  };
}
