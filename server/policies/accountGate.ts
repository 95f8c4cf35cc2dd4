// What a signed-in account may reach before it is fully set up: with an administrator's
// temporary password only choosing one's own; in an organisation that requires a second
// factor, without one, only the enrolment. REST (app.ts), socket.io and the Yjs server
// all ask this one function, so the gate is decided in one place.
import type { ErrorCode } from "../../shared/types.js";
import type { Account, GlobalData, Organisation } from "../store/records.js";
import { indexOf } from "../store/globalIndex.js";

export interface Gate {
  code: Extract<ErrorCode, "password-change-required" | "second-factor-required">;
  message: string;
  /** API paths (below /api) that still answer. */
  reachable: ReadonlySet<string>;
}

const PASSWORD_CHANGE: Gate = {
  code: "password-change-required",
  message: "Choose your own password first: the one you received was set by an administrator.",
  reachable: new Set(["/auth/session", "/auth/password", "/auth/preferences", "/auth/logout", "/setup"]),
};

const SECOND_FACTOR_ENROLMENT: Gate = {
  code: "second-factor-required",
  message: "Your organisation requires a second factor: set up an authenticator app first.",
  reachable: new Set(["/auth/session", "/auth/preferences", "/auth/logout", "/setup", "/auth/second-factor", "/auth/second-factor/enrolment", "/auth/second-factor/enrolment/confirm"]),
};

export function secondFactorRequiredFor(organisation: Organisation | undefined): boolean {
  return organisation?.requireSecondFactor === true;
}

/** The gate this account is behind, or null when it may use Tafel as its role allows. */
export function gateFor(global: Readonly<GlobalData>, account: Account): Gate | null {
  if (account.mustChangePassword) return PASSWORD_CHANGE;
  const organisation = indexOf(global).organisation(account.organisationId);
  if (secondFactorRequiredFor(organisation) && account.secondFactor?.enrolledAt === undefined) return SECOND_FACTOR_ENROLMENT;
  return null;
}

/** Whether a request to this API path passes the gate. */
export function passesGate(gate: Gate | null, path: string): boolean {
  return gate === null || gate.reachable.has(path);
}
