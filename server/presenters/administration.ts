// What administrators see of organisations and accounts: the person views plus the
// security settings they manage. Never a password hash, a second-factor secret or a
// recovery code; only whether a second factor is in use.
import type { AdminAccountView, AdminOrganisationView } from "../../shared/types.js";
import type { Account, GlobalData, Organisation } from "../store/records.js";
import { presentAccount, presentOrganisation } from "./person.js";

export function presentAdminOrganisation(org: Organisation): AdminOrganisationView {
  return { ...presentOrganisation(org), requiresSecondFactor: org.requireSecondFactor === true };
}

export function presentAdminAccount(global: Readonly<GlobalData>, account: Account): AdminAccountView {
  return {
    ...presentAccount(global, account),
    secondFactorEnrolled: account.secondFactor?.enrolledAt !== undefined,
    ...(account.disabled ? { disabledAt: account.disabled.at } : {}),
  };
}
