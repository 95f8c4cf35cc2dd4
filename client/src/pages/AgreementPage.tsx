// `/agreements/:id`: every version (newest first) with its charter, hash, signatures and
// who is awaited; signing for my organisation; comparing two versions; and a print view
// that prints one charter alone (the version in force unless another is chosen).
import { useState } from "react";
import { flushSync } from "react-dom";
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import { AgreementCharter } from "../components/AgreementCharter";
import { AgreementCompare } from "../components/AgreementCompare";
import { AgreementVersionCard } from "../components/AgreementVersionCard";
import { FormError } from "../components/FormError";
import { Link } from "../components/Link";
import { agreementTitle, isMemberOf, latestVersion, organisationIndex, versionInForce } from "../format/agreement";
import { formatDate } from "../format/date";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useResource } from "../hooks/useResource";
import { useSignedIn } from "../hooks/useSession";

export function AgreementPage({ agreementId }: { agreementId: string }) {
  const { t } = useTranslation();
  const session = useSignedIn();
  const me = session.account.organisation;
  const agreement = useResource(`agreement:${agreementId}`, () => api.agreement(agreementId));
  const organisations = useResource("member-organisations", api.memberOrganisations);
  const [chosenForPrint, setChosenForPrint] = useState<number | null>(null);
  const data = agreement.data?.id === agreementId ? agreement.data : undefined;
  useDocumentTitle(data ? agreementTitle(data) : null);

  if (!data) {
    return (
      <section className="page page-narrow">
        <p className="breadcrumb">
          <Link to="/agreements">{t("agreements.backToList")}</Link>
        </p>
        {agreement.error ? (
          <div className="card card-padded">
            <h1>{t("agreement.loadFailed")}</h1>
            <FormError message={agreement.error.message} />
          </div>
        ) : (
          <p className="muted">{t("app.loading")}</p>
        )}
      </section>
    );
  }

  const names = organisationIndex(data, organisations.data ?? []);
  const latest = latestVersion(data);
  const inForce = versionInForce(data);
  const versions = [...data.versions].sort((a, b) => b.number - a.number);
  const printed = data.versions.find((v) => v.number === chosenForPrint) ?? inForce ?? latest;
  const mayDraft = isMemberOf(latest, me.id);

  const print = (versionNumber: number) => {
    flushSync(() => setChosenForPrint(versionNumber));
    window.print();
  };

  return (
    <>
      <section className="page no-print">
        <p className="breadcrumb">
          <Link to="/agreements">{t("agreements.backToList")}</Link>
        </p>
        <header className="page-header page-header-row">
          <div>
            <p className="charter-kicker">{t("agreement.kicker")}</p>
            <h1 data-testid="agreement-heading">{agreementTitle(data)}</h1>
            <p className="muted" data-testid="agreement-in-force">
              {inForce
                ? t("agreement.inForceSummary", { n: inForce.number, date: formatDate(inForce.inForceAt ?? "") })
                : t("agreement.noneInForce")}
            </p>
          </div>
          <div className="page-actions">
            {printed ? (
              <button type="button" className="button button-secondary" data-testid="agreement-print" onClick={() => print(printed.number)}>
                {t("agreement.print", { n: printed.number })}
              </button>
            ) : null}
            {mayDraft ? (
              <Link to={`/agreements/${data.id}/new-version`} className="button button-primary" data-testid="agreement-new-version">
                {t("agreement.newVersion")}
              </Link>
            ) : null}
          </div>
        </header>
        <FormError message={agreement.error?.message} />
        <ul className="items">
          {versions.map((v) => (
            <li key={v.number}>
              <AgreementVersionCard
                agreement={data}
                version={v}
                organisations={names}
                me={me}
                initiallyOpen={v.number === latest?.number || v.number === inForce?.number}
                onSigned={() => void agreement.reload()}
                onPrint={print}
              />
            </li>
          ))}
        </ul>
        {data.versions.length > 1 ? <AgreementCompare agreement={data} /> : null}
      </section>
      {printed ? (
        <div className="print-only" data-testid="agreement-print-view">
          <AgreementCharter version={printed} organisations={names} level={1} />
        </div>
      ) : null}
    </>
  );
}
