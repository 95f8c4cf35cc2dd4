// What a session view says about the second factor: whether it is in use and whether the
// organisation's requirement gates this account. Never the secret or a code.
import type { SessionView } from "../../shared/types.js";
import type { Account, GlobalData } from "../store/records.js";
import { gateFor } from "../policies/accountGate.js";

export function presentSecondFactorFlags(global: Readonly<GlobalData>, account: Account): Pick<SessionView, "secondFactorEnrolled" | "mustEnrolSecondFactor"> {
  return {
    secondFactorEnrolled: account.secondFactor?.enrolledAt !== undefined,
    mustEnrolSecondFactor: gateFor(global, account)?.code === "second-factor-required",
  };
}
