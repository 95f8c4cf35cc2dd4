// A language chosen while signed out (on the sign-in page), to be kept on the account
// once the person signs in. Per tab (sessionStorage): the next person to use this
// browser does not inherit it as their account's choice.
import type { Locale } from "../../../shared/schemas";
import { isLocale } from "./language";

const KEY = "tafel.language.pending";

export function pendingChoice(): Locale | null {
  try {
    const value = sessionStorage.getItem(KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

export function setPendingChoice(locale: Locale | null): void {
  try {
    if (locale) sessionStorage.setItem(KEY, locale);
    else sessionStorage.removeItem(KEY);
  } catch {
    // storage disabled: the choice is not carried over to the account
  }
}
