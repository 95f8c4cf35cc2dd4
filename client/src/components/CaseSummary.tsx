// Under the table's header: the case's status, track and next review at a glance
// (overdue stands out), or that this is the partnership's triage table.
import { useTranslation } from "react-i18next";
import type { CaseView } from "../../../shared/types";
import { formatDate } from "../format/date";
import { trackLabel } from "../format/track";

export function CaseSummary({ view }: { view: CaseView | undefined }) {
  const { t } = useTranslation();
  if (!view) return null;
  if (view.kind === "triage") {
    return (
      <p className="chips" data-testid="case-summary">
        <span className="badge badge-accent">{t("tabs.triage")}</span>
      </p>
    );
  }
  return (
    <p className="chips" data-testid="case-summary">
      <span className={view.status === "open" ? "badge badge-success" : "badge"}>{t(`lifecycle.case.statuses.${view.status}`)}</span>
      <span className="badge">{trackLabel(t, view)}</span>
      {view.reviewDate ? (
        <span className={view.reviewOverdue ? "badge badge-warning" : "badge"}>
          {t("lifecycle.case.review")} {formatDate(view.reviewDate)}
          {view.reviewOverdue ? ` — ${t("lifecycle.case.overdue")}` : null}
        </span>
      ) : null}
    </p>
  );
}
