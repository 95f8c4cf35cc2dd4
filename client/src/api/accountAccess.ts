// What administrators do to an account's access: disable and enable it, and end every
// session of every account.
import type { AdminAccountView, DisabledAccountView } from "../../../shared/types";
import { http } from "./http";

const seg = encodeURIComponent;

export const accountAccessApi = {
  disable: (accountId: string) => http.post<DisabledAccountView>(`/api/admin/accounts/${seg(accountId)}/disable`),
  enable: (accountId: string) => http.post<AdminAccountView>(`/api/admin/accounts/${seg(accountId)}/enable`),
  endEverySession: () => http.post<{ ended: number }>("/api/admin/sessions/end-all"),
};
