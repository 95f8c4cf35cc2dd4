// "Received": fragments released to me at this table, delivered live and kept in memory.
import { useTranslation } from "react-i18next";
import type { RealtimeTable } from "../hooks/useRealtimeTable";
import { ReceivedFragmentCard } from "./ReceivedFragmentCard";

export function ReceivedPanel({ realtime, onReference }: { realtime: RealtimeTable; onReference?(fragmentId: string): void }) {
  const { t } = useTranslation();
  return (
    <div className="panel">
      <div className="panel-intro">
        <h2>{t("received.title")}</h2>
        <p className="muted">{t("received.intro")}</p>
      </div>
      {realtime.received.length === 0 ? (
        <p className="empty">{t("received.empty")}</p>
      ) : (
        <ul className="items" data-testid="received-list">
          {realtime.received.map(({ fragment }) => (
            <li key={fragment.id}>
              <ReceivedFragmentCard fragment={fragment} onShown={realtime.shown} {...(onReference ? { onReference } : {})} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
