// `/agreements/new` (a first version) and `/agreements/:id/new-version` (the next
// version, prefilled from the latest). A new version is immutable once created and
// comes into force when every member organisation has signed it.
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import type { AgreementBody } from "../../../shared/schemas";
import { AgreementForm } from "../components/AgreementForm";
import { FormError } from "../components/FormError";
import { Link } from "../components/Link";
import { agreementTitle, latestVersion } from "../format/agreement";
import { draftFrom, emptyDraft } from "../hooks/useAgreementDraft";
import { useAnnounce } from "../hooks/useAnnounce";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { navigate } from "../hooks/useLocation";
import { useResource } from "../hooks/useResource";
import { useSignedIn } from "../hooks/useSession";

export function AgreementFormPage({ agreementId }: { agreementId?: string }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const session = useSignedIn();
  const myOrganisationId = session.account.organisation.id;
  const organisations = useResource("member-organisations", api.memberOrganisations);
  const agreement = useResource(agreementId ? `agreement:${agreementId}` : null, () => api.agreement(agreementId ?? ""));
  const latest = agreement.data ? latestVersion(agreement.data) : undefined;
  const heading = agreementId
    ? t("agreementForm.newVersionTitle", { title: agreement.data ? agreementTitle(agreement.data) : "…", n: (latest?.number ?? 0) + 1 })
    : t("agreementForm.newTitle");
  useDocumentTitle(heading);

  const save = useCallback(
    async (body: AgreementBody): Promise<string> => {
      if (agreementId) {
        const version = await api.draftAgreementVersion(agreementId, body);
        announce(t("agreementForm.versionCreated", { n: version.number }));
        return agreementId;
      }
      const created = await api.createAgreement(body);
      announce(t("agreementForm.created", { title: body.title }));
      return created.id;
    },
    [agreementId, announce, t],
  );

  const loadError = organisations.error ?? agreement.error;
  const ready = organisations.data && (!agreementId || latest);
  const back = agreementId ? `/agreements/${agreementId}` : "/agreements";
  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to={back}>{agreementId ? t("agreements.backToAgreement") : t("agreements.backToList")}</Link>
      </p>
      <header className="page-header">
        <h1>{heading}</h1>
        <p className="muted">{agreementId ? t("agreementForm.newVersionIntro") : t("agreementForm.intro")}</p>
      </header>
      <FormError message={loadError?.message} />
      {ready && organisations.data ? (
        <div className="card card-padded">
          <AgreementForm
            organisations={organisations.data}
            myOrganisationId={myOrganisationId}
            initial={() => (latest ? draftFrom(t, latest.content) : emptyDraft(t, myOrganisationId))}
            submitLabel={agreementId ? t("agreementForm.submitVersion") : t("agreementForm.submit")}
            save={save}
            onSaved={(id) => navigate(`/agreements/${id}`)}
          />
        </div>
      ) : loadError ? null : (
        <p className="muted">{t("app.loading")}</p>
      )}
    </section>
  );
}
