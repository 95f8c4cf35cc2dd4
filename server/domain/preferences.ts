// A person's own preferences: for now the language of the interface. Only the signed-in
// account itself changes them; nothing about them is logged at any table.
import type { PreferencesBody } from "../../shared/schemas.js";
import type { Context } from "./context.js";
import { TafelError } from "./errors.js";
import type { Account } from "../store/records.js";

export async function setPreferences(ctx: Context, account: Account, body: PreferencesBody): Promise<PreferencesBody> {
  return ctx.store.global.update((d) => {
    const a = d.accounts.find((x) => x.id === account.id);
    if (!a) throw new TafelError("not-signed-in", "Your account no longer exists.");
    a.locale = body.locale;
    return { locale: a.locale };
  });
}
