// A completed risk checklist, as its author or a recipient sees it: the level that
// counts (the professional judgement), the computed level and score beside it, why it
// was raised, and every answer.
import { useTranslation } from "react-i18next";
import type { RiskAssessmentContent } from "../../../shared/schemas";
import { useRiskLabels } from "../format/risk";

export function RiskChecklistView({ content, idPrefix }: { content: RiskAssessmentContent; idPrefix: string }) {
  const { t } = useTranslation();
  const labels = useRiskLabels();
  const levelLabel = (key: string) => labels.level(content.template.id, key, content.levels.find((l) => l.key === key)?.label ?? key);
  const raised = content.judgement !== content.computed;
  return (
    <div className="risk-view" data-testid={`${idPrefix}-risk`}>
      <p className="risk-summary">
        <span className={`badge risk-level risk-level-${content.levels.findIndex((l) => l.key === content.judgement)}`} data-testid={`${idPrefix}-level`}>
          {t("risk.levelIs", { level: levelLabel(content.judgement) })}
        </span>{" "}
        <span className="muted small">
          {raised
            ? t("risk.raisedFrom", { computed: levelLabel(content.computed), score: content.score })
            : t("risk.computedScore", { score: content.score })}
        </span>
      </p>
      {raised && content.justification ? (
        <p className="small">
          <span className="provenance-label">{t("risk.justificationLabel")}</span> {content.justification}
        </p>
      ) : null}
      <details className="disclosure">
        <summary>{t("risk.showAnswers", { count: content.items.length })}</summary>
        <dl className="meta-list risk-answers">
          {content.items.map((i) => (
            <div key={i.key}>
              <dt>{labels.item(content.template.id, i.key, i.label)}</dt>
              <dd>{labels.option(content.template.id, i.option, i.optionLabel)}</dd>
            </div>
          ))}
        </dl>
        <p className="muted small">{t("risk.templateLine", { title: content.template.title })}</p>
      </details>
    </div>
  );
}
