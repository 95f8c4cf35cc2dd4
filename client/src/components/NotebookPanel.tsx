// "My notebook": a private Yjs document (only its owner may open it, from any device).
// It keeps working offline and merges when the connection returns. A selection can
// become a draft, which is then released through the usual flow in "My drafts".
import type { Editor } from "@tiptap/core";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { notebookDocName } from "../../../shared/collab";
import { LIMITS } from "../../../shared/schemas";
import { api } from "../api/tafel";
import { caretColorFor } from "../format/caretColor";
import { useAnnounce } from "../hooks/useAnnounce";
import { useCollabDoc } from "../hooks/useCollabDoc";
import { useSubmit } from "../hooks/useSubmit";
import { CollabEditor } from "./CollabEditor";
import { CollabStatusLine } from "./CollabStatusLine";
import { FormError } from "./FormError";

/** The notebook's text lives in this XmlFragment of the notebook document. */
const NOTEBOOK_FIELD = "notebook";

interface Props {
  tableId: string;
  me: { id: string; name: string; organisation: string };
  onDraftMade(): void;
  onAccessEnded(): void;
  onSessionEnded(): void;
}

export function NotebookPanel({ tableId, me, onDraftMade, onAccessEnded, onSessionEnded }: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const collab = useCollabDoc(notebookDocName(tableId, me.id), { onAccessEnded, onSessionEnded });
  const [editor, setEditor] = useState<Editor | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const onEditor = useCallback((e: Editor | null) => setEditor(e), []);
  const makeDraft = useSubmit((title: string, body: string) => api.createDraft(tableId, { title, body }));

  const fromSelection = async () => {
    if (!editor) return;
    const { from, to } = editor.state.selection;
    const text = editor.state.doc.textBetween(from, to, "\n").trim();
    if (!text) {
      setHint(t("notebook.selectFirst"));
      return;
    }
    setHint(null);
    const firstLine = text.split("\n", 1)[0] ?? "";
    const title = (firstLine.length > 0 ? firstLine : t("notebook.draftDefaultTitle")).slice(0, Math.min(80, LIMITS.draftTitle));
    const draft = await makeDraft.run(title, text.slice(0, LIMITS.fragmentBody));
    if (draft) {
      const done = t("notebook.draftMade", { title: draft.title });
      announce(done);
      setHint(done);
      onDraftMade();
    }
  };

  return (
    <div className="panel">
      <div className="panel-intro">
        <h2>{t("notebook.title")}</h2>
        <p className="muted">{t("notebook.intro")}</p>
      </div>
      <div className="split">
        <div className="split-main card">
          {collab.connection ? (
            <CollabEditor
              key={collab.generation}
              connection={collab.connection}
              field={NOTEBOOK_FIELD}
              user={{ name: me.name, color: caretColorFor(me.id) }}
              label={t("notebook.editorLabel")}
              testId="notebook-editor"
              readOnly={collab.readOnly}
              onEditor={onEditor}
            />
          ) : null}
        </div>
        <aside className="split-side card card-padded card-flat board-side">
          <CollabStatusLine status={collab.status} testId="notebook-status" private onReconnect={collab.reconnect} />
          <button
            type="button"
            className="button button-secondary"
            data-testid="notebook-make-draft"
            disabled={!editor || makeDraft.pending}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => void fromSelection()}
          >
            {t("notebook.draftFromSelection")}
          </button>
          {hint ? <p className="muted small" data-testid="notebook-hint">{hint}</p> : null}
          <FormError message={makeDraft.message} />
        </aside>
      </div>
    </div>
  );
}
