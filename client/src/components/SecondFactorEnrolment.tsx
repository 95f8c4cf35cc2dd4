// Setting up an authenticator app: the server makes the secret; this shows it once as a
// QR code (an SVG as a data: image — the CSP allows img data:, and no script runs from
// it) and as a key to type, then asks for the first code, then shows the recovery codes
// once. Only a right code completes the enrolment.
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import QRCode from "qrcode";
import { secondFactorApi } from "../api/secondFactor";
import type { EnrolmentView } from "../../../shared/types";
import { useSubmit } from "../hooks/useSubmit";
import { TextField } from "./Field";
import { FormError } from "./FormError";

/** The key in groups of four, as apps show it; spaces are ignored when typed in. */
const grouped = (key: string) => key.replace(/(.{4})/g, "$1 ").trim();

export function SecondFactorEnrolment({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [enrolment, setEnrolment] = useState<EnrolmentView | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [code, setCode] = useState("");
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const start = useSubmit(secondFactorApi.startEnrolment);
  const confirm = useSubmit(secondFactorApi.confirmEnrolment);

  useEffect(() => {
    if (!enrolment) return;
    let cancelled = false;
    void QRCode.toString(enrolment.uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 }).then((svg) => {
      if (!cancelled) setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    });
    return () => {
      cancelled = true;
    };
  }, [enrolment]);

  const onStart = async () => {
    const started = await start.run();
    if (started) setEnrolment(started);
  };

  const onConfirm = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const confirmed = await confirm.run({ code });
    if (!confirmed) return;
    // The secret is not needed any more on this page.
    setEnrolment(null);
    setQr(null);
    setRecoveryCodes(confirmed.recoveryCodes);
  };

  if (recoveryCodes) {
    return (
      <section aria-labelledby="recovery-title" className="stack">
        <h2 id="recovery-title">{t("secondFactor.recoveryTitle")}</h2>
        <p>{t("secondFactor.recoveryIntro")}</p>
        <ul className="recovery-codes" aria-label={t("secondFactor.recoveryListLabel")} data-testid="recovery-codes">
          {recoveryCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <div className="form-actions">
          <button type="button" className="button button-primary" data-testid="recovery-done" onClick={onDone}>
            {t("secondFactor.recoveryDone")}
          </button>
        </div>
      </section>
    );
  }

  if (!enrolment) {
    return (
      <div className="stack">
        <FormError message={start.message} />
        <div className="form-actions">
          <button type="button" className="button button-primary" data-testid="second-factor-start" disabled={start.pending} onClick={() => void onStart()}>
            {start.pending ? t("secondFactor.starting") : t("secondFactor.start")}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="stack">
      <p>{t("secondFactor.scan")}</p>
      {qr ? <img className="enrolment-qr" src={qr} alt={t("secondFactor.qrAlt")} width={200} height={200} data-testid="second-factor-qr" /> : null}
      <p className="muted">{t("secondFactor.manual")}</p>
      <p>
        <span className="field-label">{t("secondFactor.keyLabel")}: </span>
        <code className="enrolment-key" data-testid="second-factor-key">
          {grouped(enrolment.key)}
        </code>
      </p>
      <form onSubmit={(e) => void onConfirm(e)} noValidate className="form">
        <p>{t("secondFactor.confirmStep")}</p>
        <FormError message={confirm.message} />
        <TextField
          id="second-factor-confirm-code"
          data-testid="second-factor-confirm-code"
          label={t("secondFactor.confirmCode")}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]*"
          maxLength={7}
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={confirm.fields.code}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary" data-testid="second-factor-confirm" disabled={confirm.pending}>
            {t("secondFactor.confirm")}
          </button>
        </div>
      </form>
    </div>
  );
}
