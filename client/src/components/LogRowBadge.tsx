// The proof badge of one receipt row: ✓ verified, ✗ not verified, or still checking.
import { useTranslation } from "react-i18next";
import type { RowState } from "../log/verifyTable";

export function LogRowBadge({ seq, state }: { seq: number; state: RowState }) {
  const { t } = useTranslation();
  const label =
    state === "verified" ? t("log.verify.rowVerified") : state === "failed" ? t("log.verify.rowFailed") : t("log.verify.rowChecking");
  const title =
    state === "verified" ? t("log.verify.rowVerifiedTitle") : state === "failed" ? t("log.verify.rowFailedTitle") : undefined;
  return (
    <span className={`proof proof-${state}`} data-testid={`log-verified-${seq}`} data-state={state} title={title}>
      <span aria-hidden="true">{state === "verified" ? "✓" : state === "failed" ? "✗" : "…"}</span> {label}
    </span>
  );
}
