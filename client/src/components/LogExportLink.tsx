// "Export log": the whole log with a fresh signed head, as a file, and the command that
// checks it offline with the key this browser pinned.
import { useTranslation } from "react-i18next";
import { downloads } from "../api/tafel";

export function LogExportLink({ tableId, publicKey }: { tableId: string; publicKey: string | null }) {
  const { t } = useTranslation();
  const command = `npm run verify-log -- tafel-log-${tableId}.json --key ${publicKey ?? "<publicKey>"}`;
  return (
    <div className="log-export">
      <a className="button button-secondary" href={downloads.logExport(tableId)} download data-testid="log-export">
        {t("log.exportLink")}
      </a>
      <p className="small muted">
        {t("log.exportHint")} <code className="command" data-testid="log-export-hint">{command}</code>{" "}
        {t("log.exportLogged")}
      </p>
    </div>
  );
}
