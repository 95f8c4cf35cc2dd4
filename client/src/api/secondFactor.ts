// The second factor's REST calls: the code step of signing in, the person's own
// enrolment and turning it off, and what administrators manage.
import type {
  ConfirmEnrolmentBody,
  DisableSecondFactorBody,
  OrganisationSecondFactorBody,
  SecondFactorSignInBody,
} from "../../../shared/schemas";
import type {
  AdminOrganisationView,
  EnrolmentView,
  RecoveryCodesView,
  SecondFactorStatus,
  SessionView,
  TemporaryPasswordView,
} from "../../../shared/types";
import { http } from "./http";

const seg = encodeURIComponent;

export const secondFactorApi = {
  signInWithCode: (body: SecondFactorSignInBody) => http.post<SessionView>("/api/auth/login/second-factor", body),
  status: () => http.get<SecondFactorStatus>("/api/auth/second-factor"),
  startEnrolment: () => http.post<EnrolmentView>("/api/auth/second-factor/enrolment"),
  confirmEnrolment: (body: ConfirmEnrolmentBody) => http.post<RecoveryCodesView>("/api/auth/second-factor/enrolment/confirm", body),
  disable: (body: DisableSecondFactorBody) => http.post<void>("/api/auth/second-factor/disable", body),

  setRequirement: (organisationId: string, body: OrganisationSecondFactorBody) =>
    http.put<AdminOrganisationView>(`/api/admin/organisations/${seg(organisationId)}/second-factor`, body),
  reset: (accountId: string) => http.post<{ ended: number }>(`/api/admin/accounts/${seg(accountId)}/second-factor/reset`),
  issueTemporaryPassword: (accountId: string) => http.post<TemporaryPasswordView>(`/api/admin/accounts/${seg(accountId)}/temporary-password`),
};
