// The risk level over time, per person concerned, built only from what this reader
// already has: the checklists released to them (delivered to this browser) and the ones
// they released themselves. No server route answers "every checklist about this person".
import { useTranslation } from "react-i18next";
import type { RiskAssessmentContent } from "../../../shared/schemas";
import { levelIndex, parseRiskContent } from "../../../shared/risk";
import type { PersonConcernedView, PersonView } from "../../../shared/types";
import { formatDate } from "../format/date";
import { personLabel } from "../format/person";
import { useRiskLabels } from "../format/risk";

/** A checklist this reader holds: received or authored. */
export interface HeldChecklist {
  id: string;
  kind: string;
  body: string;
  releasedAt: string;
  /** Absent for the reader's own. */
  author?: PersonView;
}

interface Point {
  id: string;
  at: string;
  author?: PersonView;
  content: RiskAssessmentContent;
}

export function trendOf(held: readonly HeldChecklist[], personId: string): Point[] {
  return held
    .flatMap((h) => {
      if (h.kind !== "risk-assessment") return [];
      const content = parseRiskContent(h.body);
      return content && content.person === personId ? [{ id: h.id, at: h.releasedAt, ...(h.author ? { author: h.author } : {}), content }] : [];
    })
    .sort((a, b) => a.at.localeCompare(b.at));
}

export function RiskTrend({ persons, held }: { persons: PersonConcernedView[]; held: readonly HeldChecklist[] }) {
  const { t } = useTranslation();
  const labels = useRiskLabels();
  return (
    <div className="risk-trend">
      {persons.map((p) => {
        const points = trendOf(held, p.id);
        const headingId = `risk-trend-${p.id}`;
        return (
          <section key={p.id} className="card card-padded card-flat" aria-labelledby={headingId} data-testid={`risk-trend-${p.pseudonym}`}>
            <h3 id={headingId}>{t("risk.trendFor", { person: p.pseudonym })}</h3>
            {points.length === 0 ? (
              <p className="empty">{t("risk.trendEmpty")}</p>
            ) : (
              <ol className="items risk-trend-list">
                {points.map((point, i) => {
                  const c = point.content;
                  const level = c.levels.find((l) => l.key === c.judgement);
                  const previous = points[i - 1];
                  // Levels of different templates are compared by position (low to high).
                  const change = previous
                    ? Math.sign(levelIndex(c.levels, c.judgement) - levelIndex(previous.content.levels, previous.content.judgement))
                    : null;
                  return (
                    <li key={point.id} className="item" data-testid={`risk-point-${point.id}`}>
                      <span className={`badge risk-level risk-level-${levelIndex(c.levels, c.judgement)}`}>
                        {labels.level(c.template.id, c.judgement, level?.label ?? c.judgement)}
                      </span>{" "}
                      {change === null ? null : (
                        <span className="small">{change > 0 ? t("risk.trendUp") : change < 0 ? t("risk.trendDown") : t("risk.trendSame")}</span>
                      )}
                      <span className="muted small">
                        {" — "}
                        {point.author
                          ? t("risk.trendByOn", { person: personLabel(t, point.author), date: formatDate(point.at) })
                          : t("risk.trendMineOn", { date: formatDate(point.at) })}
                      </span>
                    </li>
                  );
                })}
              </ol>
            )}
          </section>
        );
      })}
    </div>
  );
}
