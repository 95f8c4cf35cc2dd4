// `/referrals`: refer a case to a partnership's triage table, and follow my referrals
// (their status only once triage has started).
import { useTranslation } from "react-i18next";
import { lifecycleApi } from "../api/lifecycle";
import { FormError } from "../components/FormError";
import { ReferralForm } from "../components/ReferralForm";
import { formatDateTime } from "../format/date";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useResource } from "../hooks/useResource";

export function ReferralsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("lifecycle.refer.title"));
  const partnerships = useResource("partnerships", lifecycleApi.partnerships);
  const mine = useResource("referrals:mine", lifecycleApi.myReferrals);
  const open = (partnerships.data ?? []).filter((p) => p.member && p.hasTriageTable);

  return (
    <section className="page">
      <header className="page-header">
        <h1>{t("lifecycle.refer.title")}</h1>
      </header>
      <FormError message={partnerships.error?.message ?? mine.error?.message} />
      {partnerships.data ? <ReferralForm partnerships={open} onReferred={() => void mine.reload()} /> : <p className="muted">{t("app.loading")}</p>}
      <section className="card" aria-labelledby="my-referrals-title">
        <div className="card-header">
          <h2 id="my-referrals-title">{t("lifecycle.refer.mine")}</h2>
        </div>
        <p className="muted small card-padded">{t("lifecycle.refer.statusOnly")}</p>
        {(mine.data ?? []).length === 0 ? (
          <p className="empty">{t("lifecycle.refer.none")}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="my-referrals">
              <thead>
                <tr>
                  <th scope="col">{t("lifecycle.refer.colDate")}</th>
                  <th scope="col">{t("lifecycle.refer.colPartnership")}</th>
                  <th scope="col">{t("lifecycle.refer.colStatus")}</th>
                </tr>
              </thead>
              <tbody>
                {(mine.data ?? []).map((r) => (
                  <tr key={r.id} data-testid={`my-referral-${r.id}`} data-status={r.status}>
                    <td className="nowrap">{formatDateTime(r.createdAt)}</td>
                    <td>
                      {r.partnership.title}
                      {r.description ? <p className="muted small">{r.description}</p> : null}
                    </td>
                    <td>
                      <span className="badge">{t(`lifecycle.referralStatuses.${r.status}`)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}
