// Labels of a risk checklist in the person's language. A partnership's own template is
// shown as it wrote it; Tafel's neutral example is translated (its stored English label
// is the fallback, so a checklist stays readable whatever changes).
import { useTranslation } from "react-i18next";
import { DEFAULT_RISK_TEMPLATE } from "../../../shared/riskTemplate";

export interface RiskLabels {
  item(templateId: string, key: string, fallback: string): string;
  option(templateId: string, key: string, fallback: string): string;
  level(templateId: string, key: string, fallback: string): string;
}

export function useRiskLabels(): RiskLabels {
  const { t } = useTranslation();
  const neutral = (id: string) => id === DEFAULT_RISK_TEMPLATE.id;
  const items = t("risk.neutral.items", { returnObjects: true }) as Record<string, string>;
  const options = t("risk.neutral.options", { returnObjects: true }) as Record<string, string>;
  const levels = t("risk.neutral.levels", { returnObjects: true }) as Record<string, string>;
  return {
    item: (id, key, fallback) => (neutral(id) ? (items[key] ?? fallback) : fallback),
    option: (id, key, fallback) => (neutral(id) ? (options[key] ?? fallback) : fallback),
    level: (id, key, fallback) => (neutral(id) ? (levels[key] ?? fallback) : fallback),
  };
}
