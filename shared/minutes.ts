// The shape of the board's shared minutes (a Yjs document), agreed between the editor
// in the browser (TipTap / y-prosemirror) and everything that reads it: the minutes
// text lives in the XmlFragment MINUTES_FIELD as ProseMirror nodes; a reference to a
// fragment is a FRAGMENT_REF_NODE element carrying only the fragment's id.
//
// `renderMinutes` turns a frozen board into one reader's rendition: each reference is
// resolved through `resolve` (the fragment API, which logs the delivery and answers
// only what was released to this reader) — the content never sits in the board.
import * as Y from "yjs";

export const MINUTES_FIELD = "minutes";
export const FRAGMENT_REF_NODE = "fragmentRef";
export const FRAGMENT_REF_ATTR = "fragmentId";
export const NOT_RELEASED = "[not released to you]";

/** What a reference becomes for this reader: the fragment's text, or null if not released to them. */
export type ResolveFragment = (fragmentId: string) => Promise<{ title: string; body: string; author: string } | null>;

export type RenditionBlock =
  | { kind: "text"; node: string; text: string }
  | { kind: "fragment"; fragmentId: string; released: true; title: string; body: string; author: string }
  | { kind: "fragment"; fragmentId: string; released: false };

const BLOCK_SEPARATOR = "\n";

function textOf(node: Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText) return node.toString().replace(/<[^>]*>/g, "");
  return node
    .toArray()
    .map((child) => (child instanceof Y.XmlElement || child instanceof Y.XmlText ? textOf(child) : ""))
    .join("");
}

/** Fragment ids referenced by the minutes, in order. */
export function referencedFragments(doc: Y.Doc): string[] {
  const ids: string[] = [];
  const walk = (node: Y.XmlElement | Y.XmlFragment) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlElement) {
        if (child.nodeName === FRAGMENT_REF_NODE) {
          const id = child.getAttribute(FRAGMENT_REF_ATTR);
          if (typeof id === "string") ids.push(id);
        } else walk(child);
      }
    }
  };
  walk(doc.getXmlFragment(MINUTES_FIELD));
  return ids;
}

/** One reader's rendition of the minutes in a board state (a Yjs update). */
export async function renderMinutes(boardState: Uint8Array, resolve: ResolveFragment): Promise<RenditionBlock[]> {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, boardState);
    const blocks: RenditionBlock[] = [];
    const walk = async (node: Y.XmlElement | Y.XmlFragment): Promise<void> => {
      for (const child of node.toArray()) {
        if (child instanceof Y.XmlElement && child.nodeName === FRAGMENT_REF_NODE) {
          const id = child.getAttribute(FRAGMENT_REF_ATTR);
          if (typeof id !== "string") continue;
          const found = await resolve(id);
          blocks.push(found ? { kind: "fragment", fragmentId: id, released: true, ...found } : { kind: "fragment", fragmentId: id, released: false });
        } else if (child instanceof Y.XmlElement && child.toArray().some((c) => c instanceof Y.XmlElement)) {
          await walk(child);
        } else if (child instanceof Y.XmlElement || child instanceof Y.XmlText) {
          blocks.push({ kind: "text", node: child instanceof Y.XmlElement ? child.nodeName : "text", text: textOf(child) });
        }
      }
    };
    await walk(doc.getXmlFragment(MINUTES_FIELD));
    return blocks;
  } finally {
    doc.destroy();
  }
}

/** The rendition as plain text (for checks and a plain download). */
export function renditionText(blocks: readonly RenditionBlock[]): string {
  return blocks
    .map((b) => (b.kind === "text" ? b.text : b.released ? `${b.title}\n${b.body}\n— ${b.author}` : NOT_RELEASED))
    .join(BLOCK_SEPARATOR);
}
