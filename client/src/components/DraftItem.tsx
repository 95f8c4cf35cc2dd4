// One private draft: read, edit in place, delete (after a second click), release.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import type { DraftBody } from "../../../shared/schemas";
import type { DraftView, PersonConcernedView } from "../../../shared/types";
import { parseRiskContent } from "../../../shared/risk";
import { formatDateTime } from "../format/date";
import { useSubmit } from "../hooks/useSubmit";
import { DraftForm } from "./DraftForm";
import { FormError } from "./FormError";
import { RiskChecklistForm } from "./RiskChecklistForm";
import { RiskChecklistView } from "./RiskChecklistView";

interface Props {
  tableId: string;
  draft: DraftView;
  persons?: PersonConcernedView[];
  onChanged(): void;
  onRelease(draft: DraftView, opener: HTMLElement): void;
}

export function DraftItem({ tableId, draft, persons = [], onChanged, onRelease }: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const remove = useSubmit(async () => {
    await api.deleteDraft(tableId, draft.id);
    return true;
  });

  const onDelete = async () => {
    if (await remove.run()) onChanged();
  };

  // A risk checklist's body is its completed content, written by the server.
  const checklist = draft.kind === "risk-assessment" ? parseRiskContent(draft.body) : null;

  if (editing && checklist) {
    return (
      <li className="item" data-testid={`draft-${draft.title}`}>
        <h3 className="item-title">{t("drafts.editing")}</h3>
        <RiskChecklistForm
          tableId={tableId}
          persons={persons}
          existing={{ draftId: draft.id, title: draft.title, content: checklist }}
          onSaved={() => {
            setEditing(false);
            onChanged();
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  }

  if (editing) {
    return (
      <li className="item" data-testid={`draft-${draft.title}`}>
        <h3 className="item-title">{t("drafts.editing")}</h3>
        <DraftForm
          idPrefix={`draft-${draft.id}`}
          initial={{ title: draft.title, body: draft.body }}
          submitLabel={t("common.save")}
          save={(body: DraftBody) => api.updateDraft(tableId, draft.id, body)}
          onSaved={() => {
            setEditing(false);
            onChanged();
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  }

  return (
    <li className="item" data-testid={`draft-${draft.title}`}>
      <div className="item-head">
        <h3 className="item-title">{draft.title}</h3>
        <span className="muted small">{t("drafts.updated", { date: formatDateTime(draft.updatedAt) })}</span>
      </div>
      {checklist ? <RiskChecklistView content={checklist} idPrefix={`draft-${draft.id}`} /> : <p className="prose">{draft.body}</p>}
      <FormError message={remove.message} />
      {confirming ? (
        <div className="confirm" role="group" aria-label={t("drafts.confirmDelete")}>
          <span>{t("drafts.confirmDelete")}</span>
          <button type="button" className="button button-danger" data-testid={`draft-delete-confirm-${draft.title}`} onClick={() => void onDelete()} disabled={remove.pending}>
            {t("drafts.confirmDeleteYes")}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setConfirming(false)} autoFocus>
            {t("common.cancel")}
          </button>
        </div>
      ) : (
        <div className="item-actions">
          <button
            type="button"
            className="button button-primary"
            data-testid={`draft-release-${draft.title}`}
            aria-label={t("drafts.releaseAria", { title: draft.title })}
            onClick={(e) => onRelease(draft, e.currentTarget)}
          >
            {t("drafts.release")}
          </button>
          <button
            type="button"
            className="button button-secondary"
            data-testid={`draft-edit-${draft.title}`}
            aria-label={t("drafts.editAria", { title: draft.title })}
            onClick={() => setEditing(true)}
          >
            {t("common.edit")}
          </button>
          <button
            type="button"
            className="button button-quiet button-danger-text"
            data-testid={`draft-delete-${draft.title}`}
            aria-label={t("drafts.deleteAria", { title: draft.title })}
            onClick={() => setConfirming(true)}
          >
            {t("common.delete")}
          </button>
        </div>
      )}
    </li>
  );
}
