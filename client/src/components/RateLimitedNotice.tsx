// Says, politely and visibly, that the server closed the live connection because this
// page sent too many events (socket:rate-limited, server/realtime/realtime.ts). The
// status region is always in the page, so a screen reader reads the sentence when it
// appears; it does not interrupt (role=status, not alert): nothing is lost but the
// live updates, and reloading brings them back.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { onRateLimited } from "../api/realtime";

export function RateLimitedNotice() {
  const { t } = useTranslation();
  const [limited, setLimited] = useState(false);
  useEffect(() => onRateLimited(() => setLimited(true)), []);
  return (
    <div role="status" data-testid="rate-limited-notice" className={limited ? "callout" : undefined}>
      {limited ? (
        <>
          <p>{t("rateLimit.socket")}</p>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            {t("errors.reload")}
          </button>
        </>
      ) : null}
    </div>
  );
}
