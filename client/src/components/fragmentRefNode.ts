// The board's fragment reference (shared/minutes.ts): an atomic block node that holds
// only the fragment's id. Its content is looked up by each reader's own screen (node
// view) and never enters the Y.Doc, the clipboard or the HTML it serialises to.
import { Node, mergeAttributes } from "@tiptap/core";
import { TextSelection } from "@tiptap/pm/state";
import { ReactNodeViewRenderer } from "@tiptap/react";
import { FRAGMENT_REF_ATTR, FRAGMENT_REF_NODE } from "../../../shared/minutes";
import { FragmentRefView } from "./FragmentRefView";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    fragmentRef: {
      /** Inserts a reference to a fragment at the selection. */
      insertFragmentRef: (fragmentId: string) => ReturnType;
    };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const FragmentRef = Node.create({
  name: FRAGMENT_REF_NODE,
  group: "block",
  atom: true,
  selectable: true,
  draggable: true,

  addAttributes() {
    return {
      [FRAGMENT_REF_ATTR]: {
        default: null,
        parseHTML: (element: HTMLElement) => {
          const id = element.getAttribute("data-fragment-id");
          return id && UUID.test(id) ? id : null;
        },
        renderHTML: (attributes: Record<string, unknown>) => {
          const id = attributes[FRAGMENT_REF_ATTR];
          return typeof id === "string" ? { "data-fragment-id": id } : {};
        },
      },
    };
  },

  parseHTML() {
    return [{ tag: "div[data-fragment-ref]" }];
  },

  renderHTML({ HTMLAttributes }) {
    return ["div", mergeAttributes(HTMLAttributes, { "data-fragment-ref": "" })];
  },

  addNodeView() {
    return ReactNodeViewRenderer(FragmentRefView);
  },

  addCommands() {
    return {
      insertFragmentRef:
        (fragmentId: string) =>
        ({ chain }) =>
          UUID.test(fragmentId) &&
          chain()
            .insertContent({ type: this.name, attrs: { [FRAGMENT_REF_ATTR]: fragmentId } })
            // Leave the cursor in a paragraph after the reference, not on it: typing
            // on a selected reference would replace it.
            .command(({ tr, state }) => {
              const after = tr.selection.to;
              const next = tr.doc.resolve(after).nodeAfter;
              const paragraph = state.schema.nodes.paragraph;
              if ((!next || !next.isTextblock) && paragraph) tr.insert(after, paragraph.create());
              tr.setSelection(TextSelection.near(tr.doc.resolve(after + 1), 1));
              return true;
            })
            .run(),
    };
  },
});
