// A release a newer version of the agreement no longer allows: Tafel flags it rather
// than revoking it, because that is the author's decision. The author revokes it for
// the recipients concerned, or keeps it and takes responsibility (nothing is sent; the
// warning folds away on this page).
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import type { AuthoredFragmentView } from "../../../shared/types";
import { formatDateTime } from "../format/date";
import { useResource } from "../hooks/useResource";

interface Props {
  tableId: string;
  fragment: AuthoredFragmentView;
  pending: boolean;
  onRevoke(recipientIds: string[]): void;
}

export function FlagWarning({ tableId, fragment, pending, onRevoke }: Props) {
  const { t } = useTranslation();
  const flag = fragment.flag;
  const [kept, setKept] = useState(false);
  const current = fragment.recipients.filter((r) => !r.revokedAt);
  // Who the version in force excludes now, by id (the flag's reasons name people).
  const check = useResource(flag ? `flag-check:${fragment.id}:${flag.at}` : null, () =>
    api.releaseCheck(tableId, fragment.category, fragment.purpose),
  );
  if (!flag) return null;

  const excludedNow = new Set((check.data ?? []).filter((r) => !r.allowed).map((r) => r.recipient.id));
  const named = (name: string) => flag.reasons.some((reason) => reason.startsWith(`${name}:`));
  const targets = current.filter((r) => (check.data ? excludedNow.has(r.recipient.id) : named(r.recipient.name)));

  if (targets.length === 0) {
    return (
      <p className="small muted flag-resolved" data-testid={`flag-${fragment.id}`} data-state="resolved">
        {t("flag.resolved", { n: flag.agreementVersion })}
      </p>
    );
  }
  if (kept) {
    return (
      <p className="small flag-kept" data-testid={`flag-${fragment.id}`} data-state="kept">
        {t("flag.kept", { n: flag.agreementVersion })}{" "}
        <button type="button" className="button button-quiet button-small" onClick={() => setKept(false)}>
          {t("flag.showAgain")}
        </button>
      </p>
    );
  }
  const names = targets.map((r) => r.recipient.name).join(t("common.listSeparator"));
  return (
    <div className="flag-warning" role="group" aria-labelledby={`flag-title-${fragment.id}`} data-testid={`flag-${fragment.id}`} data-state="open">
      <p id={`flag-title-${fragment.id}`} className="flag-title">
        <span aria-hidden="true">⚠ </span>
        {t("flag.title", { n: flag.agreementVersion })}
      </p>
      <ul className="flag-reasons">
        {flag.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      <p className="small">{t("flag.explain", { date: formatDateTime(flag.at) })}</p>
      <div className="item-actions">
        <button
          type="button"
          className="button button-danger"
          data-testid={`flag-revoke-${fragment.id}`}
          disabled={pending}
          onClick={() => onRevoke(targets.map((r) => r.recipient.id))}
        >
          {t("flag.revoke", { names })}
        </button>
        <button type="button" className="button button-secondary" data-testid={`flag-keep-${fragment.id}`} onClick={() => setKept(true)}>
          {t("flag.keep")}
        </button>
      </div>
    </div>
  );
}
