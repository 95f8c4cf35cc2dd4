// "Log": whether this browser could verify it, the key and the signed head, an export
// for offline checking, then every entry with the proof of each receipt.
import { useTranslation } from "react-i18next";
import type { LogView, PersonConcernedView } from "../../../shared/types";
import type { LogVerification } from "../hooks/useLogVerification";
import type { Resource } from "../hooks/useResource";
import { ContentProofCheck } from "./ContentProofCheck";
import { FormError } from "./FormError";
import { LogExportLink } from "./LogExportLink";
import { LogKeyDetails } from "./LogKeyDetails";
import { LogTable } from "./LogTable";
import { LogVerificationStatus } from "./LogVerificationStatus";

interface Props {
  tableId: string;
  log: Resource<LogView>;
  persons: PersonConcernedView[];
  verification: LogVerification;
}

export function LogPanel({ tableId, log, persons, verification }: Props) {
  const { t } = useTranslation();
  const view = log.data;
  return (
    <div className="panel">
      <div className="panel-intro">
        <h2>{t("log.title")}</h2>
        <p className="muted">{t("log.intro")}</p>
      </div>
      <FormError message={log.error?.message} />
      {view ? (
        <>
          <LogVerificationStatus verification={verification.verification} onRetry={verification.retry} />
          <dl className="log-head" data-testid="log-head">
            <div>
              <dt>{t("log.sizeLabel")}</dt>
              <dd data-testid="log-size">{t("log.size", { count: view.size })}</dd>
            </div>
            <div className="log-root">
              <dt>{t("log.rootHash")}</dt>
              <dd>
                <code className="hash" data-testid="log-root-hash">
                  {view.rootHash}
                </code>
              </dd>
            </div>
          </dl>
          <div className="log-tools">
            <LogKeyDetails logKey={verification.key} />
            <LogExportLink tableId={tableId} publicKey={verification.key.pinned} />
          </div>
          {view.entries.length === 0 ? (
            <p className="empty">{t("log.empty")}</p>
          ) : (
            <LogTable entries={view.entries} persons={persons} rows={verification.verification.rows} />
          )}
          <ContentProofCheck
            tableId={tableId}
            commitments={verification.verification.commitments}
            logState={verification.verification.state}
          />
        </>
      ) : log.loading ? (
        <p className="empty">{t("app.loading")}</p>
      ) : null}
    </div>
  );
}
