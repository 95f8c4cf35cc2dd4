// The calm line at the top of the Log tab: verified (with the head's time and whether
// it was compared with an earlier one), checking, or failed.
import { useTranslation } from "react-i18next";
import { formatTimestamp } from "../format/date";
import { describeFailures } from "../format/logFailure";
import type { Verification } from "../hooks/useLogVerification";

export function LogVerificationStatus({ verification, onRetry }: { verification: Verification; onRetry(): void }) {
  const { t } = useTranslation();
  const { state, head, earlier, unavailable, failures } = verification;
  let text: string;
  if (state === "checking") text = t("log.verify.checking");
  else if (unavailable !== null) text = t("log.verify.unavailable", { message: unavailable });
  else if (state === "failed") text = t("log.verify.failed");
  else {
    const values = { count: head?.tree_size ?? 0, time: head ? formatTimestamp(head.timestamp) : "" };
    text = earlier ? t("log.verify.verified", values) : t("log.verify.verifiedFirst", values);
  }
  return (
    <div
      className={`log-status log-status-${state}`}
      role="status"
      data-testid="log-status"
      data-state={state}
      data-reason={unavailable !== null ? "unavailable" : undefined}
    >
      <span className="log-status-icon" aria-hidden="true">
        {state === "verified" ? "✓" : state === "failed" ? "✗" : "…"}
      </span>
      <div className="log-status-text">
        <p>{text}</p>
        {state === "failed" && failures.length > 0 ? (
          <ul className="log-status-checks" data-testid="log-status-checks">
            {describeFailures(t, failures).map((line) => (
              <li key={line.key} data-check={line.check}>
                {line.text}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {unavailable !== null ? (
        <button type="button" className="button button-small button-secondary" data-testid="log-status-retry" onClick={onRetry}>
          {t("log.verify.retry")}
        </button>
      ) : null}
    </div>
  );
}
