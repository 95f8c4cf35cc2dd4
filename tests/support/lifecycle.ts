// A partnership for the case-lifecycle tests (issue 9), built through the real API: a
// sharing agreement in force between a coordinator's organisation (care), a referring
// service (care), the police and the parket (justice), its triage table chaired by the
// coordinator with the parket seat, and an outsider whose organisation is no member.
import type { AgreementBody, TriageDecisionBody } from "../../shared/schemas.js";
import type { AgreementView, MyReferralView, OrganisationView, ReferralView, TableView } from "../../shared/types.js";
import type { ApiClient } from "./api.js";
import { bootstrapAdmin, buildMember, join, type Member } from "./factories.js";
import type { TestServer } from "./server.js";

export const CRITERIA = ["Intra-family violence is involved.", "The regular services are stuck.", "Several sectors are needed."];
export const TRACKS = [
  { track: 1 as const, label: "Licht", description: "Coordination of care." },
  { track: 2 as const, label: "Midden", description: "Care and police." },
  { track: 3 as const, label: "Zwaar", description: "Care, police and justice." },
];

export interface Partnership {
  admin: ApiClient;
  coordinator: Member;
  referrer: Member;
  police: Member;
  parket: Member;
  outsider: Member;
  agreement: AgreementView;
  triage: TableView;
}

export function charter(members: OrganisationView[], title: string, options: { triage?: boolean; identityTo?: ("care" | "police" | "justice")[] } = {}): AgreementBody {
  const identityTo = options.identityTo ?? ["care", "police", "justice"];
  return {
    title,
    legalBasis: { kind: "procureur-permission", reference: "PG 2026/9 (test)" },
    purpose: "integrity",
    members: members.map((o) => ({ organisationId: o.id, role: `${o.sector} partner` })),
    categories: [
      { key: "identity-household", label: "Identity", article: "3.1", retentionDays: 365 },
      { key: "risk-assessment", label: "Risk assessment", article: "3.2", retentionDays: 365 },
    ],
    matrix: [
      ...identityTo.map((sector) => ({ category: "identity-household" as const, sector, allowed: true })),
      { category: "risk-assessment", sector: "care", allowed: true },
    ],
    minutesRules: "Minutes within 3 working days.",
    reviewDate: "2027-06-30",
    ...(options.triage === false ? {} : { triage: { criteria: CRITERIA, tracks: TRACKS } }),
  };
}

/** Creates the agreement as `drafter` and has every member sign it. */
export async function agreementInForce(drafter: Member, signers: Member[], body: AgreementBody): Promise<AgreementView> {
  const agreement = await drafter.client.ok<AgreementView>("POST", "/api/agreements", body);
  for (const m of [drafter, ...signers]) await m.client.ok("POST", `/api/agreements/${agreement.id}/versions/1/signatures`);
  return drafter.client.ok<AgreementView>("GET", `/api/agreements/${agreement.id}`);
}

export async function organisationsByName(admin: ApiClient): Promise<(name: string) => OrganisationView> {
  const all = await admin.ok<OrganisationView[]>("GET", "/api/admin/organisations");
  return (name) => {
    const org = all.find((o) => o.name === name);
    if (!org) throw new Error(`no organisation ${name}`);
    return org;
  };
}

export async function buildPartnership(server: TestServer, tag: string, options: { triage?: boolean } = {}): Promise<Partnership> {
  const admin = await bootstrapAdmin(server);
  const coordinator = await buildMember(server, admin, { name: "Coordinator", sector: "care", organisation: `OCMW ${tag}` });
  const referrer = await buildMember(server, admin, { name: "Referrer", sector: "care", organisation: `CAW ${tag}` });
  const police = await buildMember(server, admin, { name: "Officer", sector: "police", organisation: `Politie ${tag}` });
  const parket = await buildMember(server, admin, { name: "Parket jurist", sector: "justice", organisation: `Parket ${tag}` });
  const outsider = await buildMember(server, admin, { name: "Outsider", sector: "care", organisation: `Elders ${tag}` });
  const org = await organisationsByName(admin);
  const members = [`OCMW ${tag}`, `CAW ${tag}`, `Politie ${tag}`, `Parket ${tag}`].map(org);
  const agreement = await agreementInForce(coordinator, [referrer, police, parket], charter(members, `Partnership ${tag}`, options));
  const triage = await coordinator.client.ok<TableView>("POST", `/api/partnerships/${agreement.id}/triage-table`, { caseCode: `TRIAGE-${tag}`, confidentialityAccepted: true });
  await join(coordinator, parket, triage.id);
  return { admin, coordinator, referrer, police, parket, outsider, agreement, triage };
}

export function referralBody(agreementId: string, description = "A mother and two children; the father threatens them after the separation.") {
  return {
    agreementId,
    description,
    consent: { status: "not-asked", reason: "Asking would put the mother at risk." },
    informed: { status: "no", reason: "Informing the father would escalate." },
  };
}

export async function referCase(p: Partnership, description?: string): Promise<MyReferralView> {
  return p.referrer.client.ok<MyReferralView>("POST", "/api/referrals", referralBody(p.agreement.id, description));
}

/** The coordinator checks every criterion as met. */
export async function checkAll(p: Partnership, referralId: string, met = true): Promise<ReferralView> {
  return p.coordinator.client.ok<ReferralView>("PUT", `/api/tables/${p.triage.id}/referrals/${referralId}/checklist`, {
    answers: CRITERIA.map((_, criterion) => ({ criterion, met })),
  });
}

export function acceptBody(directorId: string, persons: { name: string; birthDate: string }[], track: 1 | 2 | 3 = 2): TriageDecisionBody {
  return { outcome: "accept", reason: "All criteria met; a joint plan is needed.", track, casusregisseurId: directorId, persons };
}

/** Refers, checks and accepts a case; returns the new case table's id once the director has joined it. */
export async function acceptedCase(p: Partnership, director: Member, persons: { name: string; birthDate: string }[], track: 1 | 2 | 3 = 2): Promise<string> {
  const referral = await referCase(p);
  await checkAll(p, referral.id);
  const decided = await p.coordinator.client.ok<ReferralView>("POST", `/api/tables/${p.triage.id}/referrals/${referral.id}/decision`, acceptBody(director.account.id, persons, track));
  const tableId = decided.decision?.caseTableId;
  if (!tableId) throw new Error("no case table opened");
  await director.client.ok("POST", `/api/tables/${tableId}/accept`, { confidentialityAccepted: true });
  return tableId;
}
