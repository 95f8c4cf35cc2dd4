// `npm start -- --demo`: a fictional case so that a newcomer can look around in a
// minute. Seeded through the same commands as the API, so its log is a real log.
import { randomBytes } from "node:crypto";
import { CATEGORIES, SECTORS, type Category, type Sector, type SecrecyProfile } from "../shared/schemas.js";
import { createAgreement, sign } from "./domain/agreements.js";
import { createAccount, createFirstAdmin, createOrganisation, issueSetupToken } from "./domain/accounts.js";
import type { Context } from "./domain/context.js";
import { recordDecline } from "./domain/declines.js";
import { createDraft } from "./domain/drafts.js";
import { release } from "./domain/fragments.js";
import { accept, createTable, invite } from "./domain/tables.js";
import { openTriageTable, refer } from "./domain/referrals.js";
import type { Account } from "./store/records.js";

export interface DemoAccount {
  username: string;
  password: string;
  name: string;
  organisation: string;
}

const PEOPLE: { key: string; name: string; org: string; sector: Sector; secrecy: SecrecyProfile }[] = [
  { key: "ocmw", name: "Sara Peeters", org: "OCMW Antwerpen — Sociale Dienst", sector: "care", secrecy: "professional" },
  { key: "caw", name: "Tom Janssens", org: "CAW Antwerpen", sector: "care", secrecy: "professional" },
  { key: "jeugdhulp", name: "Lien De Smet", org: "Jeugdhulp Antwerpen", sector: "care", secrecy: "professional" },
  { key: "politie", name: "Koen Maes", org: "Politiezone Antwerpen", sector: "police", secrecy: "official" },
  { key: "parket", name: "An Verstraeten", org: "Parket Antwerpen", sector: "justice", secrecy: "official" },
];

const CATEGORY_LABELS: Record<Category, string> = {
  "identity-household": "Identity & composition of the household",
  "police-antecedents": "Police antecedents",
  "judicial-status": "Judicial status",
  "medical-psychiatric": "Medical & psychiatric",
  "social-financial": "Social & financial",
  "youth-care": "Youth care",
  "risk-assessment": "Risk assessment",
};

const password = () => randomBytes(12).toString("base64url");

