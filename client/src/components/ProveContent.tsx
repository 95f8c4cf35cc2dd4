// "Prove content": the salted commitment the log recorded when I released this
// fragment, what it proves, whether the verified log entry holds the same value, and a
// proof file (content and salt) I may hand to a chosen person, who checks it in the
// Log tab of this table.
import { useTranslation } from "react-i18next";
import type { AuthoredFragmentView } from "../../../shared/types";
import { proofFileName, proofOf } from "../log/contentProof";
import type { RecordedCommitment } from "../log/verifyTable";

interface Props {
  tableId: string;
  fragment: AuthoredFragmentView;
  /** The commitment in the verified `fragment-released` entry; undefined until verified. */
  recorded: RecordedCommitment | undefined;
}

/** Saves a JSON file made here (no request: the proof never passes through the server). */
function saveJson(name: string, value: unknown): void {
  const blob = new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function ProveContent({ tableId, fragment, recorded }: Props) {
  const { t } = useTranslation();
  const same = recorded !== undefined && recorded.commitment.toLowerCase() === fragment.commitment.toLowerCase();
  const download = () => {
    if (!recorded) return;
    const proof = proofOf({ ...fragment, tableId: fragment.tableId || tableId }, recorded.seq);
    saveJson(proofFileName(proof), proof);
  };
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
      <div className="proof-download">
        <button
          type="button"
          className="button button-secondary button-small"
          data-testid={`proof-download-${fragment.id}`}
          disabled={!same}
          onClick={download}
        >
          {t("released.prove.download")}
        </button>
        <p className="muted small">{same ? t("released.prove.downloadHint") : t("released.prove.downloadWaits")}</p>
      </div>
    </details>
  );
}
