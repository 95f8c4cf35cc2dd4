// "My tables": invitations (no case data), active tables, and the form for a new one.
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import { FormError } from "../components/FormError";
import { Link } from "../components/Link";
import { NewTableForm } from "../components/NewTableForm";
import { formatDate } from "../format/date";
import { personLabel } from "../format/person";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { navigate } from "../hooks/useLocation";
import { useResource } from "../hooks/useResource";
import type { TableListItem } from "../../../shared/types";

type Active = Extract<TableListItem, { state: "active" }>;
type Invited = Extract<TableListItem, { state: "invited" }>;

export function TablesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("tables.title"));
  const tables = useResource("tables", api.tables);
  const all = tables.data ?? [];
  const invitations = all.filter((x): x is Invited => x.state === "invited");
  const active = all.filter((x): x is Active => x.state === "active");

  return (
    <section className="page">
      <header className="page-header">
        <h1>{t("tables.title")}</h1>
      </header>
      <FormError message={tables.error?.message} />

      {invitations.length > 0 ? (
        <section className="card" aria-labelledby="invitations-title">
          <div className="card-header">
            <h2 id="invitations-title">{t("tables.invitations")}</h2>
          </div>
          <ul className="list">
            {invitations.map((inv) => (
              <li key={inv.id} className="list-item list-item-row">
                <div>
                  <p className="list-title">{t("tables.invitedBy", { person: personLabel(t, inv.invitedBy) })}</p>
                  <p className="muted small">{t("tables.invitedOn", { date: formatDate(inv.invitedAt) })}</p>
                </div>
                <button
                  type="button"
                  className="button button-primary"
                  data-testid={`invitation-${inv.id}`}
                  onClick={() => navigate(`/tables/${inv.id}/invitation`)}
                >
                  {t("tables.reviewInvitation")}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card" aria-labelledby="active-title">
        <div className="card-header">
          <h2 id="active-title">{t("tables.active")}</h2>
        </div>
        {tables.loading && !tables.data ? (
          <p className="empty">{t("app.loading")}</p>
        ) : active.length === 0 ? (
          <p className="empty">{t("tables.noTables")}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="tables-list">
              <thead>
                <tr>
                  <th scope="col">{t("tables.colCaseCode")}</th>
                  <th scope="col">{t("tables.colPurpose")}</th>
                  <th scope="col">{t("tables.colRole")}</th>
                  <th scope="col">{t("tables.colCreated")}</th>
                </tr>
              </thead>
              <tbody>
                {active.map((tb) => (
                  <tr key={tb.id}>
                    <td>
                      <Link to={`/tables/${tb.id}`} className="strong-link" data-testid={`table-link-${tb.caseCode}`}>
                        {tb.caseCode}
                      </Link>
                      {tb.kind === "triage" ? <span className="badge table-kind-badge">{t("tables.kindTriage")}</span> : null}
                      {tb.closed ? <span className="badge table-kind-badge">{t("tables.closed")}</span> : null}
                    </td>
                    <td>{t(`purposes.${tb.purpose}`)}</td>
                    <td>
                      <span className={tb.role === "chair" ? "badge badge-accent" : "badge"}>{t(`tableRoles.${tb.role}`)}</span>
                    </td>
                    <td className="nowrap">{formatDate(tb.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <NewTableForm onCreated={(table) => navigate(`/tables/${table.id}`)} />
    </section>
  );
}
