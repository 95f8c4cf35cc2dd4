// A table's case file as its active participants see it: status, track, review date
// (overdue or not), the persons concerned with their names where the table was opened
// from an accepted referral, the repeat flag, and the history with reasons. Only the
// case routes call this, and only for a participant of this very table.
import type { CaseView } from "../../shared/types.js";
import { triageSettingsOf } from "../../shared/triage.js";
import { versionInForce } from "../policies/agreement.js";
import { caseStatus } from "../policies/case.js";
import type { GlobalData, TableData } from "../store/records.js";
import { presentPerson } from "./person.js";

function partnershipTitle(global: Readonly<GlobalData>, agreementId: string): string {
  const agreement = (global.agreements ?? []).find((a) => a.id === agreementId);
  return (agreement && (versionInForce(agreement) ?? agreement.versions.at(-1))?.content.title) ?? "(unknown partnership)";
}

/** `today` is the viewer's day as the server counts it (YYYY-MM-DD, UTC). */
export function presentCase(global: Readonly<GlobalData>, table: Readonly<TableData>, today: string): CaseView {
  const file = table.caseFile;
  const status = caseStatus(table);
  const agreement = table.agreementId ? (global.agreements ?? []).find((a) => a.id === table.agreementId) : undefined;
  const version = agreement ? versionInForce(agreement) : undefined;
  const origin = file?.origin;
  return {
    tableId: table.id,
    kind: table.kind ?? "case",
    status,
    ...(file?.track ? { track: file.track } : {}),
    tracks: triageSettingsOf(version?.content).tracks,
    ...(file?.reviewDate ? { reviewDate: file.reviewDate } : {}),
    reviewOverdue: status === "open" && file?.reviewDate !== undefined && file.reviewDate < today,
    persons: table.personsConcerned.map((p) => {
      const identity = (table.identities ?? []).find((i) => i.personId === p.id);
      return { id: p.id, pseudonym: p.pseudonym, ...(identity ? { name: identity.name, birthDate: identity.birthDate } : {}) };
    }),
    repeat: file?.repeat ?? [],
    ...(origin?.kind === "referral" ? { origin: { kind: "referral" as const, referralId: origin.referralId } } : {}),
    ...(origin?.kind === "transfer"
      ? { origin: { kind: "transfer" as const, fromTableId: origin.fromTableId, partnership: partnershipTitle(global, origin.agreementId) } }
      : {}),
    ...(file?.closedAt ? { closedAt: file.closedAt } : {}),
    ...(file?.transferredTo
      ? { transferredTo: { tableId: file.transferredTo.tableId, partnership: partnershipTitle(global, file.transferredTo.agreementId) } }
      : {}),
    history: (file?.history ?? []).map((h) => ({
      id: h.id,
      kind: h.kind,
      by: h.by ? presentPerson(global, h.by) : null,
      at: h.at,
      ...(h.from !== undefined ? { from: h.from } : {}),
      ...(h.to !== undefined ? { to: h.to } : {}),
      ...(h.date ? { date: h.date } : {}),
      ...(h.reason ? { reason: h.reason } : {}),
    })),
  };
}
