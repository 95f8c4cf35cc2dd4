// The loud warning at the top of a table whose log failed verification: what failed,
// the evidence (tree heads only), and "I have reported this", which alone removes it.
import { useTranslation } from "react-i18next";
import type { SignedTreeHead } from "../../../shared/types";
import { formatDateTime, formatTimestamp } from "../format/date";
import { describeFailures } from "../format/logFailure";
import type { AlarmRecord } from "../log/treeHeadStore";

interface Props {
  alarm: AlarmRecord;
  onDismiss(): void;
}

function HeadJson({ head }: { head: SignedTreeHead | null }) {
  const { t } = useTranslation();
  if (!head) return <p className="muted small">{t("logAlarm.none")}</p>;
  return <pre className="evidence">{JSON.stringify(head, null, 2)}</pre>;
}

export function LogAlarm({ alarm, onDismiss }: Props) {
  const { t } = useTranslation();
  const { earlier, shown } = alarm;
  return (
    <section className="log-alarm" role="alert" data-testid="log-alarm" aria-labelledby="log-alarm-title">
      <h2 id="log-alarm-title" className="log-alarm-title">
        {t("logAlarm.title")}
      </h2>
      <div className="log-alarm-facts">
        {earlier ? (
          <p data-testid="log-alarm-earlier">
            {t("logAlarm.earlier", { count: earlier.tree_size, time: formatTimestamp(earlier.timestamp) })}
          </p>
        ) : null}
        {shown ? (
          <p data-testid="log-alarm-shown">{t("logAlarm.shown", { count: shown.tree_size, time: formatTimestamp(shown.timestamp) })}</p>
        ) : null}
        <p className="small">{t("logAlarm.detected", { time: formatDateTime(alarm.detectedAt) })}</p>
      </div>
      <p className="log-alarm-label">{t("logAlarm.failed")}</p>
      <ul className="log-alarm-checks" data-testid="log-alarm-checks">
        {describeFailures(t, alarm.failures).map((line) => (
          <li key={line.key} data-check={line.check}>
            {line.text}
          </li>
        ))}
      </ul>
      <details className="disclosure log-alarm-evidence">
        <summary>{t("logAlarm.evidence")}</summary>
        <p className="small">{t("logAlarm.evidenceHint")}</p>
        <div className="evidence-grid">
          <div>
            <h3 className="evidence-title">{t("logAlarm.earlierHead")}</h3>
            <HeadJson head={earlier} />
          </div>
          <div>
            <h3 className="evidence-title">{t("logAlarm.shownHead")}</h3>
            <HeadJson head={shown} />
          </div>
        </div>
      </details>
      <div className="log-alarm-actions">
        <button type="button" className="button button-danger" data-testid="log-alarm-dismiss" onClick={onDismiss}>
          {t("logAlarm.dismiss")}
        </button>
        <span className="small">{t("logAlarm.dismissHint")}</span>
      </div>
    </section>
  );
}
