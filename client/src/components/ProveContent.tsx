// "Prove content": the salted commitment the log recorded when I released this
// fragment, what it proves, and whether the verified log entry holds the same value.
import { useTranslation } from "react-i18next";
import type { AuthoredFragmentView } from "../../../shared/types";
import type { RecordedCommitment } from "../log/verifyTable";

interface Props {
  fragment: AuthoredFragmentView;
  /** The commitment in the verified `fragment-released` entry; undefined until verified. */
  recorded: RecordedCommitment | undefined;
}

export function ProveContent({ fragment, recorded }: Props) {
  const { t } = useTranslation();
  const same = recorded !== undefined && recorded.commitment.toLowerCase() === fragment.commitment.toLowerCase();
  return (
    <details className="disclosure" data-testid={`prove-${fragment.id}`}>
      <summary>{t("released.prove.summary")}</summary>
      <p className="small">{t("released.prove.explain")}</p>
      <dl className="meta-list">
        <div>
          <dt>{t("released.prove.commitment")}</dt>
          <dd>
            <code className="hash" data-testid={`commitment-${fragment.id}`}>
              {fragment.commitment}
            </code>
          </dd>
        </div>
      </dl>
      {recorded === undefined ? (
        <p className="muted small">{t("released.prove.unverified")}</p>
      ) : same ? (
        <p className="small proof-note proof-verified" data-testid={`commitment-recorded-${fragment.id}`} data-state="verified">
          <span aria-hidden="true">✓ </span>
          {t("released.prove.recorded", { seq: recorded.seq })}
        </p>
      ) : (
        <p className="field-error" data-testid={`commitment-recorded-${fragment.id}`} data-state="failed">
          {t("released.prove.mismatch", { seq: recorded.seq, commitment: recorded.commitment })}
        </p>
      )}
      <p className="muted small">{t("released.prove.salt")}</p>
    </details>
  );
}
