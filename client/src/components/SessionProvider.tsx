// Loads the session once, keeps it, and ends it when the server says so (a 401 on any
// request, or `session:ended` on the realtime connection).
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import { setSignedOutHandler } from "../api/http";
import { closeRealtime, onSessionEnded } from "../api/realtime";
import { SessionContext, type SessionContextValue, type SessionState } from "../hooks/useSession";
import { useNotice } from "../hooks/useNotice";
import type { SessionView } from "../../../shared/types";

export function SessionProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { show } = useNotice();
  const [state, setState] = useState<SessionState>({ status: "loading" });

  useEffect(() => {
    let cancelled = false;
    api
      .session()
      .then((session) => !cancelled && setState({ status: "signed-in", session }))
      .catch(() => !cancelled && setState({ status: "signed-out" }));
    return () => {
      cancelled = true;
    };
  }, []);

  const status = useRef(state.status);
  useEffect(() => {
    status.current = state.status;
  }, [state.status]);

  const ended = useCallback(() => {
    closeRealtime();
    if (status.current === "signed-in") show(t("notices.sessionEnded"));
    status.current = "signed-out";
    setState({ status: "signed-out" });
  }, [show, t]);

  const signedIn = useCallback((session: SessionView) => {
    closeRealtime();
    setState({ status: "signed-in", session });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      closeRealtime();
      setState({ status: "signed-out" });
      show(t("notices.signedOut"));
    }
  }, [show, t]);

  useEffect(() => {
    setSignedOutHandler(ended);
    return () => setSignedOutHandler(null);
  }, [ended]);

  // Members hold a realtime connection; the server ends it with the session.
  const memberId = state.status === "signed-in" && state.session.account.role === "member" ? state.session.account.id : null;
  useEffect(() => {
    if (!memberId) return;
    return onSessionEnded(ended);
  }, [memberId, ended]);

  const value = useMemo<SessionContextValue>(() => ({ state, signedIn, signOut, ended }), [state, signedIn, signOut, ended]);
  return <SessionContext value={value}>{children}</SessionContext>;
}
