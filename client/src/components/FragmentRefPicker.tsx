// "Reference a fragment" in the board's toolbar: the fragments I may see (released to
// me or by me), by title; choosing one inserts its id — only its id — at the cursor.
import type { Editor } from "@tiptap/core";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { useFragmentLookup } from "../hooks/useFragmentLookup";

export function FragmentRefPicker({ editor, disabled }: { editor: Editor; disabled: boolean }) {
  const { t } = useTranslation();
  const lookup = useFragmentLookup();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (open) list.current?.querySelector<HTMLButtonElement>("button")?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  const choose = (id: string) => {
    setOpen(false);
    editor.chain().focus().insertFragmentRef(id).run();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>("button") ?? [])];
    const i = buttons.findIndex((b) => b === document.activeElement);
    event.preventDefault();
    buttons[(i + (event.key === "ArrowDown" ? 1 : buttons.length - 1)) % buttons.length]?.focus();
  };

  return (
    <span
      className="ref-picker"
      onBlur={(e) => {
        if (open && !e.currentTarget.contains(e.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={toggle}
        type="button"
        className="button button-small button-secondary"
        data-testid="board-insert-ref"
        aria-label={t("board.insertRefAria")}
        aria-expanded={open}
        aria-controls={listId}
        disabled={disabled}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => setOpen((o) => !o)}
      >
        {t("board.insertRef")}
      </button>
      {open ? (
        <div className="ref-picker-popover">
          {lookup.list.length === 0 ? (
            <p className="muted small" id={listId}>
              {t("board.refListEmpty")}
            </p>
          ) : (
            <ul id={listId} ref={list} className="ref-picker-list" aria-label={t("board.refListLabel")} onKeyDown={onKeyDown}>
              {lookup.list.map((f) => (
                <li key={f.id}>
                  <button type="button" className="ref-picker-option" data-testid={`board-ref-option-${f.id}`} onClick={() => choose(f.id)}>
                    <span className="ref-picker-option-title">{f.title}</span>
                    <span className="muted small">{f.mine ? t("board.refMine") : t("board.refFrom", { name: f.authorName })}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </span>
  );
}
