// The signed-in person's own preferences (the language of the interface).
import type { PreferencesBody } from "../../../shared/schemas";
import type { PreferencesView } from "../../../shared/types";
import { http } from "./http";

export function savePreferences(body: PreferencesBody): Promise<PreferencesView> {
  return http.put<PreferencesView>("/api/auth/preferences", body);
}
