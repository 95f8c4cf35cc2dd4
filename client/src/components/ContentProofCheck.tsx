// "Check a content proof": someone handed you a proof file for a fragment of this table.
// It is read and checked here only — recomputed with the server's commitment code and
// compared with the verified log entry — and never sent anywhere.
import { useState, type ChangeEvent, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { checkProof, parseProof, type ContentProof, type ProofOutcome } from "../log/contentProof";
import type { RecordedCommitment } from "../log/verifyTable";
import { shortId } from "../format/person";

interface Props {
  tableId: string;
  /** Commitments of the verified `fragment-released` entries, by fragment id. */
  commitments: ReadonlyMap<string, RecordedCommitment>;
  /** Whether the log has been verified yet. */
  logState: "checking" | "verified" | "failed";
}

type Result = { kind: "unreadable"; problem: "json" | "shape" } | { kind: "checked"; proof: ContentProof };

export function ContentProofCheck({ tableId, commitments, logState }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [result, setResult] = useState<Result | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);

  const check = (input: string) => {
    const parsed = parseProof(input);
    if ("problem" in parsed) {
      setResult({ kind: "unreadable", problem: parsed.problem });
      return;
    }
    setResult({ kind: "checked", proof: parsed.proof });
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    check(text);
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    const content = await file.text();
    setFileName(file.name);
    setText(content);
    check(content);
  };

  return (
    <section className="card card-padded card-flat proof-check" aria-labelledby="proof-check-title">
      <h3 id="proof-check-title">{t("proofCheck.title")}</h3>
      <p className="small muted">{t("proofCheck.intro")}</p>
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="proof-file" className="field-label">
            {t("proofCheck.file")}
          </label>
          <input
            id="proof-file"
            data-testid="proof-file"
            type="file"
            accept="application/json,.json"
            className="input input-file"
            aria-describedby={fileName ? "proof-file-read" : undefined}
            onChange={(e) => void onFile(e)}
          />
          {fileName ? (
            <p id="proof-file-read" className="field-hint">
              {t("proofCheck.read", { name: fileName })}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="proof-input" className="field-label">
            {t("proofCheck.paste")}
          </label>
          <textarea
            id="proof-input"
            data-testid="proof-input"
            className="input textarea mono-input"
            rows={5}
            spellCheck={false}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setFileName(null);
              setResult(null);
            }}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" data-testid="proof-check" disabled={text.trim() === ""}>
            {t("proofCheck.submit")}
          </button>
        </div>
      </form>
      {result ? (
        <ProofResult
          result={result}
          // Checked against the log as verified now: a proof read while the log was still being checked is settled when it is.
          outcome={result.kind === "checked" ? checkProof(result.proof, tableId, commitments.get(result.proof.fragmentId)) : null}
          logState={logState}
        />
      ) : null}
    </section>
  );
}

function ProofResult({ result, outcome, logState }: { result: Result; outcome: ProofOutcome | null; logState: Props["logState"] }) {
  const { t } = useTranslation();
  if (result.kind === "unreadable" || !outcome) {
    return (
      <div className="proof-result proof-result-failed" role="status" data-testid="proof-result" data-state="failed">
        <p className="proof-result-title">
          <span aria-hidden="true">✗ </span>
          {result.kind === "unreadable" && result.problem === "json" ? t("proofCheck.notJson") : t("proofCheck.notProof")}
        </p>
      </div>
    );
  }
  const { proof } = result;
  if (outcome.ok) {
    return (
      <div className="proof-result proof-result-verified" role="status" data-testid="proof-result" data-state="verified">
        <p className="proof-result-title">
          <span aria-hidden="true">✓ </span>
          {t("proofCheck.valid", { seq: outcome.seq, id: shortId(proof.fragmentId) })}
        </p>
        {outcome.claimedSeq !== undefined ? <p className="small">{t("proofCheck.otherSeq", { claimed: outcome.claimedSeq, seq: outcome.seq })}</p> : null}
        <div className="proof-content">
          <p className="item-title">{proof.title}</p>
          <p className="prose">{proof.body}</p>
        </div>
        <p className="small muted mono">{t("proofCheck.commitment", { commitment: outcome.commitment })}</p>
      </div>
    );
  }
  let reason: string;
  switch (outcome.reason) {
    case "other-table":
      reason = t("proofCheck.otherTable");
      break;
    case "not-in-log":
      reason = logState === "verified" ? t("proofCheck.notInLog", { id: shortId(proof.fragmentId) }) : t("proofCheck.logNotVerified");
      break;
    case "content-mismatch":
      reason = t("proofCheck.mismatch", { seq: outcome.seq, computed: outcome.computed, recorded: outcome.recorded });
      break;
  }
  return (
    <div className="proof-result proof-result-failed" role="status" data-testid="proof-result" data-state="failed" data-reason={outcome.reason}>
      <p className="proof-result-title">
        <span aria-hidden="true">✗ </span>
        {t("proofCheck.invalid")}
      </p>
      <p className="small">{reason}</p>
    </div>
  );
}
