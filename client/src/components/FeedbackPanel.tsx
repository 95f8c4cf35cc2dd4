// "Feedback": the table's feedback sheets for outside (e.g. to the referring service).
// They need the consent of everyone at the table and may hold no secret information
// (Constitutional Court 52/2021). The chair drafts and sends; everyone approves.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import type { FeedbackSheetBody } from "../../../shared/schemas";
import type { FeedbackSheetView, TableView } from "../../../shared/types";
import { useAnnounce } from "../hooks/useAnnounce";
import type { Resource } from "../hooks/useResource";
import { FeedbackForm } from "./FeedbackForm";
import { FeedbackSheetItem } from "./FeedbackSheetItem";
import { FormError } from "./FormError";

interface Props {
  table: TableView;
  sheets: Resource<FeedbackSheetView[]>;
}

export function FeedbackPanel({ table, sheets }: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const isChair = table.me.role === "chair";
  const [editing, setEditing] = useState<FeedbackSheetView | null>(null);
  const list = [...(sheets.data ?? [])].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));

  const save = (body: FeedbackSheetBody) =>
    editing ? api.updateFeedbackSheet(table.id, editing.id, body) : api.draftFeedbackSheet(table.id, body);
  const onSaved = (sheet: FeedbackSheetView) => {
    announce(editing ? t("feedback.changed") : t("feedback.drafted", { addressee: sheet.addressee }));
    setEditing(null);
    void sheets.reload();
  };

  return (
    <div className="panel">
      <div className="panel-intro">
        <h2>{t("feedback.title")}</h2>
        <p className="muted">{t("feedback.intro")}</p>
      </div>
      <div className={isChair ? "split" : undefined}>
        <div className="split-main">
          <FormError message={sheets.error?.message} />
          {list.length === 0 && !sheets.loading ? <p className="empty">{isChair ? t("feedback.emptyChair") : t("feedback.empty")}</p> : null}
          <ul className="items">
            {list.map((s) => (
              <li key={s.id}>
                <FeedbackSheetItem table={table} sheet={s} onChanged={() => void sheets.reload()} onEdit={setEditing} />
              </li>
            ))}
          </ul>
        </div>
        {isChair ? (
          <div className="split-side card card-padded card-flat">
            <FeedbackForm
              key={editing ? `${editing.id}:${editing.updatedAt}` : "new"}
              {...(editing ? { editing } : {})}
              save={save}
              onSaved={onSaved}
              onCancel={() => setEditing(null)}
            />
          </div>
        ) : null}
      </div>
    </div>
  );
}
