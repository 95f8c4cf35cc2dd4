// A TipTap editor bound to one Yjs document (the board, or my notebook): StarterKit
// without its own undo (Collaboration brings Yjs' undo manager), carets of the others,
// and the toolbar.
import type { AnyExtension, Editor } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useEffect, type ReactNode } from "react";
import type { CollabConnection } from "../api/collab";
import { EditorToolbar } from "./EditorToolbar";
import { renderCaret, renderSelection } from "./collabCaret";

interface Props {
  connection: CollabConnection;
  field: string;
  user: { name: string; color: string };
  label: string;
  testId: string;
  readOnly: boolean;
  extensions?: AnyExtension[];
  /** The editor, once built (and null when it goes). */
  onEditor?(editor: Editor | null): void;
  toolbarExtra?: (editor: Editor) => ReactNode;
}

export function CollabEditor({ connection, field, user, label, testId, readOnly, extensions = [], onEditor, toolbarExtra }: Props) {
  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({ undoRedo: false, heading: { levels: [2, 3] }, link: { openOnClick: false, autolink: true } }),
        Collaboration.configure({ document: connection.doc, field }),
        CollaborationCaret.configure({ provider: connection.provider, user, render: renderCaret, selectionRender: renderSelection }),
        ...extensions,
      ],
      editable: !readOnly,
      editorProps: {
        attributes: { class: "editor-content", "aria-label": label, "aria-multiline": "true", role: "textbox" },
      },
    },
    [connection],
  );

  useEffect(() => {
    editor.setEditable(!readOnly);
  }, [editor, readOnly]);

  useEffect(() => {
    onEditor?.(editor);
    return () => onEditor?.(null);
  }, [editor, onEditor]);

  return (
    <div className="editor">
      <EditorToolbar editor={editor} disabled={readOnly}>
        {toolbarExtra?.(editor)}
      </EditorToolbar>
      <EditorContent editor={editor} className="editor-body" data-testid={testId} data-readonly={readOnly ? "true" : "false"} />
    </div>
  );
}
