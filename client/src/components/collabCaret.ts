// CollaborationCaret's caret and selection, drawn with palette classes instead of the
// inline colours of its defaults (no `style` anywhere, for the strict CSP).
import type { DecorationAttrs } from "@tiptap/pm/view";
import { caretClass } from "../format/caretColor";

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const caret = document.createElement("span");
  caret.className = `collab-caret ${caretClass(user.color)}`;
  caret.setAttribute("aria-hidden", "true");
  const label = document.createElement("span");
  label.className = "collab-caret-label";
  label.textContent = text(user.name);
  caret.append(label);
  return caret;
}

export function renderSelection(user: Record<string, unknown>): DecorationAttrs {
  return { nodeName: "span", class: `collab-selection ${caretClass(user.color)}` };
}
