// `/agreements`: the sharing agreements my organisation is a member of — the title of
// the latest version, the version in force (or that it awaits signatures), the members.
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import { FormError } from "../components/FormError";
import { Link } from "../components/Link";
import { agreementTitle, latestVersion, organisationIndex, versionInForce } from "../format/agreement";
import { formatDate } from "../format/date";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useResource } from "../hooks/useResource";
import type { AgreementView, OrganisationView } from "../../../shared/types";

export function AgreementsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("agreements.title"));
  const agreements = useResource("agreements", api.agreements);
  const organisations = useResource("member-organisations", api.memberOrganisations);
  const list = [...(agreements.data ?? [])].sort((a, b) => agreementTitle(a).localeCompare(agreementTitle(b)));

  return (
    <section className="page">
      <header className="page-header page-header-row">
        <div>
          <h1>{t("agreements.title")}</h1>
          <p className="muted">{t("agreements.intro")}</p>
        </div>
        <Link to="/agreements/new" className="button button-primary" data-testid="agreements-new">
          {t("agreements.new")}
        </Link>
      </header>
      <FormError message={agreements.error?.message} />
      <section className="card" aria-labelledby="agreements-list-title">
        <div className="card-header">
          <h2 id="agreements-list-title">{t("agreements.listTitle")}</h2>
        </div>
        {agreements.loading && !agreements.data ? (
          <p className="empty">{t("app.loading")}</p>
        ) : list.length === 0 ? (
          <p className="empty">{t("agreements.empty")}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="agreements-list">
              <thead>
                <tr>
                  <th scope="col">{t("agreements.colTitle")}</th>
                  <th scope="col">{t("agreements.colInForce")}</th>
                  <th scope="col">{t("agreements.colMembers")}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((a) => (
                  <AgreementRow key={a.id} agreement={a} organisations={organisations.data ?? []} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}

function AgreementRow({ agreement, organisations }: { agreement: AgreementView; organisations: OrganisationView[] }) {
  const { t } = useTranslation();
  const latest = latestVersion(agreement);
  const inForce = versionInForce(agreement);
  const names = organisationIndex(agreement, organisations);
  const title = agreementTitle(agreement);
  const pending = latest && latest.number !== inForce?.number ? latest : undefined;
  return (
    <tr>
      <td>
        <Link to={`/agreements/${agreement.id}`} className="title-link" data-testid={`agreement-${title}`}>
          {title}
        </Link>
      </td>
      <td>
        {inForce ? (
          <span className="badge badge-success" data-testid={`agreement-in-force-${agreement.id}`}>
            {t("agreements.versionInForce", { n: inForce.number })}
          </span>
        ) : (
          <span className="badge badge-warning">{t("agreements.awaitingSignatures")}</span>
        )}
        {inForce?.inForceAt ? <span className="cell-sub">{t("agreements.since", { date: formatDate(inForce.inForceAt) })}</span> : null}
        {pending && inForce ? (
          <span className="cell-sub">{t("agreements.pendingVersion", { n: pending.number, count: pending.awaiting.length })}</span>
        ) : null}
      </td>
      <td>
        <ul className="chips">
          {(latest?.content.members ?? []).map((m) => (
            <li key={m.organisationId} className="chip">
              {names.get(m.organisationId)?.name ?? t("agreements.unknownOrganisation")}
            </li>
          ))}
        </ul>
      </td>
    </tr>
  );
}
