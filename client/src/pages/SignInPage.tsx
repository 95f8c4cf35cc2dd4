// Sign in with username and password; the server's sentence on failure (wrong
// credentials, throttled). With a second factor, the password step answers with a
// short-lived pending token (kept in memory only) and a second form asks for the code.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import { secondFactorApi } from "../api/secondFactor";
import { FormError } from "../components/FormError";
import { TextField } from "../components/Field";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { navigate, useLocation } from "../hooks/useLocation";
import { useNotice } from "../hooks/useNotice";
import { useResource } from "../hooks/useResource";
import { useSession } from "../hooks/useSession";
import { useSubmit } from "../hooks/useSubmit";
import { LIMITS } from "../../../shared/schemas";
import type { SecondFactorChallenge, SessionView } from "../../../shared/types";

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
  const [challenge, setChallenge] = useState<SecondFactorChallenge | null>(null);

  const enter = (session: SessionView) => {
    dismiss();
    if (pathname === "/signin") navigate("/", { replace: true });
    signedIn(session);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = await submit.run({ username, password });
    if (!result) return;
    if ("secondFactorRequired" in result) {
      setPassword("");
      setChallenge(result);
      return;
    }
    enter(result);
  };

  if (challenge) {
    return (
      <CodeStep
        challenge={challenge}
        onSignedIn={enter}
        onStartOver={() => {
          setChallenge(null);
          submit.reset();
        }}
      />
    );
  }

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

/** The second step: a code from the app or a recovery code, with the pending token. */
function CodeStep({ challenge, onSignedIn, onStartOver }: { challenge: SecondFactorChallenge; onSignedIn: (s: SessionView) => void; onStartOver: () => void }) {
  const { t } = useTranslation();
  useDocumentTitle(t("secondFactor.codeTitle"));
  const [code, setCode] = useState("");
  const submit = useSubmit(secondFactorApi.signInWithCode);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const session = await submit.run({ pendingToken: challenge.pendingToken, code });
    if (session) onSignedIn(session);
    else setCode("");
  };

  return (
    <section className="page page-narrow signin">
      <div className="card card-padded">
        <h1>{t("secondFactor.codeTitle")}</h1>
        <p className="muted">{t("secondFactor.codeIntro")}</p>
        <form onSubmit={(e) => void onSubmit(e)} noValidate className="form">
          <FormError message={submit.message} />
          <TextField
            id="signin-code"
            data-testid="signin-code"
            label={t("secondFactor.code")}
            hint={t("secondFactor.codeHint")}
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellCheck={false}
            autoFocus
            required
            maxLength={40}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={submit.fields.code}
          />
          <div className="form-actions">
            <button type="submit" className="button button-primary" data-testid="signin-code-submit" disabled={submit.pending}>
              {submit.pending ? t("secondFactor.checking") : t("secondFactor.submitCode")}
            </button>
            <button type="button" className="button button-quiet" data-testid="signin-start-over" onClick={onStartOver}>
              {t("secondFactor.startOver")}
            </button>
          </div>
        </form>
      </div>
    </section>
  );
}
