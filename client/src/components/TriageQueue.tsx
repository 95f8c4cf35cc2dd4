// A triage table's referral queue: each anonymous referral with its checklist and, once
// decided, the decision. The coordinator (chair) and the parket seat check criteria;
// the coordinator decides.
import { useTranslation } from "react-i18next";
import type { TableView } from "../../../shared/types";
import { lifecycleApi } from "../api/lifecycle";
import { useResource } from "../hooks/useResource";
import { useSignedIn } from "../hooks/useSession";
import { FormError } from "./FormError";
import { TriageReferral } from "./TriageReferral";

export function TriageQueue({ table, version }: { table: TableView; version: string }) {
  const { t } = useTranslation();
  const session = useSignedIn();
  const referrals = useResource(`referrals:${table.id}:${version}`, () => lifecycleApi.referrals(table.id));
  const chair = table.me.role === "chair";
  const parket = session.account.organisation.sector === "justice";

  return (
    <section className="stack-lg" aria-labelledby="triage-title" data-testid="triage-queue">
      <div>
        <h2 id="triage-title">{t("lifecycle.triage.title")}</h2>
        <p className="muted">{t("lifecycle.triage.intro")}</p>
      </div>
      <FormError message={referrals.error?.message} />
      {(referrals.data ?? []).length === 0 && !referrals.loading ? <p className="empty">{t("lifecycle.triage.none")}</p> : null}
      {(referrals.data ?? []).map((r) => (
        <TriageReferral
          key={r.id}
          referral={r}
          agreementId={table.agreement?.id ?? r.agreement.id}
          mayCheck={chair || parket}
          mayDecide={chair}
          onChanged={() => void referrals.reload()}
        />
      ))}
    </section>
  );
}
