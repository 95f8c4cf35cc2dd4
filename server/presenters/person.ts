// How one account appears to others: name, organisation, sector. Never credentials.
import type { AccountView, OrganisationView, PersonView } from "../../shared/types.js";
import type { Account, GlobalData, Organisation } from "../store/records.js";
import { indexOf } from "../store/globalIndex.js";

export function presentOrganisation(org: Organisation): OrganisationView {
  return { id: org.id, name: org.name, sector: org.sector, secrecy: org.secrecy };
}

const UNKNOWN_ORG: OrganisationView = { id: "", name: "(unknown organisation)", sector: "other", secrecy: "none" };

function organisationOf(global: Readonly<GlobalData>, account: Account): OrganisationView {
  const org = indexOf(global).organisation(account.organisationId);
  return org ? presentOrganisation(org) : UNKNOWN_ORG;
}

export function presentAccount(global: Readonly<GlobalData>, account: Account): AccountView {
  return {
    id: account.id,
    name: account.name,
    username: account.username,
    role: account.role,
    organisation: organisationOf(global, account),
  };
}

export function presentPerson(global: Readonly<GlobalData>, accountId: string): PersonView {
  const account = indexOf(global).account(accountId);
  if (!account) return { id: accountId, name: "(unknown account)", organisation: UNKNOWN_ORG.name, sector: "other" };
  const org = organisationOf(global, account);
  return { id: account.id, name: account.name, organisation: org.name, sector: org.sector };
}
