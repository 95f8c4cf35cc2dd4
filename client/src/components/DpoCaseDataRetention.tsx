// The DPO's overview of case data beyond fragments that the daily job erases when its
// term ends: referrals not accepted (description and reason) and the names and birth
// dates of closed cases. Ids, pseudonyms and dates only.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { retentionApi } from "../api/risk";
import type { CaseDataRetentionItemView } from "../../../shared/types";
import { formatDate } from "../format/date";
import { shortId } from "../format/person";
import { useResource } from "../hooks/useResource";
import { DueWithinSelect } from "./DueWithinSelect";
import { FormError } from "./FormError";

const WINDOWS = [30, 90, 365] as const;

function Term({ item }: { item: CaseDataRetentionItemView }) {
  const { t } = useTranslation();
  return <>{"days" in item.term ? t("caseDataRetention.termDays", { count: item.term.days }) : t("caseDataRetention.termMonths", { count: item.term.months })}</>;
}

export function DpoCaseDataRetention() {
  const { t } = useTranslation();
  const [within, setWithin] = useState<number>(90);
  const due = useResource(`dpo-case-data:${within}`, () => retentionApi.dpoCaseData(within));
  const items = due.data ?? [];
  return (
    <section className="card card-padded" aria-labelledby="dpo-case-data-heading" data-testid="dpo-case-data-retention">
      <h2 id="dpo-case-data-heading">{t("caseDataRetention.title")}</h2>
      <p className="muted">{t("caseDataRetention.intro")}</p>
      <DueWithinSelect id="dpo-case-data-within" windows={WINDOWS} value={within} onChange={setWithin} />
      <FormError message={due.error?.message} />
      {due.data && items.length === 0 ? <p className="empty">{t("retention.dpoEmpty", { count: within })}</p> : null}
      {items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t("caseDataRetention.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("caseDataRetention.what")}</th>
                <th scope="col">{t("caseDataRetention.table")}</th>
                <th scope="col">{t("caseDataRetention.since")}</th>
                <th scope="col">{t("caseDataRetention.term")}</th>
                <th scope="col">{t("retention.due")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={`${i.table.id}:${i.referral ?? "identities"}`} data-testid={`case-data-row-${i.referral ?? i.table.id}`}>
                  <th scope="row">
                    {i.kind === "referral"
                      ? t("caseDataRetention.referral", { id: shortId(i.referral ?? "") })
                      : t("caseDataRetention.identities", { persons: (i.personsConcerned ?? []).map((p) => p.pseudonym).join(t("common.listSeparator")) })}
                  </th>
                  <td>{i.table.caseCode}</td>
                  <td>{i.kind === "referral" ? t("caseDataRetention.sinceDecision", { date: formatDate(i.since) }) : t("caseDataRetention.sinceClosure", { date: formatDate(i.since) })}</td>
                  <td>
                    <Term item={i} />
                  </td>
                  <td>{formatDate(i.dueAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
