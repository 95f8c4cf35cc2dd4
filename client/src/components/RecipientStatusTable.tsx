// The path of one released fragment, per recipient: sent, delivered to the device,
// opened, revoked — with times — and revocation per recipient.
import { useTranslation } from "react-i18next";
import type { AuthoredFragmentView, RecipientStatusView } from "../../../shared/types";
import { formatPreciseTime } from "../format/date";
import { orgLabel } from "../format/person";

export type DeliveryState = "released" | "sent" | "delivered" | "opened" | "revoked";

/** The latest step a recipient's copy has reached. */
export function deliveryState(r: RecipientStatusView): DeliveryState {
  if (r.revokedAt) return "revoked";
  if (r.openedAt) return "opened";
  if (r.deliveredAt) return "delivered";
  if (r.sentAt) return "sent";
  return "released";
}

interface Props {
  fragment: AuthoredFragmentView;
  pending: boolean;
  onRevoke(recipientId: string, name: string): void;
}

export function RecipientStatusTable({ fragment, pending, onRevoke }: Props) {
  const { t } = useTranslation();
  const time = (iso: string | undefined) =>
    iso ? <time dateTime={iso}>{formatPreciseTime(iso)}</time> : <span className="muted">{t("common.none")}</span>;

  return (
    <div className="table-scroll">
      <table className="data-table status-table">
        <caption className="visually-hidden">{t("released.recipientsCaption", { title: fragment.title })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("released.colRecipient")}</th>
            <th scope="col">{t("released.colStatus")}</th>
            <th scope="col">{t("released.colSent")}</th>
            <th scope="col">{t("released.colDelivered")}</th>
            <th scope="col">{t("released.colOpened")}</th>
            <th scope="col">{t("released.colRevoked")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("released.colActions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {fragment.recipients.map((r) => {
            const state = deliveryState(r);
            return (
              <tr key={r.recipient.id} data-testid={`status-${fragment.id}-${r.recipient.id}`} data-state={state}>
                <th scope="row">
                  {r.recipient.name}
                  <span className="cell-sub">{orgLabel(t, r.recipient)}</span>
                </th>
                <td data-state={state} data-testid={`state-${fragment.id}-${r.recipient.id}`}>
                  <span className={`state state-${state}`}>{t(`deliveryStates.${state}`)}</span>
                </td>
                <td className="nowrap">{time(r.sentAt)}</td>
                <td className="nowrap">{time(r.deliveredAt)}</td>
                <td className="nowrap">{time(r.openedAt)}</td>
                <td className="nowrap">{time(r.revokedAt)}</td>
                <td className="cell-actions">
                  {r.revokedAt ? null : (
                    <button
                      type="button"
                      className="button button-small button-secondary"
                      data-testid={`revoke-${fragment.id}-${r.recipient.id}`}
                      aria-label={t("released.revokeOneAria", { title: fragment.title, name: r.recipient.name })}
                      disabled={pending}
                      onClick={() => onRevoke(r.recipient.id, r.recipient.name)}
                    >
                      {t("released.revokeOne")}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
