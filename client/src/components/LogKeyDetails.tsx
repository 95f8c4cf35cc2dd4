// The log's public key as this browser pinned it: a short fingerprint, the full key
// in a details element, and a note when the server now names another key.
import { useTranslation } from "react-i18next";
import type { LogVerification } from "../hooks/useLogVerification";
import { fingerprint } from "../log/logKey";

export function LogKeyDetails({ logKey }: { logKey: LogVerification["key"] }) {
  const { t } = useTranslation();
  const { pinned, served } = logKey;
  const shown = pinned ?? served?.publicKey ?? null;
  const changed = pinned !== null && served !== null && served.publicKey.toLowerCase() !== pinned;
  return (
    <div className="log-key" data-testid="log-key">
      <span className="log-key-label">{t("log.key.title")}</span>
      {shown ? (
        <>
          <span data-testid="log-key-fingerprint">{t("log.key.fingerprint", { fingerprint: fingerprint(shown) })}</span>
          <details className="disclosure log-key-full">
            <summary>{t("log.key.showFull")}</summary>
            <code className="hash" data-testid="log-key-full">
              {shown}
            </code>
          </details>
          {changed ? (
            <p className="field-error" data-testid="log-key-changed">
              {t("log.key.changed", { fingerprint: fingerprint(served.publicKey) })}
            </p>
          ) : null}
        </>
      ) : (
        <span className="muted">{t("log.key.loading")}</span>
      )}
    </div>
  );
}
