// The words of a disclosure report, in the language the data protection officer asks
// for: the report answers a person's access request (GDPR art. 15), so it must be in a
// language that person reads. The facts (names, times, ids, the legal basis as written
// in the agreement) are the same in every language; times stay ISO 8601 (UTC), exact and
// unambiguous. English is kept word for word as it was before other languages existed.
import type { Category, FragmentKind, Locale, Sector, TablePurpose } from "../../shared/schemas.js";

export interface ReportText {
  title(pseudonym: string, caseCode: string): string;
  restricted: string;
  personConcerned(pseudonym: string): string;
  caseTable(caseCode: string): string;
  producedOn(at: string, name: string, organisation: string): string;
  intro: string;
  nothingReleased: string;
  releaseHeading(at: string, category: string, kind: string, author: string, organisation: string): string;
  releaseFacts(purpose: string, legalBasis: string, fragmentId: string): string;
  released(at: string): string;
  sent(at: string | undefined): string;
  delivered(at: string | undefined): string;
  opened(at: string | undefined): string;
  revoked(at: string): string;
  deferrals: string;
  deferral(at: string, by: string, until: string | undefined, reason: string): string;
  csvHeader: readonly string[];
  csvDeferral(at: string, by: string, until: string | undefined, reason: string): string;
  categories: Record<Category, string>;
  kinds: Record<FragmentKind, string>;
  purposes: Record<TablePurpose, string>;
  sectors: Record<Sector, string>;
}

const en: ReportText = {
  title: (pseudonym, caseCode) => `Disclosure report — ${pseudonym} — ${caseCode}`,
  restricted: "RESTRICTED — disclosure report (GDPR art. 15(1)(c): recipients of personal data)",
  personConcerned: (p) => `Person concerned: ${p}`,
  caseTable: (c) => `Case table: ${c}`,
  producedOn: (at, name, org) => `Produced on ${at} by ${name} (${org})`,
  intro:
    "This report lists every release of information about this person, to whom, when, why, and whether it was delivered, opened or revoked. It contains no content of what was shared.",
  nothingReleased: "No information about this person was released at this table.",
  releaseHeading: (at, category, kind, author, org) => `${at} — ${category} (${kind}), released by ${author}, ${org}`,
  releaseFacts: (purpose, legalBasis, id) => `Purpose: ${purpose}. Legal basis: ${legalBasis}. Fragment ${id}.`,
  released: (at) => `released ${at}`,
  sent: (at) => (at ? `sent ${at}` : "not sent"),
  delivered: (at) => (at ? `delivered ${at}` : "not delivered"),
  opened: (at) => (at ? `opened ${at}` : "not opened"),
  revoked: (at) => `revoked ${at}`,
  deferrals: "Deferrals (GDPR art. 23)",
  deferral: (at, by, until, reason) => `${at} by ${by}${until ? `, until ${until}` : ""}: ${reason}`,
  csvHeader: [
    "case", "person concerned", "fragment", "category", "kind", "released at", "released by", "releasing organisation",
    "recipient", "recipient organisation", "recipient sector", "purpose", "legal basis", "sent", "delivered", "opened", "revoked",
  ],
  csvDeferral: (at, by, until, reason) => `# deferred (GDPR art. 23) on ${at} by ${by}${until ? ` until ${until}` : ""}: ${reason}`,
  categories: {
    "identity-household": "identity-household",
    "police-antecedents": "police-antecedents",
    "judicial-status": "judicial-status",
    "medical-psychiatric": "medical-psychiatric",
    "social-financial": "social-financial",
    "youth-care": "youth-care",
    "risk-assessment": "risk-assessment",
  },
  kinds: { fact: "fact", assessment: "assessment", "risk-assessment": "risk-assessment" },
  purposes: { integrity: "integrity", terrorism: "terrorism", "organised-crime": "organised-crime" },
  sectors: { care: "care", police: "police", justice: "justice", "local-government": "local-government", other: "other" },
};

const nl: ReportText = {
  title: (pseudonym, caseCode) => `Verstrekkingsoverzicht — ${pseudonym} — ${caseCode}`,
  restricted: "VERTROUWELIJK — verstrekkingsoverzicht (AVG art. 15, lid 1, c): ontvangers van persoonsgegevens)",
  personConcerned: (p) => `Betrokkene: ${p}`,
  caseTable: (c) => `Casustafel: ${c}`,
  producedOn: (at, name, org) => `Opgemaakt op ${at} door ${name} (${org})`,
  intro:
    "Dit overzicht vermeldt elke vrijgave van informatie over deze persoon: aan wie, wanneer, waarom, en of ze afgeleverd, geopend of ingetrokken werd. Het bevat niets van de inhoud van wat gedeeld werd.",
  nothingReleased: "Over deze persoon werd aan deze tafel geen informatie vrijgegeven.",
  releaseHeading: (at, category, kind, author, org) => `${at} — ${category} (${kind}), vrijgegeven door ${author}, ${org}`,
  releaseFacts: (purpose, legalBasis, id) => `Doel: ${purpose}. Rechtsgrond: ${legalBasis}. Fragment ${id}.`,
  released: (at) => `vrijgegeven ${at}`,
  sent: (at) => (at ? `verzonden ${at}` : "niet verzonden"),
  delivered: (at) => (at ? `afgeleverd ${at}` : "niet afgeleverd"),
  opened: (at) => (at ? `geopend ${at}` : "niet geopend"),
  revoked: (at) => `ingetrokken ${at}`,
  deferrals: "Uitstel (AVG art. 23)",
  deferral: (at, by, until, reason) => `${at} door ${by}${until ? `, tot ${until}` : ""}: ${reason}`,
  csvHeader: [
    "casus", "betrokkene", "fragment", "categorie", "soort", "vrijgegeven op", "vrijgegeven door", "vrijgevende organisatie",
    "ontvanger", "organisatie van de ontvanger", "sector van de ontvanger", "doel", "rechtsgrond", "verzonden", "afgeleverd", "geopend", "ingetrokken",
  ],
  csvDeferral: (at, by, until, reason) => `# uitgesteld (AVG art. 23) op ${at} door ${by}${until ? ` tot ${until}` : ""}: ${reason}`,
  categories: {
    "identity-household": "identiteit en gezinssamenstelling",
    "police-antecedents": "politionele antecedenten",
    "judicial-status": "gerechtelijke situatie",
    "medical-psychiatric": "medisch en psychiatrisch",
    "social-financial": "sociaal en financieel",
    "youth-care": "jeugdhulp",
    "risk-assessment": "risicotaxatie",
  },
  kinds: { fact: "feit", assessment: "inschatting", "risk-assessment": "risicochecklist" },
  purposes: {
    integrity: "fysieke of psychische integriteit beschermen",
    terrorism: "terrorisme voorkomen",
    "organised-crime": "georganiseerde criminaliteit voorkomen",
  },
  sectors: { care: "hulpverlening", police: "politie", justice: "justitie", "local-government": "lokaal bestuur", other: "andere" },
};

export const REPORT_TEXT: Record<Locale, ReportText> = { en, nl };
