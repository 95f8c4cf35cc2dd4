// A case table's case file: status, track, next review (overdue or not), the persons
// concerned (names where the case came from an accepted referral), a repeat flag, where
// the case came from or went, and its history. The case director changes it below.
import { useTranslation } from "react-i18next";
import type { CaseView, TableView } from "../../../shared/types";
import { formatDate, formatDateTime } from "../format/date";
import { trackLabel } from "../format/track";
import { CaseControls } from "./CaseControls";

export function CaseFilePanel({ table, view, onChanged }: { table: TableView; view: CaseView; onChanged(next: CaseView): void }) {
  const { t } = useTranslation();
  const pseudonymOf = (personId: string) => view.persons.find((p) => p.id === personId)?.pseudonym ?? personId;

  return (
    <section className="stack-lg" aria-labelledby="case-file-title" data-testid="case-file" data-status={view.status}>
      <h2 id="case-file-title">{t("lifecycle.case.title")}</h2>
      <dl className="table-facts">
        <div className="fact">
          <dt>{t("lifecycle.case.status")}</dt>
          <dd>
            <span className={view.status === "open" ? "badge badge-success" : "badge"} data-testid="case-status">
              {t(`lifecycle.case.statuses.${view.status}`)}
            </span>
          </dd>
        </div>
        <div className="fact">
          <dt>{t("lifecycle.case.track")}</dt>
          <dd data-testid="case-track">{trackLabel(t, view)}</dd>
        </div>
        <div className="fact">
          <dt>{t("lifecycle.case.review")}</dt>
          <dd data-testid="case-review">
            {view.reviewDate ? formatDate(view.reviewDate) : t("lifecycle.case.noReview")}
            {view.reviewOverdue ? <span className="badge badge-warning">{t("lifecycle.case.overdue")}</span> : null}
          </dd>
        </div>
      </dl>
      {view.repeat.map((r) => (
        <p key={r.personId} className="callout" data-testid="case-repeat">
          {t("lifecycle.case.repeat", { pseudonym: pseudonymOf(r.personId), date: formatDate(r.previousClosedAt) })}
        </p>
      ))}
      {view.origin?.kind === "transfer" ? <p className="muted">{t("lifecycle.case.transferredFrom", { partnership: view.origin.partnership })}</p> : null}
      {view.transferredTo ? <p className="callout">{t("lifecycle.case.transferredTo", { partnership: view.transferredTo.partnership })}</p> : null}
      <section aria-labelledby="case-persons-title">
        <h3 id="case-persons-title">{t("lifecycle.case.persons")}</h3>
        <ul className="list" data-testid="case-persons">
          {view.persons.map((p) => (
            <li key={p.id} className="list-item">
              <span className="chip">{p.pseudonym}</span> {p.name ? <strong>{p.name}</strong> : null}{" "}
              {p.birthDate ? <span className="muted">{t("lifecycle.case.bornOn", { date: formatDate(p.birthDate) })}</span> : null}
            </li>
          ))}
        </ul>
      </section>
      {view.history.length > 0 ? (
        <section aria-labelledby="case-history-title">
          <h3 id="case-history-title">{t("lifecycle.case.history")}</h3>
          <ol className="list" data-testid="case-history">
            {view.history.map((h) => (
              <li key={h.id} className="list-item">
                <strong>{t(`lifecycle.case.historyKinds.${h.kind}`)}</strong>
                {h.to !== undefined && h.kind === "track" ? ` ${h.from ?? "—"} → ${h.to}` : null}
                {h.date ? ` ${formatDate(h.date)}` : null}
                {h.reason ? <p>{h.reason}</p> : null}
                <p className="muted small">{t("lifecycle.case.historyBy", { name: h.by?.name ?? t("common.none"), date: formatDateTime(h.at) })}</p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {table.me.role === "chair" && view.status === "open" && view.kind === "case" ? (
        <CaseControls table={table} view={view} onChanged={onChanged} />
      ) : view.status === "open" ? (
        <p className="muted small">{t("lifecycle.case.directorOnly")}</p>
      ) : null}
    </section>
  );
}
