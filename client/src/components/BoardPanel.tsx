// "Board": the table's shared minutes, edited together live (Yjs), with who is here,
// the connection's state, and references to fragments (ids only).
import type { Editor } from "@tiptap/core";
import { useTranslation } from "react-i18next";
import { boardDocName } from "../../../shared/collab";
import { MINUTES_FIELD } from "../../../shared/minutes";
import { caretColorFor } from "../format/caretColor";
import { useCollabDoc } from "../hooks/useCollabDoc";
import { usePresence } from "../hooks/usePresence";
import { BoardPresence } from "./BoardPresence";
import { CollabEditor } from "./CollabEditor";
import { CollabStatusLine } from "./CollabStatusLine";
import { FragmentRefPicker } from "./FragmentRefPicker";
import { FragmentRef } from "./fragmentRefNode";

interface Props {
  tableId: string;
  me: { id: string; name: string; organisation: string };
  onEditor(editor: Editor | null): void;
  onAccessEnded(): void;
  onSessionEnded(): void;
}

const EXTENSIONS = [FragmentRef];

export function BoardPanel({ tableId, me, onEditor, onAccessEnded, onSessionEnded }: Props) {
  const { t } = useTranslation();
  const collab = useCollabDoc(boardDocName(tableId), { onAccessEnded, onSessionEnded });
  const people = usePresence(collab.connection?.provider ?? null, me);

  return (
    <div className="panel">
      <div className="panel-intro">
        <h2>{t("board.title")}</h2>
        <p className="muted">{t("board.intro")}</p>
      </div>
      {collab.readOnly ? (
        <p className="callout callout-warning" role="status">
          {t("collab.readOnly")}
        </p>
      ) : null}
      <div className="split">
        <div className="split-main card">
          {collab.connection ? (
            <CollabEditor
              key={collab.generation}
              connection={collab.connection}
              field={MINUTES_FIELD}
              user={{ name: me.name, color: caretColorFor(me.id) }}
              label={t("board.editorLabel")}
              testId="board-editor"
              readOnly={collab.readOnly}
              extensions={EXTENSIONS}
              onEditor={onEditor}
              toolbarExtra={(editor) => <FragmentRefPicker editor={editor} disabled={collab.readOnly} />}
            />
          ) : null}
        </div>
        <aside className="split-side card card-padded card-flat board-side">
          <CollabStatusLine status={collab.status} testId="board-status" onReconnect={collab.reconnect} />
          <BoardPresence people={people} testId="board-presence" />
        </aside>
      </div>
    </div>
  );
}
