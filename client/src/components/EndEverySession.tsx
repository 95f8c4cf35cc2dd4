// Admin: end every session of every account at once (a suspected breach). Asked for
// with a confirmation, since it signs out everyone, this administrator included.
import { useTranslation } from "react-i18next";
import { accountAccessApi } from "../api/accountAccess";
import { useSession } from "../hooks/useSession";
import { useSubmit } from "../hooks/useSubmit";
import { FormError } from "./FormError";

export function EndEverySession() {
  const { t } = useTranslation();
  const { ended } = useSession();
  const end = useSubmit(accountAccessApi.endEverySession);

  const onEnd = async () => {
    if (!window.confirm(t("accountAccess.endEveryConfirm"))) return;
    const done = await end.run();
    // This administrator's own session ended too: back to signing in, saying why.
    if (done) ended();
  };

  return (
    <section className="card" aria-labelledby="end-every-session-title">
      <div className="card-header">
        <h2 id="end-every-session-title">{t("accountAccess.endEveryTitle")}</h2>
      </div>
      <p>{t("accountAccess.endEveryIntro")}</p>
      <FormError message={end.message} />
      <div className="form-actions">
        <button type="button" className="button button-danger" data-testid="end-every-session" disabled={end.pending} onClick={() => void onEnd()}>
          {t("accountAccess.endEvery")}
        </button>
      </div>
    </section>
  );
}
