// Who is signed in, shared by every screen through SessionProvider.
import { createContext, useContext } from "react";
import type { SessionView } from "../../../shared/types";

export type SessionState =
  | { status: "loading" }
  | { status: "signed-out" }
  | { status: "signed-in"; session: SessionView };

export interface SessionContextValue {
  state: SessionState;
  /** After a successful sign in or setup. */
  signedIn(session: SessionView): void;
  /** The person signs out. */
  signOut(): Promise<void>;
  /** The server ended the session (expired, revoked); shows why on the sign-in page. */
  ended(): void;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}

/** The signed-in session; only for screens rendered after sign in. */
export function useSignedIn(): SessionView {
  const { state } = useSession();
  if (state.status !== "signed-in") throw new Error("useSignedIn while not signed in");
  return state.session;
}
