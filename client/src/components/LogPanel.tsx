// "Log": size and root hash of the table's Merkle tree, then every entry.
import { useTranslation } from "react-i18next";
import type { LogView, PersonConcernedView } from "../../../shared/types";
import type { Resource } from "../hooks/useResource";
import { FormError } from "./FormError";
import { LogTable } from "./LogTable";

export function LogPanel({ log, persons }: { log: Resource<LogView>; persons: PersonConcernedView[] }) {
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
          {view.entries.length === 0 ? <p className="empty">{t("log.empty")}</p> : <LogTable entries={view.entries} persons={persons} />}
        </>
      ) : log.loading ? (
        <p className="empty">{t("app.loading")}</p>
      ) : null}
    </div>
  );
}
