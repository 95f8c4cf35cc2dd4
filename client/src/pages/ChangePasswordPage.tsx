// Choosing one's own password. Shown instead of everything else while the account still
// has the temporary password an administrator set (the administrator must not know it).
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import { FormError } from "../components/FormError";
import { TextField } from "../components/Field";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useSession } from "../hooks/useSession";
import { useSubmit } from "../hooks/useSubmit";
import { LIMITS } from "../../../shared/schemas";

export function ChangePasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("password.title"));
  const { signedIn } = useSession();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);
  // Counts refusals of a mismatch, so each one (not only the first) moves focus.
  const [mismatchRefusals, setMismatchRefusals] = useState(0);
  useEffect(() => {
    // Once the error is rendered and tied to the field: a screen reader then reads the
    // field as invalid together with the reason, and the person is where to fix it.
    if (mismatchRefusals > 0) document.getElementById("password-repeat")?.focus();
  }, [mismatchRefusals]);
  const submit = useSubmit(async (body: { current: string; next: string }) => {
    await api.changePassword(body);
    return api.session();
  });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMismatch(next !== repeat);
    if (next !== repeat) {
      setMismatchRefusals((n) => n + 1);
      return;
    }
    const session = await submit.run({ current, next });
    if (session) signedIn(session);
  };

  return (
    <section className="page page-narrow signin">
      <div className="card card-padded">
        <h1>{t("password.title")}</h1>
        <p className="muted">{t("password.intro")}</p>
        <form onSubmit={(e) => void onSubmit(e)} noValidate className="form">
          <FormError message={submit.message} />
          <TextField
            id="password-current"
            data-testid="password-current"
            type="password"
            label={t("password.current")}
            autoComplete="current-password"
            required
            maxLength={LIMITS.passwordMax}
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            error={submit.fields.current}
          />
          <TextField
            id="password-next"
            data-testid="password-next"
            type="password"
            label={t("password.next")}
            hint={t("password.nextHint", { min: LIMITS.passwordMin })}
            autoComplete="new-password"
            required
            minLength={LIMITS.passwordMin}
            maxLength={LIMITS.passwordMax}
            value={next}
            onChange={(e) => setNext(e.target.value)}
            error={submit.fields.next}
          />
          <TextField
            id="password-repeat"
            data-testid="password-repeat"
            type="password"
            label={t("password.repeat")}
            autoComplete="new-password"
            required
            maxLength={LIMITS.passwordMax}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            error={mismatch ? t("password.mismatch") : undefined}
          />
          <div className="form-actions">
            <button type="submit" className="button button-primary" data-testid="password-submit" disabled={submit.pending}>
              {t("password.submit")}
            </button>
          </div>
        </form>
      </div>
    </section>
  );
}
