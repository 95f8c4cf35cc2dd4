// One fragment released to me. When it is actually on screen (in the visible tab, in
// the viewport), `onShown` fires once: that is the "opened" receipt.
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { ReceivedFragmentView } from "../../../shared/types";
import { formatDateTime } from "../format/date";
import { personLabel } from "../format/person";
import { parseRiskContent } from "../../../shared/risk";
import { RiskChecklistView } from "./RiskChecklistView";

interface Props {
  fragment: ReceivedFragmentView;
  onShown(fragmentId: string): void;
  /** "Reference in minutes": puts this fragment's id (only its id) on the board. */
  onReference?(fragmentId: string): void;
}

export function ReceivedFragmentCard({ fragment, onShown, onReference }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLElement>(null);
  const reported = useRef(false);
  const callback = useRef(onShown);
  useEffect(() => {
    callback.current = onShown;
  });

  useEffect(() => {
    const el = ref.current;
    if (!el || reported.current) return;
    const report = () => {
      if (reported.current) return;
      reported.current = true;
      callback.current(fragment.id);
    };
    if (typeof IntersectionObserver === "undefined") {
      report();
      return;
    }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && document.visibilityState === "visible") {
        report();
        observer.disconnect();
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [fragment.id]);

  const titleId = `received-title-${fragment.id}`;
  const checklist = fragment.kind === "risk-assessment" ? parseRiskContent(fragment.body) : null;
  return (
    <article ref={ref} className="item fragment" data-testid={`received-${fragment.id}`} aria-labelledby={titleId}>
      <div className="item-head">
        <h3 id={titleId} className="item-title">
          {fragment.title}
        </h3>
      </div>
      <ul className="tags">
        <li className="badge">{t(`categories.${fragment.category}`)}</li>
        <li className="badge badge-outline">{t(`kinds.${fragment.kind}`)}</li>
      </ul>
      {checklist ? <RiskChecklistView content={checklist} idPrefix={`received-${fragment.id}`} /> : <p className="prose">{fragment.body}</p>}
      <dl className="meta-list">
        <div>
          <dt>{t("received.personsLabel")}</dt>
          <dd>
            <ul className="chips">
              {fragment.personsConcerned.map((p) => (
                <li key={p.id} className="chip">
                  {p.pseudonym}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
      <footer className="provenance" data-testid={`received-provenance-${fragment.id}`}>
        <p>
          {t("received.releasedBy", { person: personLabel(t, fragment.author), date: formatDateTime(fragment.releasedAt) })}
          <span className="provenance-sep" aria-hidden="true">
            {" — "}
          </span>
          <span className="visually-hidden">{t("received.purposeSr")}</span>
          {t(`purposes.${fragment.purpose}`)}
          <span className="provenance-sep" aria-hidden="true">
            {" — "}
          </span>
          <span className="visually-hidden">{t("received.justificationSr")}</span>
          <q>{fragment.justification}</q>
        </p>
      </footer>
      {onReference ? (
        <div className="item-actions">
          <button
            type="button"
            className="button button-small button-secondary"
            data-testid={`received-ref-${fragment.id}`}
            aria-label={t("received.referenceAria", { title: fragment.title })}
            onClick={() => onReference(fragment.id)}
          >
            {t("received.reference")}
          </button>
        </div>
      ) : null}
    </article>
  );
}
