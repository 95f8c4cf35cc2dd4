// The agreement form's triage settings: the criteria the triage table checks (a list,
// added, removed and reordered by keyboard with plain buttons) and what the tracks
// 1 · 2 · 3 mean in this partnership.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AgreementDraftState } from "../hooks/useAgreementDraft";
import { TextAreaField, TextField } from "./Field";

interface Props {
  state: AgreementDraftState;
  /** The message for a field path of the body (`triage.criteria.2`), if any. */
  err(path: string): string | undefined;
}

const MAX_CRITERIA = 20;

export function AgreementTriageFieldset({ state, err }: Props) {
  const { t } = useTranslation();
  const { draft, set } = state;
  const criteria = draft.triage.criteria;
  // After a move or a removal the focus follows the criterion (or lands on a neighbour).
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);

  const setCriteria = (next: string[]) => set("triage", { ...draft.triage, criteria: next });
  const move = (i: number, by: -1 | 1) => {
    const j = i + by;
    if (j < 0 || j >= criteria.length) return;
    const next = [...criteria];
    [next[i], next[j]] = [next[j] as string, next[i] as string];
    setCriteria(next);
    // Stay on the same button of the moved criterion, unless it is now disabled at the edge.
    const edge = (by === -1 && j === 0) || (by === 1 && j === criteria.length - 1);
    setFocusId(edge ? `agreement-criterion-${j}` : `agreement-criterion-${by === -1 ? "up" : "down"}-${j}`);
  };
  const remove = (i: number) => {
    setCriteria(criteria.filter((_, k) => k !== i));
    setFocusId(criteria.length > 1 ? `agreement-criterion-${Math.min(i, criteria.length - 2)}` : "agreement-criterion-add");
  };
  const add = () => {
    setCriteria([...criteria, ""]);
    setFocusId(`agreement-criterion-${criteria.length}`);
  };
  const listError = err("triage.criteria") ?? err("triage");

  return (
    <fieldset className="fieldset agreement-section" aria-describedby="agreement-triage-hint" data-testid="agreement-triage">
      <legend className="agreement-section-title">{t("agreementForm.triage.title")}</legend>
      <p id="agreement-triage-hint" className="field-hint">
        {t("agreementForm.triage.hint")}
      </p>
      <h3 className="agreement-subtitle">{t("agreementForm.triage.criteria")}</h3>
      <ol className="agreement-criteria">
        {criteria.map((text, i) => {
          const n = i + 1;
          return (
            <li key={i} className="agreement-criterion">
              <TextField
                id={`agreement-criterion-${i}`}
                data-testid={`agreement-criterion-${i}`}
                label={t("agreementForm.triage.criterion", { n })}
                maxLength={300}
                value={text}
                onChange={(e) => setCriteria(criteria.map((c, k) => (k === i ? e.target.value : c)))}
                error={err(`triage.criteria.${i}`)}
              />
              <div className="item-actions">
                <button type="button" className="button button-small" id={`agreement-criterion-up-${i}`} disabled={i === 0} onClick={() => move(i, -1)}>
                  {t("agreementForm.triage.up", { n })}
                </button>
                <button
                  type="button"
                  className="button button-small"
                  id={`agreement-criterion-down-${i}`}
                  disabled={i === criteria.length - 1}
                  onClick={() => move(i, 1)}
                >
                  {t("agreementForm.triage.down", { n })}
                </button>
                <button type="button" className="button button-small" data-testid={`agreement-criterion-remove-${i}`} onClick={() => remove(i)}>
                  {t("agreementForm.triage.remove", { n })}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button"
        id="agreement-criterion-add"
        data-testid="agreement-criterion-add"
        disabled={criteria.length >= MAX_CRITERIA}
        onClick={add}
      >
        {t("agreementForm.triage.add")}
      </button>
      {listError ? (
        <p className="field-error" role="alert">
          {listError}
        </p>
      ) : null}

      <h3 className="agreement-subtitle">{t("agreementForm.triage.tracks")}</h3>
      {draft.triage.tracks.map((track, i) => (
        <div key={track.track} className="field-row">
          <TextField
            id={`agreement-track-label-${track.track}`}
            data-testid={`agreement-track-label-${track.track}`}
            label={t("agreementForm.triage.trackLabel", { n: track.track })}
            maxLength={80}
            value={track.label}
            onChange={(e) => set("triage", { ...draft.triage, tracks: draft.triage.tracks.map((x, k) => (k === i ? { ...x, label: e.target.value } : x)) })}
            error={err(`triage.tracks.${i}.label`)}
          />
          <TextAreaField
            id={`agreement-track-description-${track.track}`}
            data-testid={`agreement-track-description-${track.track}`}
            label={t("agreementForm.triage.trackDescription", { n: track.track })}
            rows={2}
            maxLength={500}
            value={track.description}
            onChange={(e) =>
              set("triage", { ...draft.triage, tracks: draft.triage.tracks.map((x, k) => (k === i ? { ...x, description: e.target.value } : x)) })
            }
            error={err(`triage.tracks.${i}.description`)}
          />
        </div>
      ))}
      {err("triage.tracks") ? <p className="field-error">{err("triage.tracks")}</p> : null}
    </fieldset>
  );
}
