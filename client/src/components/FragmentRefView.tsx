// A fragment reference as this reader sees it: the fragment when it was released to
// them (or by them), otherwise "[not released to you]".
import { NodeViewWrapper, type ReactNodeViewProps } from "@tiptap/react";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { FRAGMENT_REF_ATTR, NOT_RELEASED } from "../../../shared/minutes";
import { useFragmentLookup } from "../hooks/useFragmentLookup";
import { useShownOnce } from "../hooks/useShownOnce";

export function FragmentRefView({ node, selected }: ReactNodeViewProps) {
  const { t } = useTranslation();
  const lookup = useFragmentLookup();
  const raw: unknown = node.attrs[FRAGMENT_REF_ATTR];
  const fragmentId = typeof raw === "string" ? raw : "";
  const fragment = fragmentId ? lookup.get(fragmentId) : undefined;
  const ref = useRef<HTMLDivElement>(null);
  useShownOnce(ref, fragmentId, fragment !== undefined && !fragment.mine, () => lookup.shown(fragmentId));

  const className = `fragment-ref${fragment ? "" : " fragment-ref-hidden"}${selected ? " fragment-ref-selected" : ""}`;
  return (
    <NodeViewWrapper
      ref={ref}
      className={className}
      data-testid={`ref-${fragmentId}`}
      data-released={fragment ? "true" : "false"}
      contentEditable={false}
      role="note"
      aria-label={t("board.refTitle")}
    >
      {fragment ? (
        <>
          <div className="fragment-ref-head">
            <span className="fragment-ref-kicker">{t("board.refTitle")}</span>
            <strong className="fragment-ref-title">{fragment.title}</strong>
          </div>
          <p className="fragment-ref-body">{fragment.body}</p>
          <p className="fragment-ref-by muted small">
            {fragment.mine ? t("board.refMineBy") : t("board.refBy", { name: fragment.authorName })}
          </p>
        </>
      ) : (
        <p className="fragment-ref-none" title={t("board.notReleasedHint")}>
          {NOT_RELEASED}
        </p>
      )}
    </NodeViewWrapper>
  );
}
