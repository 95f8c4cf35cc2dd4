// `/tables/:id/invitation`: who invites, the confidentiality statement, and accepting
// it. No case data is shown before acceptance. An ad-hoc partner (an organisation
// outside the table's sharing agreement) also signs that agreement, for this table only.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import { FormError } from "../components/FormError";
import { Link } from "../components/Link";
import { formatDate } from "../format/date";
import { personLabel } from "../format/person";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { navigate } from "../hooks/useLocation";
import { useResource } from "../hooks/useResource";
import { useSubmit } from "../hooks/useSubmit";

export function InvitationPage({ tableId }: { tableId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t("invitation.title"));
  const invitation = useResource(`invitation:${tableId}`, () => api.invitation(tableId));
  const [accepted, setAccepted] = useState(false);
  const [mustAccept, setMustAccept] = useState(false);
  const [signed, setSigned] = useState(false);
  const [mustSign, setMustSign] = useState(false);
  const submit = useSubmit(api.accept);
  const inv = invitation.data;
  const adHoc = inv?.adHocPartner === true;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMustAccept(!accepted);
    setMustSign(adHoc && !signed);
    if (!accepted || (adHoc && !signed)) return;
    const table = await submit.run(tableId, adHoc ? { confidentialityAccepted: true, signAgreementForTable: true } : { confidentialityAccepted: true });
    if (table) navigate(`/tables/${tableId}`, { replace: true });
  };

  const acceptError = mustAccept ? t("invitation.mustAccept") : submit.fields.confidentialityAccepted;
  const signError = mustSign ? t("invitation.mustSign") : submit.fields.signAgreementForTable;
  const agreement = inv?.agreement;
  return (
    <section className="page page-narrow">
      <p className="breadcrumb">
        <Link to="/">{t("common.backToTables")}</Link>
      </p>
      <div className="card card-padded">
        <h1>{t("invitation.title")}</h1>
        {invitation.loading && !inv ? <p className="muted">{t("app.loading")}</p> : null}
        {invitation.error ? <FormError message={invitation.error.message} /> : null}
        {inv ? (
          <>
            <p className="lead">{t("invitation.from", { person: personLabel(t, inv.invitedBy) })}</p>
            <p className="muted small">{t("invitation.on", { date: formatDate(inv.invitedAt) })}</p>
            <p className="muted">{t("invitation.noCaseData")}</p>
            <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
              <div className="statement">
                <h2 className="statement-title">{t("invitation.statementTitle")}</h2>
                <p className="statement-text" data-testid="invitation-statement">
                  {inv.statement}
                </p>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    data-testid="accept-checkbox"
                    checked={accepted}
                    onChange={(e) => {
                      setAccepted(e.target.checked);
                      if (e.target.checked) setMustAccept(false);
                    }}
                    aria-invalid={acceptError ? true : undefined}
                    aria-describedby={acceptError ? "accept-error" : undefined}
                  />
                  <span>{t("invitation.accept")}</span>
                </label>
                {acceptError ? (
                  <p className="field-error" id="accept-error" role="alert">
                    {acceptError}
                  </p>
                ) : null}
              </div>
              {adHoc && agreement ? (
                <div className="statement statement-agreement" data-testid="invitation-agreement">
                  <h2 className="statement-title">{t("invitation.agreementTitle")}</h2>
                  <p>{t("invitation.adHocExplain")}</p>
                  <dl className="meta-list">
                    <div>
                      <dt>{t("invitation.agreementName")}</dt>
                      <dd>{agreement.title}</dd>
                    </div>
                    <div>
                      <dt>{t("invitation.agreementVersion")}</dt>
                      <dd>{agreement.version !== undefined ? t("invitation.versionN", { n: agreement.version }) : t("table.agreementAwaiting")}</dd>
                    </div>
                    {agreement.hash ? (
                      <div>
                        <dt>{t("agreement.hash")}</dt>
                        <dd>
                          <code className="hash" data-testid="invitation-agreement-hash">
                            {agreement.hash}
                          </code>
                        </dd>
                      </div>
                    ) : null}
                  </dl>
                  <p className="small muted">{t("invitation.adHocNoRead")}</p>
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      data-testid="accept-sign-agreement"
                      checked={signed}
                      onChange={(e) => {
                        setSigned(e.target.checked);
                        if (e.target.checked) setMustSign(false);
                      }}
                      aria-invalid={signError ? true : undefined}
                      aria-describedby={signError ? "sign-error" : undefined}
                    />
                    <span>{t("invitation.signAgreement", { title: agreement.title, n: agreement.version ?? "?" })}</span>
                  </label>
                  {signError ? (
                    <p className="field-error" id="sign-error" role="alert">
                      {signError}
                    </p>
                  ) : null}
                </div>
              ) : null}
              <FormError message={submit.fields.confidentialityAccepted || submit.fields.signAgreementForTable ? null : submit.message} />
              <div className="form-actions">
                <button type="submit" className="button button-primary" data-testid="accept-submit" disabled={submit.pending}>
                  {adHoc ? t("invitation.submitAdHoc") : t("invitation.submit")}
                </button>
              </div>
            </form>
          </>
        ) : null}
      </div>
    </section>
  );
}
