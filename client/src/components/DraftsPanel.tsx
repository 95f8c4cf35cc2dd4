// "My drafts": the private notebook of this table.
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import type { DraftBody } from "../../../shared/schemas";
import type { DraftView, PersonConcernedView } from "../../../shared/types";
import type { Resource } from "../hooks/useResource";
import { DraftForm } from "./DraftForm";
import { DraftItem } from "./DraftItem";
import { FormError } from "./FormError";
import { RiskChecklistForm } from "./RiskChecklistForm";

interface Props {
  tableId: string;
  drafts: Resource<DraftView[]>;
  /** The table's persons concerned: a risk checklist is about one of them. */
  persons?: PersonConcernedView[];
  onRelease(draft: DraftView, opener: HTMLElement): void;
}

export function DraftsPanel({ tableId, drafts, persons = [], onRelease }: Props) {
  const { t } = useTranslation();
  const list = drafts.data ?? [];
  const reload = () => void drafts.reload();

  return (
    <div className="panel">
      <div className="panel-intro">
        <h2>{t("drafts.title")}</h2>
        <p className="muted">{t("drafts.privacy")}</p>
      </div>
      <div className="split">
        <div className="split-main">
          <FormError message={drafts.error?.message} />
          {list.length === 0 && !drafts.loading ? <p className="empty">{t("drafts.empty")}</p> : null}
          <ul className="items" data-testid="draft-list">
            {list.map((d) => (
              <DraftItem key={d.id} tableId={tableId} draft={d} persons={persons} onChanged={reload} onRelease={onRelease} />
            ))}
          </ul>
        </div>
        <section className="split-side card card-padded card-flat" aria-labelledby="draft-new-heading">
          <h3 id="draft-new-heading">{t("drafts.newTitle")}</h3>
          <DraftForm
            idPrefix="draft-new"
            submitLabel={t("drafts.create")}
            save={(body: DraftBody) => api.createDraft(tableId, body)}
            onSaved={reload}
            testIds
          />
          <details className="disclosure risk-new" data-testid="risk-new">
            <summary>{t("risk.newTitle")}</summary>
            <RiskChecklistForm tableId={tableId} persons={persons} onSaved={reload} />
          </details>
        </section>
      </div>
    </div>
  );
}
