// The person's own second factor: set it up, or turn it off (password and a code).
// Also the only page reachable while the organisation requires one and it is missing.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import { secondFactorApi } from "../api/secondFactor";
import { FormError } from "../components/FormError";
import { TextField } from "../components/Field";
import { SecondFactorEnrolment } from "../components/SecondFactorEnrolment";
import { formatDateTime } from "../format/date";
import { useAnnounce } from "../hooks/useAnnounce";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useResource } from "../hooks/useResource";
import { useSession, useSignedIn } from "../hooks/useSession";
import { useSubmit } from "../hooks/useSubmit";
import { LIMITS } from "../../../shared/schemas";

export function SecondFactorPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("secondFactor.settingsTitle"));
  const session = useSignedIn();
  const { signedIn } = useSession();
  const announce = useAnnounce();
  const status = useResource("second-factor", secondFactorApi.status);
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const disable = useSubmit(async (body: { password: string; code: string }) => {
    await secondFactorApi.disable(body);
    return true;
  });

  const refresh = async () => {
    await status.reload();
    // The session view says whether the organisation's gate is still closed.
    signedIn(await api.session());
  };

  const onEnrolled = () => {
    announce(t("secondFactor.enrolled"));
    void refresh();
  };

  const onDisable = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const done = await disable.run({ password, code });
    if (!done) return;
    setPassword("");
    setCode("");
    announce(t("secondFactor.disabled"));
    await refresh();
  };

  const current = status.data;
  return (
    <section className="page page-narrow">
      <div className="card card-padded stack">
        <h1>{session.mustEnrolSecondFactor ? t("secondFactor.enrolTitle") : t("secondFactor.settingsTitle")}</h1>
        {session.mustEnrolSecondFactor ? <p className="callout" data-testid="second-factor-required">{t("secondFactor.enrolRequired")}</p> : null}
        <FormError message={status.error?.message} />
        {current?.enrolled ? (
          <>
            <p data-testid="second-factor-status">
              {t("secondFactor.statusOn", { date: current.enrolledAt ? formatDateTime(current.enrolledAt) : "", left: current.recoveryCodesLeft })}
              {current.required ? ` ${t("secondFactor.requiredNote")}` : ""}
            </p>
            <form onSubmit={(e) => void onDisable(e)} noValidate className="form" aria-labelledby="disable-title">
              <h2 id="disable-title">{t("secondFactor.disableTitle")}</h2>
              <p className="muted">{t("secondFactor.disableIntro")}</p>
              <FormError message={disable.message} />
              <TextField
                id="disable-password"
                data-testid="disable-password"
                type="password"
                label={t("secondFactor.password")}
                autoComplete="current-password"
                required
                maxLength={LIMITS.passwordMax}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                error={disable.fields.password}
              />
              <TextField
                id="disable-code"
                data-testid="disable-code"
                label={t("secondFactor.code")}
                hint={t("secondFactor.codeHint")}
                autoComplete="one-time-code"
                autoCapitalize="characters"
                spellCheck={false}
                required
                maxLength={40}
                value={code}
                onChange={(e) => setCode(e.target.value)}
                error={disable.fields.code}
              />
              <div className="form-actions">
                <button type="submit" className="button button-danger" data-testid="disable-submit" disabled={disable.pending}>
                  {t("secondFactor.disable")}
                </button>
              </div>
            </form>
          </>
        ) : current ? (
          <>
            <p className="muted" data-testid="second-factor-status">
              {t("secondFactor.statusOff")} {t("secondFactor.enrolIntro")}
            </p>
            <SecondFactorEnrolment onDone={onEnrolled} />
          </>
        ) : null}
      </div>
    </section>
  );
}
