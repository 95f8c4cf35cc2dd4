// The risk tab: the level trend per person concerned, from the checklists this reader
// received or released (already in this browser); new checklists are written under
// "My drafts" and released like any fragment.
import { useTranslation } from "react-i18next";
import type { AuthoredFragmentView, PersonConcernedView, ReceivedFragmentView } from "../../../shared/types";
import { RiskTrend, type HeldChecklist } from "./RiskTrend";

interface Props {
  persons: PersonConcernedView[];
  received: readonly ReceivedFragmentView[];
  released: readonly AuthoredFragmentView[] | undefined;
}

export function RiskPanel({ persons, received, released }: Props) {
  const { t } = useTranslation();
  const held: HeldChecklist[] = [
    ...received.map((f) => ({ id: f.id, kind: f.kind, body: f.body, releasedAt: f.releasedAt, author: f.author })),
    // An expired checklist of mine has no body left: parseRiskContent skips it.
    ...(released ?? []).map((f) => ({ id: f.id, kind: f.kind, body: f.body, releasedAt: f.releasedAt })),
  ];
  return (
    <div className="panel">
      <div className="panel-intro">
        <h2>{t("risk.panelTitle")}</h2>
        <p className="muted">{t("risk.panelIntro")}</p>
      </div>
      <RiskTrend persons={persons} held={held} />
    </div>
  );
}
