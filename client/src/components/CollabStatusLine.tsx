// The state of a collaborative document's connection, in words.
import { useTranslation } from "react-i18next";
import { closeReason } from "../format/collabClose";
import type { CollabStatus } from "../hooks/useCollabDoc";

interface Props {
  status: CollabStatus;
  testId: string;
  /** A private document: "live" means synced to my devices, not shared. */
  private?: boolean;
  onReconnect(): void;
}

export function CollabStatusLine({ status, testId, private: isPrivate = false, onReconnect }: Props) {
  const { t } = useTranslation();
  let text: string;
  let tone: string;
  switch (status.kind) {
    case "connecting":
      text = t("collab.status.connecting");
      tone = "connecting";
      break;
    case "syncing":
      text = t("collab.status.syncing");
      tone = "connecting";
      break;
    case "live":
      text = isPrivate ? t("collab.status.livePrivate") : t("collab.status.live");
      tone = "live";
      break;
    case "offline":
      text = t("collab.status.offline");
      tone = "offline";
      break;
    case "reconnecting":
      text = t("collab.status.reconnecting", { reason: t(`collab.close.${closeReason(status.code)}`, { code: status.code }) });
      tone = "offline";
      break;
    case "closed":
      text = t("collab.status.closed", { reason: t(`collab.close.${closeReason(status.code)}`, { code: status.code }) });
      tone = "refused";
      break;
  }
  const mayRetry = status.kind === "closed" && closeReason(status.code) !== "read-only" && status.code !== 4403 && status.code !== 4401;
  return (
    <p className={`connection connection-${tone} collab-status`} data-testid={testId} data-state={status.kind} role="status">
      <span className="connection-dot" aria-hidden="true" />
      {text}
      {mayRetry ? (
        <button type="button" className="button button-small button-secondary" onClick={onReconnect}>
          {t("collab.reconnect")}
        </button>
      ) : null}
    </p>
  );
}
