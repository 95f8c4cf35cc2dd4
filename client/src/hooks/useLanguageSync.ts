// Makes the interface speak the signed-in person's language: one they made on the
// sign-in page just before (which is then kept on the account), else their account's
// choice, else their browser's preference — not the language the previous person on
// this browser left behind. Nothing is stored on the account until the person chooses.
import { useEffect } from "react";
import { savePreferences } from "../api/preferences";
import { applyLanguage, browserLanguage, storeLanguage } from "../i18n/language";
import { pendingChoice, setPendingChoice } from "../i18n/pendingChoice";
import { useSession } from "./useSession";

export function useLanguageSync(): void {
  const { state } = useSession();
  const session = state.status === "signed-in" ? state.session : null;
  const accountId = session?.account.id ?? null;
  const saved = session?.locale ?? null;

  // Keyed on the account and its stored choice, not on the session object: a session
  // re-set later with the same values does not undo a switch made since.
  useEffect(() => {
    if (!accountId) return;
    const pending = pendingChoice();
    const choice = pending ?? saved;
    if (!choice) {
      applyLanguage(browserLanguage());
      return;
    }
    applyLanguage(choice);
    storeLanguage(choice);
    if (pending && pending !== saved) {
      savePreferences({ locale: pending }).then(
        () => setPendingChoice(null),
        () => undefined, // kept pending: tried again on the next session load
      );
    } else setPendingChoice(null);
  }, [accountId, saved]);
}
