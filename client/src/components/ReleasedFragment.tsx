// One fragment I released: its content, how it was classified, and its path.
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import type { AuthoredFragmentView } from "../../../shared/types";
import { formatDate, formatDateTime } from "../format/date";
import { shortId } from "../format/person";
import { useAnnounce } from "../hooks/useAnnounce";
import { useSubmit } from "../hooks/useSubmit";
import type { RecordedCommitment } from "../log/verifyTable";
import { FlagWarning } from "./FlagWarning";
import { FormError } from "./FormError";
import { ProveContent } from "./ProveContent";
import { RecipientStatusTable } from "./RecipientStatusTable";
import { RiskChecklistView } from "./RiskChecklistView";
import { parseRiskContent } from "../../../shared/risk";

interface Props {
  tableId: string;
  fragment: AuthoredFragmentView;
  recorded: RecordedCommitment | undefined;
  onChanged(): void;
}

export function ReleasedFragment({ tableId, fragment, recorded, onChanged }: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const revoke = useSubmit((recipients?: string[]) => api.revoke(tableId, fragment.id, recipients ? { recipients } : {}));
  const allRevoked = fragment.recipients.every((r) => r.revokedAt);
  const checklist = fragment.kind === "risk-assessment" ? parseRiskContent(fragment.body) : null;

  const run = async (recipients: string[] | undefined, done: string) => {
    if (await revoke.run(recipients)) {
      announce(done);
      onChanged();
    }
  };

  return (
    <article className="item" data-testid={`released-${fragment.id}`} aria-labelledby={`released-title-${fragment.id}`}>
      <div className="item-head">
        <h3 id={`released-title-${fragment.id}`} className="item-title">
          {fragment.expired ? t("retention.expiredHeading") : fragment.title}
        </h3>
        <span className="muted small">{t("released.releasedOn", { date: formatDateTime(fragment.releasedAt) })}</span>
      </div>
      <FlagWarning
        tableId={tableId}
        fragment={fragment}
        pending={revoke.pending}
        onRevoke={(ids) => void run(ids, t("flag.revoked", { count: ids.length }))}
      />
      <ul className="tags">
        <li className="badge">{t(`categories.${fragment.category}`)}</li>
        <li className="badge badge-outline">{t(`kinds.${fragment.kind}`)}</li>
        <li className="badge badge-outline">{t(`purposes.${fragment.purpose}`)}</li>
        {fragment.personsConcerned.map((p) => (
          <li key={p.id} className="chip">
            {p.pseudonym}
          </li>
        ))}
      </ul>
      {fragment.expired ? (
        <p className="notice" role="note" data-testid={`released-expired-${fragment.id}`}>
          {t("retention.expiredLine", { date: formatDate(fragment.expired.at), article: fragment.expired.article, count: fragment.expired.retentionDays })}
        </p>
      ) : null}
      <details className="disclosure">
        <summary>{t("released.showContent")}</summary>
        {checklist ? <RiskChecklistView content={checklist} idPrefix={`released-${fragment.id}`} /> : <p className="prose">{fragment.body}</p>}
        <p className="muted small">
          <span className="provenance-label">{t("released.justification")}</span> {fragment.justification}
        </p>
        <p className="muted small mono" title={fragment.commitment}>
          {t("released.commitmentLine", { commitment: shortId(fragment.commitment), id: fragment.id })}
        </p>
      </details>
      {/* Expired: the salt is gone with the content; there is nothing left to prove. */}
      {fragment.expired ? null : <ProveContent tableId={tableId} fragment={fragment} recorded={recorded} />}
      <RecipientStatusTable
        fragment={fragment}
        pending={revoke.pending}
        onRevoke={(id, name) => void run([id], t("released.revokedOne", { name }))}
      />
      <FormError message={revoke.message} />
      <div className="item-actions">
        <button
          type="button"
          className="button button-danger"
          data-testid={`revoke-all-${fragment.id}`}
          aria-label={t("released.revokeAllAria", { title: fragment.title })}
          disabled={revoke.pending || allRevoked}
          onClick={() => void run(undefined, t("released.revokedAll", { title: fragment.title }))}
        >
          {t("released.revokeAll")}
        </button>
      </div>
    </article>
  );
}
