// The table's header: case code, purpose, the sharing agreement and its version in
// force, persons concerned, my role, live status.
import { useTranslation } from "react-i18next";
import type { ConnectionStatus } from "../api/realtime";
import type { TableView } from "../../../shared/types";
import { shortHash } from "../format/agreement";
import { Link } from "./Link";

export function TableHeader({ table, status }: { table: TableView; status: ConnectionStatus }) {
  const { t } = useTranslation();
  let statusText: string;
  switch (status.kind) {
    case "connecting":
      statusText = t("table.connection.connecting");
      break;
    case "live":
      statusText = t("table.connection.live");
      break;
    case "offline":
      statusText = t("table.connection.offline");
      break;
    case "refused":
      statusText = t("table.connection.refused", { message: status.message });
      break;
  }

  return (
    <header className="table-header">
      <div className="table-header-top">
        <div className="table-title-row">
          <h1 className="table-title" data-testid="table-case-code">
            {table.caseCode}
          </h1>
          <span className={table.me.role === "chair" ? "badge badge-accent" : "badge"} data-testid="table-my-role">
            {t("table.myRole", { role: t(`tableRoles.${table.me.role}`) })}
          </span>
        </div>
        <span className={`connection connection-${status.kind}`} data-testid="connection-status" data-state={status.kind}>
          <span className="connection-dot" aria-hidden="true" />
          {statusText}
        </span>
      </div>
      <dl className="table-facts">
        <div className="fact">
          <dt>{t("table.purposeLabel")}</dt>
          <dd>
            <span className="badge badge-accent">{t(`purposes.${table.purpose}`)}</span>
            <span className="table-purpose-detail">{table.purposeDetail}</span>
          </dd>
        </div>
        <div className="fact">
          <dt>{t("table.agreementLabel")}</dt>
          <dd data-testid="table-agreement">
            {table.agreement ? (
              <>
                <Link to={`/agreements/${table.agreement.id}`} className="title-link" data-testid="table-agreement-link">
                  {table.agreement.title}
                </Link>
                {table.agreement.version !== undefined ? (
                  <span className="badge badge-success" title={table.agreement.hash}>
                    {t("table.agreementVersion", { n: table.agreement.version })}
                  </span>
                ) : (
                  <span className="badge badge-warning">{t("table.agreementAwaiting")}</span>
                )}
                {table.agreement.hash ? <code className="hash muted small">{shortHash(table.agreement.hash)}</code> : null}
              </>
            ) : (
              <span className="muted">{t("table.noAgreement")}</span>
            )}
          </dd>
        </div>
        <div className="fact">
          <dt>{t("table.personsLabel")}</dt>
          <dd>
            <ul className="chips" data-testid="table-persons">
              {table.personsConcerned.map((p) => (
                <li key={p.id} className="chip">
                  {p.pseudonym}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
    </header>
  );
}
