// `/setup?token=…`: the one-time form that creates the first administrator.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import { FormError } from "../components/FormError";
import { TextField } from "../components/Field";
import { Link } from "../components/Link";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { navigate, useLocation } from "../hooks/useLocation";
import { useResource } from "../hooks/useResource";
import { useSession } from "../hooks/useSession";
import { useSubmit } from "../hooks/useSubmit";
import { LIMITS } from "../../../shared/schemas";

export function SetupPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("setup.title"));
  const { signedIn } = useSession();
  const { search } = useLocation();
  const token = search.get("token") ?? "";
  const status = useResource("setup", api.setupStatus);
  const submit = useSubmit(api.setup);
  const [name, setName] = useState("");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const session = await submit.run({ token, name, username, password });
    if (!session) return;
    navigate("/admin", { replace: true });
    signedIn(session);
  };

  let content;
  if (status.loading && !status.data) content = <p className="muted">{t("app.loading")}</p>;
  else if (status.error) content = <FormError message={status.error.message} />;
  else if (status.data && !status.data.needsSetup)
    content = (
      <p className="callout">
        {t("setup.done")} <Link to="/">{t("setup.goToSignIn")}</Link>
      </p>
    );
  else if (!token) content = <p className="callout">{t("setup.missingToken")}</p>;
  else
    content = (
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="form">
        <FormError message={submit.message} />
        <TextField
          id="setup-name"
          data-testid="setup-name"
          label={t("setup.name")}
          autoComplete="name"
          required
          maxLength={LIMITS.name}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={submit.fields.name}
        />
        <TextField
          id="setup-username"
          data-testid="setup-username"
          label={t("setup.username")}
          hint={t("setup.usernameHint")}
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
          id="setup-password"
          data-testid="setup-password"
          type="password"
          label={t("setup.password")}
          hint={t("setup.passwordHint", { min: LIMITS.passwordMin })}
          autoComplete="new-password"
          required
          minLength={LIMITS.passwordMin}
          maxLength={LIMITS.passwordMax}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={submit.fields.password}
        />
        {submit.fields.token ? <FormError message={submit.fields.token} /> : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary" data-testid="setup-submit" disabled={submit.pending}>
            {t("setup.submit")}
          </button>
        </div>
      </form>
    );

  return (
    <section className="page page-narrow">
      <div className="card card-padded">
        <h1>{t("setup.title")}</h1>
        <p className="muted">{t("setup.intro")}</p>
        {content}
      </div>
    </section>
  );
}