/** Seeds once, into an empty data directory; returns null if it already holds accounts. */
export async function seedDemo(ctx: Context): Promise<{ accounts: DemoAccount[] } | null> {
  if (ctx.store.global.data.accounts.length > 0) return null;
  const printed: DemoAccount[] = [];
  const token = (await issueSetupToken(ctx)) as string;
  const adminPassword = password();
  const admin = await createFirstAdmin(ctx, { token, name: "Platform administrator", username: "admin", password: adminPassword });
  printed.push({ username: "admin", password: adminPassword, name: admin.name, organisation: "(can read no table)" });

  const by: Record<string, Account> = {};
  for (const p of PEOPLE) {
    const org = await createOrganisation(ctx, admin, { name: p.org, sector: p.sector, secrecy: p.secrecy });
    const created = await createAccount(ctx, admin, { name: p.name, username: p.key, organisationId: org.id, role: "member" });
    const { account, temporaryPassword: pw } = created;
    // The demo is for looking around in a minute: its printed passwords are not temporary.
    await ctx.store.global.update((d) => {
      const a = d.accounts.find((x) => x.id === account.id);
      if (a) {
        delete a.mustChangePassword;
        delete a.temporaryPasswordExpiresAt;
      }
    });
    by[p.key] = { ...account, mustChangePassword: undefined };
    printed.push({ username: p.key, password: pw, name: p.name, organisation: p.org });
  }
  const [chair, caw, youth, police, parket] = PEOPLE.map((p) => by[p.key] as Account) as [Account, Account, Account, Account, Account];

  // The LIVC's sharing agreement, signed by all five: the table works under it.
  const allowed: Record<Category, Sector[]> = {
    "identity-household": ["care", "police", "justice", "local-government"],
    "police-antecedents": ["care", "police", "justice"],
    "judicial-status": ["care", "police", "justice"],
    "medical-psychiatric": ["care"],
    "social-financial": ["care", "local-government"],
    "youth-care": ["care", "justice"],
    "risk-assessment": ["care", "police", "justice"],
  };
  const agreement = await createAgreement(ctx, chair, {
    title: "Antwerpen CO3 sharing agreement",
    legalBasis: { kind: "procureur-permission", reference: "Procureur des Konings Antwerpen, reasoned permission CO3/2026/04 (fictional)", date: "2026-01-15" },
    purpose: "integrity",
    members: PEOPLE.map((p) => ({ organisationId: (by[p.key] as Account).organisationId, role: `${p.sector} partner` })),
    categories: CATEGORIES.map((key, i) => ({ key, label: CATEGORY_LABELS[key], article: `4.${i + 1}`, retentionDays: key === "medical-psychiatric" ? 180 : 365 })),
    matrix: CATEGORIES.flatMap((category) => SECTORS.map((sector) => ({ category, sector, allowed: allowed[category].includes(sector) }))),
    minutesRules: "Minutes within three working days; each recipient receives only what was released to them; marked RESTRICTED.",
    reviewDate: "2027-01-15",
    triage: {
      criteria: [
        "There is intra-family violence, or a serious threat of it, in the household.",
        "The services already involved cannot remove the risk on their own.",
        "A joint approach of care, police and justice is necessary and proportionate.",
      ],
      tracks: [
        { track: 1, label: "Care coordination", description: "The services involved agree one plan; the case director follows it up." },
        { track: 2, label: "Care and safety", description: "A joint plan with police follow-up of the safety agreements." },
        { track: 3, label: "High risk", description: "Care, police and the parket act together; reviewed at every meeting." },
      ],
    },
  });
  for (const p of PEOPLE) await sign(ctx, by[p.key] as Account, agreement.id, 1);

  const table = await createTable(ctx, chair, {
    agreementId: agreement.id,
    caseCode: "CO3-ANT-2026-017",
    purpose: "integrity",
    purposeDetail: "Repeated partner violence after separation; two young children at home. Protect V1, K1 and K2.",
    personsConcerned: [{ pseudonym: "V1 (adult)" }, { pseudonym: "P1 (adult)" }, { pseudonym: "K1 (child, 7)" }, { pseudonym: "K2 (child, 4)" }],
    confidentialityAccepted: true,
  });
  for (const member of [caw, youth, police, parket]) {
    await invite(ctx, chair, table.id, { accountId: member.id });
    await accept(ctx, member, table.id, { confidentialityAccepted: true });
  }
  const [v1, p1, k1] = table.personsConcerned.map((p) => p.id) as [string, string, string, string];

  const releaseDraft = async (author: Account, title: string, body: string, r: Omit<Parameters<typeof release>[4], "purpose">) => {
    const draft = await createDraft(ctx, author, table.id, { title, body });
    await release(ctx, author, table.id, draft.id, { ...r, purpose: "integrity" });
  };
  await releaseDraft(
    caw,
    "Safety plan with V1",
    "V1 agreed a safety plan on 12 November: a code word with her sister, a bag at the neighbour's, shelter number saved under a false name.",
    { recipients: [chair.id, police.id], category: "risk-assessment", kind: "fact", personsConcerned: [v1], justification: "Police need the code word arrangement to respond to a call from V1 without alerting P1." },
  );
  await releaseDraft(
    police,
    "Interventions at the family home",
    "Two interventions at the family home in 2026 (March and October), both for verbal threats by P1; no arrest. A third call in November was withdrawn.",
    { recipients: [chair.id, parket.id], category: "police-antecedents", kind: "fact", personsConcerned: [p1], justification: "The parket assesses whether the pattern justifies a prohibition of residence." },
  );
  await releaseDraft(
    youth,
    "School signals for K1",
    "K1's school reports absences on Mondays since September and a drawing that worried the teacher.",
    { recipients: [chair.id], category: "youth-care", kind: "assessment", personsConcerned: [k1], justification: "The chair coordinates the children's safety on the agenda of the next meeting." },
  );
  await createDraft(ctx, caw, table.id, { title: "Not to share yet", body: "V1 is considering filing for divorce; she asked that this stays with us for now." });
  await recordDecline(ctx, caw, table.id, {
    question: "Is P1 in treatment anywhere?",
    reason: "Not necessary for the safety question on the table; P1 is not our client.",
  });
  // The partnership's triage table (issue 9): the OCMW coordinates, the parket has its
  // seat, and one anonymous referral from the CAW waits for triage.
  const triage = await openTriageTable(ctx, chair, agreement.id, { caseCode: "CO3-ANT-TRIAGE", confidentialityAccepted: true });
  await invite(ctx, chair, triage.id, { accountId: parket.id });
  await accept(ctx, parket, triage.id, { confidentialityAccepted: true });
  await refer(ctx, caw, {
    agreementId: agreement.id,
    description:
      "A mother of three tells us her ex-partner waits for her at the school gate and threatens her since she left. The oldest child (12) no longer wants to go to school. Our support alone does not make them safe.",
    consent: { status: "given" },
    informed: { status: "yes" },
  });
  return { accounts: printed };
}
