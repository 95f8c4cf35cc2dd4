// The editor's formatting buttons: a toolbar of real buttons (Tab reaches each, arrow
// keys move between them too), each with a name and its pressed state.
import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { useRef, type KeyboardEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface Props {
  editor: Editor;
  disabled: boolean;
  /** More controls after the formatting buttons (e.g. inserting a reference). */
  children?: ReactNode;
}

export function EditorToolbar({ editor, disabled, children }: Props) {
  const { t } = useTranslation();
  const bar = useRef<HTMLDivElement>(null);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      heading: e.isActive("heading", { level: 3 }),
      bulletList: e.isActive("bulletList"),
      orderedList: e.isActive("orderedList"),
      link: e.isActive("link"),
      undo: e.can().undo(),
      redo: e.can().redo(),
    }),
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
    const buttons = [...(bar.current?.querySelectorAll<HTMLButtonElement>("button:not(:disabled)") ?? [])];
    const i = buttons.findIndex((b) => b === document.activeElement);
    if (i < 0) return;
    event.preventDefault();
    buttons[(i + (event.key === "ArrowRight" ? 1 : buttons.length - 1)) % buttons.length]?.focus();
  };

  const setLink = () => {
    const previous: unknown = editor.getAttributes("link").href;
    const href = window.prompt(t("collab.linkPrompt"), typeof previous === "string" ? previous : "https://");
    if (href === null) return;
    if (href.trim() === "") editor.chain().focus().extendMarkRange("link").unsetLink().run();
    else editor.chain().focus().extendMarkRange("link").setLink({ href: href.trim() }).run();
  };

  const button = (key: string, label: string, glyph: ReactNode, pressed: boolean | undefined, run: () => void, enabled = true) => (
    <button
      key={key}
      type="button"
      className={`toolbar-button${pressed ? " toolbar-button-on" : ""}`}
      aria-label={label}
      title={label}
      aria-pressed={pressed}
      disabled={disabled || !enabled}
      onMouseDown={(e) => e.preventDefault()}
      onClick={run}
    >
      <span aria-hidden="true">{glyph}</span>
    </button>
  );

  return (
    <div ref={bar} role="toolbar" aria-label={t("collab.toolbar")} className="editor-toolbar" onKeyDown={onKeyDown}>
      {button("bold", t("collab.bold"), <b>B</b>, state.bold, () => editor.chain().focus().toggleBold().run())}
      {button("italic", t("collab.italic"), <i>I</i>, state.italic, () => editor.chain().focus().toggleItalic().run())}
      {button("heading", t("collab.heading"), "H", state.heading, () => editor.chain().focus().toggleHeading({ level: 3 }).run())}
      {button("bullet", t("collab.bulletList"), "•", state.bulletList, () => editor.chain().focus().toggleBulletList().run())}
      {button("ordered", t("collab.orderedList"), <span className="toolbar-glyph-ordered" />, state.orderedList, () => editor.chain().focus().toggleOrderedList().run())}
      {button("link", t("collab.link"), <span className="toolbar-link-glyph">{t("collab.link")}</span>, state.link, setLink)}
      <span className="toolbar-sep" aria-hidden="true" />
      {button("undo", t("collab.undo"), "↶", undefined, () => editor.chain().focus().undo().run(), state.undo)}
      {button("redo", t("collab.redo"), "↷", undefined, () => editor.chain().focus().redo().run(), state.redo)}
      {children}
    </div>
  );
}
