// Sign in with username and password; the server's sentence on failure (wrong
// credentials, throttled).
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import { FormError } from "../components/FormError";
import { TextField } from "../components/Field";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { navigate, useLocation } from "../hooks/useLocation";
import { useNotice } from "../hooks/useNotice";
import { useResource } from "../hooks/useResource";
import { useSession } from "../hooks/useSession";
import { useSubmit } from "../hooks/useSubmit";
import { LIMITS } from "../../../shared/schemas";

export function SignInPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("signIn.title"));
  const { signedIn } = useSession();
  const { dismiss } = useNotice();
  const { pathname } = useLocation();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const setup = useResource("setup", api.setupStatus);
  const submit = useSubmit(api.login);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const session = await submit.run({ username, password });
    if (!session) return;
    dismiss();
    if (pathname === "/signin") navigate("/", { replace: true });
    signedIn(session);
  };

  return (
    <section className="page page-narrow signin">
      <div className="card card-padded">
        <h1>{t("signIn.title")}</h1>
        <p className="muted">{t("signIn.intro")}</p>
        {setup.data?.needsSetup ? <p className="callout">{t("signIn.needsSetup")}</p> : null}
        <form onSubmit={(e) => void onSubmit(e)} noValidate className="form">
          <FormError message={submit.message} />
          <TextField
            id="signin-username"
            data-testid="signin-username"
            label={t("signIn.username")}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            maxLength={LIMITS.username}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            error={submit.fields.username}
          />
          <TextField
            id="signin-password"
            data-testid="signin-password"
            type="password"
            label={t("signIn.password")}
            autoComplete="current-password"
            required
            maxLength={LIMITS.passwordMax}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={submit.fields.password}
          />
          <div className="form-actions">
            <button type="submit" className="button button-primary" data-testid="signin-submit" disabled={submit.pending}>
              {submit.pending ? t("signIn.submitting") : t("signIn.submit")}
            </button>
          </div>
        </form>
      </div>
    </section>
  );
}
