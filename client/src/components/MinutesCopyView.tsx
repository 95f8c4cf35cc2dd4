// "My copy of the minutes": fetches my copy once, shows it, and prints it alone (the
// print twin lives outside the page, so print CSS can hide everything else while a
// copy is open).
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";
import type { ActionView, AuthoredFragmentView } from "../../../shared/types";
import { useMinutesCopy } from "../hooks/useMinutesCopy";
import { FormError } from "./FormError";
import { MinutesRendition } from "./MinutesRendition";

interface Props {
  tableId: string;
  meetingId: string;
  caseCode: string;
  readerName: string;
  released: readonly AuthoredFragmentView[];
  actions: ActionView[];
}

export function MinutesCopyView({ tableId, meetingId, caseCode, readerName, released, actions }: Props) {
  const { t } = useTranslation();
  const state = useMinutesCopy(tableId, meetingId, released, readerName);

  if (state.error) return <FormError message={state.error} />;
  if (!state.copy || !state.blocks) return <p className="muted">{t("minutes.loading")}</p>;
  return (
    <div className="minutes-copy">
      <div className="item-actions">
        <button type="button" className="button button-secondary" data-testid="minutes-print" onClick={() => window.print()}>
          {t("minutes.print")}
        </button>
      </div>
      <MinutesRendition copy={state.copy} blocks={state.blocks} caseCode={caseCode} readerName={readerName} actions={actions} testIds />
      {createPortal(
        <div className="print-only minutes-print">
          <MinutesRendition copy={state.copy} blocks={state.blocks} caseCode={caseCode} readerName={readerName} actions={actions} testIds={false} />
        </div>,
        document.body,
      )}
    </div>
  );
}
