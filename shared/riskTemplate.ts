// Tafel's own neutral example of a risk checklist, used at a table whose sharing
// agreement defines none. Written for Tafel in plain words; not taken from, and not a
// substitute for, any validated or licensed risk instrument. A partnership that uses
// one puts its own items and thresholds in its agreement (AgreementBody.riskChecklist).
import type { RiskTemplate } from "./schemas.js";

const yesNoUnknown = (yes: number) => [
  { key: "no", label: "No", points: 0 },
  { key: "unknown", label: "Not known", points: 0 },
  { key: "yes", label: "Yes", points: yes },
];

export const DEFAULT_RISK_TEMPLATE: RiskTemplate = {
  id: "tafel-neutral-1",
  title: "Tafel neutral example checklist",
  items: [
    { key: "threats", label: "Threats to harm or kill have been made", options: yesNoUnknown(3) },
    { key: "escalation", label: "Incidents are becoming more frequent or more serious", options: yesNoUnknown(3) },
    { key: "weapons", label: "The other person has access to weapons", options: yesNoUnknown(3) },
    { key: "separation", label: "A separation has happened recently or is planned", options: yesNoUnknown(2) },
    { key: "children", label: "Children live in the household or are present during incidents", options: yesNoUnknown(2) },
    { key: "strangulation", label: "Choking or strangulation has occurred", options: yesNoUnknown(3) },
    { key: "control", label: "Daily life is closely monitored or controlled", options: yesNoUnknown(1) },
    { key: "fear", label: "The person concerned says they are afraid of what may happen", options: yesNoUnknown(2) },
    { key: "substances", label: "Alcohol or drug use plays a part in incidents", options: yesNoUnknown(1) },
    { key: "isolation", label: "The person concerned is cut off from family, friends or help", options: yesNoUnknown(1) },
    { key: "pregnancy", label: "The person concerned is pregnant or recently gave birth", options: yesNoUnknown(1) },
    { key: "orders-ignored", label: "Court orders, bans or agreements have been ignored", options: yesNoUnknown(2) },
  ],
  levels: [
    { key: "low", label: "Low", minScore: 0 },
    { key: "medium", label: "Medium", minScore: 5 },
    { key: "high", label: "High", minScore: 10 },
  ],
};
