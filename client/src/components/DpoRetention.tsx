// The DPO's retention overview: per table, what falls due within the chosen number of
// days (metadata only; the daily job deletes the content when due).
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { retentionApi } from "../api/risk";
import { useResource } from "../hooks/useResource";
import { DueWithinSelect } from "./DueWithinSelect";
import { FormError } from "./FormError";
import { RetentionItemsTable } from "./RetentionReview";

const WINDOWS = [7, 30, 90, 365] as const;

export function DpoRetention() {
  const { t } = useTranslation();
  const [within, setWithin] = useState<number>(30);
  const due = useResource(`dpo-retention:${within}`, () => retentionApi.dpo(within));
  return (
    <section className="card card-padded" aria-labelledby="dpo-retention-heading" data-testid="dpo-retention">
      <h2 id="dpo-retention-heading">{t("retention.dpoTitle")}</h2>
      <p className="muted">{t("retention.dpoIntro")}</p>
      <DueWithinSelect id="dpo-retention-within" windows={WINDOWS} value={within} onChange={setWithin} />
      <FormError message={due.error?.message} />
      {due.data && due.data.length === 0 ? <p className="empty">{t("retention.dpoEmpty", { count: within })}</p> : null}
      {(due.data ?? []).map((v) => (
        <section key={v.table.id} aria-labelledby={`dpo-retention-${v.table.id}`}>
          <h3 id={`dpo-retention-${v.table.id}`}>{v.table.caseCode}</h3>
          <RetentionItemsTable items={v.items} asOf={v.asOf} caption={t("retention.dpoCaption", { caseCode: v.table.caseCode })} />
        </section>
      ))}
    </section>
  );
}
