// A person's authenticator app, for tests: enrols through the API like the page does,
// and computes codes with otpauth from the key the server showed, as a phone would.
import { HOTP, Secret } from "otpauth";
import type { EnrolmentView, LoginResult, RecoveryCodesView, SecondFactorChallenge, SessionView } from "../../shared/types.js";
import type { ApiClient } from "./api.js";

const PERIOD_MS = 30_000;

export const stepNow = () => Math.floor(Date.now() / PERIOD_MS);

export function codeAt(key: string, step: number): string {
  return HOTP.generate({ secret: Secret.fromBase32(key), algorithm: "SHA1", digits: 6, counter: step });
}

/** The app on a phone: knows the key and which step it last gave a code for. */
export class Authenticator {
  lastStep: number | undefined;
  constructor(readonly key: string) {}

  /**
   * A code the server has not seen yet and will accept: the current step's, or the next
   * step's (the server accepts ±1) — waiting for the clock only if both are used.
   */
  async freshCode(): Promise<string> {
    for (;;) {
      const now = stepNow();
      const step = this.lastStep === undefined ? now : Math.max(this.lastStep + 1, now);
      if (step <= now + 1) {
        this.lastStep = step;
        return codeAt(this.key, step);
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  /** The code the app gave last (to replay it). */
  lastCode(): string {
    if (this.lastStep === undefined) throw new Error("no code given yet");
    return codeAt(this.key, this.lastStep);
  }
}

export interface Enrolled {
  app: Authenticator;
  enrolment: EnrolmentView;
  recoveryCodes: string[];
}

/** Starts and confirms an enrolment for a signed-in client. */
export async function enrol(client: ApiClient): Promise<Enrolled> {
  const enrolment = await client.ok<EnrolmentView>("POST", "/api/auth/second-factor/enrolment");
  const app = new Authenticator(enrolment.key);
  const { recoveryCodes } = await client.ok<RecoveryCodesView>("POST", "/api/auth/second-factor/enrolment/confirm", { code: await app.freshCode() });
  return { app, enrolment, recoveryCodes };
}

export function isChallenge(result: LoginResult): result is SecondFactorChallenge {
  return "secondFactorRequired" in result;
}

/** The password step; fails the test unless it asks for a code. */
export async function passwordStep(client: ApiClient, username: string, password: string): Promise<SecondFactorChallenge> {
  const result = await client.ok<LoginResult>("POST", "/api/auth/login", { username, password });
  if (!isChallenge(result)) throw new Error("expected the sign-in to ask for a second factor");
  return result;
}

/** Both steps, with a fresh code from the app. */
export async function signInWithCode(client: ApiClient, username: string, password: string, app: Authenticator): Promise<SessionView> {
  const challenge = await passwordStep(client, username, password);
  return client.ok<SessionView>("POST", "/api/auth/login/second-factor", { pendingToken: challenge.pendingToken, code: await app.freshCode() });
}
