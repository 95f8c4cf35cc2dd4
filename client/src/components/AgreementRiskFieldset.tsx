// The agreement form's risk checklist: its items, each with the answers and the points
// each answer is worth, and the levels with the score from which each applies. Prefilled
// with Tafel's neutral example (shared/riskTemplate.ts), for the partnership to replace.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { RISK_LIMITS } from "../../../shared/schemas";
import { freshKey, type AgreementDraftState, type RiskDraft } from "../hooks/useAgreementDraft";
import { CellInput, TextField } from "./Field";

interface Props {
  state: AgreementDraftState;
  err(path: string): string | undefined;
}

type Item = RiskDraft["items"][number];

export function AgreementRiskFieldset({ state, err }: Props) {
  const { t } = useTranslation();
  const { draft, set } = state;
  const risk = draft.risk;
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);

  const setItems = (items: Item[]) => set("risk", { ...risk, items });
  const setItem = (i: number, change: Partial<Item>) => setItems(risk.items.map((x, k) => (k === i ? { ...x, ...change } : x)));
  const setOption = (i: number, j: number, change: Partial<Item["options"][number]>) => {
    const item = risk.items[i];
    if (item) setItem(i, { options: item.options.map((o, k) => (k === j ? { ...o, ...change } : o)) });
  };
  const addItem = () => {
    const item: Item = {
      key: freshKey("item", risk.items),
      label: "",
      options: [
        { key: "no", label: t("agreementForm.risk.answerNo"), points: "0" },
        { key: "unknown", label: t("agreementForm.risk.answerUnknown"), points: "0" },
        { key: "yes", label: t("agreementForm.risk.answerYes"), points: "1" },
      ],
    };
    setItems([...risk.items, item]);
    setFocusId(`agreement-risk-item-${risk.items.length}`);
  };
  const removeItem = (i: number) => {
    setItems(risk.items.filter((_, k) => k !== i));
    setFocusId(risk.items.length > 1 ? `agreement-risk-item-${Math.min(i, risk.items.length - 2)}` : "agreement-risk-add");
  };
  const setLevel = (i: number, change: Partial<RiskDraft["levels"][number]>) =>
    set("risk", { ...risk, levels: risk.levels.map((l, k) => (k === i ? { ...l, ...change } : l)) });
  const itemsError = err("riskChecklist.items") ?? err("riskChecklist");
  const levelsError = err("riskChecklist.levels");

  return (
    <fieldset className="fieldset agreement-section" aria-describedby="agreement-risk-hint" data-testid="agreement-risk">
      <legend className="agreement-section-title">{t("agreementForm.risk.title")}</legend>
      <p id="agreement-risk-hint" className="field-hint">
        {t("agreementForm.risk.hint")}
      </p>
      <TextField
        id="agreement-risk-title"
        data-testid="agreement-risk-title"
        label={t("agreementForm.risk.name")}
        maxLength={120}
        value={risk.title}
        onChange={(e) => set("risk", { ...risk, title: e.target.value })}
        error={err("riskChecklist.title")}
      />

      <h3 className="agreement-subtitle">{t("agreementForm.risk.items")}</h3>
      <ol className="agreement-risk-items">
        {risk.items.map((item, i) => {
          const n = i + 1;
          return (
            <li key={item.key} className="agreement-risk-item">
              <TextField
                id={`agreement-risk-item-${i}`}
                data-testid={`agreement-risk-item-${i}`}
                label={t("agreementForm.risk.item", { n })}
                maxLength={RISK_LIMITS.itemLabel}
                value={item.label}
                onChange={(e) => setItem(i, { label: e.target.value })}
                error={err(`riskChecklist.items.${i}.label`) ?? err(`riskChecklist.items.${i}.key`)}
              />
              <table className="data-table form-table">
                <caption className="visually-hidden">{t("agreementForm.risk.answersOf", { n })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("agreementForm.risk.answer")}</th>
                    <th scope="col" className="col-retention">
                      {t("agreementForm.risk.points")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {item.options.map((o, j) => {
                    const labelId = `agreement-risk-option-${i}-${j}`;
                    const pointsId = `agreement-risk-points-${i}-${j}`;
                    const labelError = err(`riskChecklist.items.${i}.options.${j}.label`);
                    const pointsError = err(`riskChecklist.items.${i}.options.${j}.points`);
                    return (
                      <tr key={o.key}>
                        <td>
                          <CellInput
                            id={labelId}
                            label={t("agreementForm.risk.answerOf", { n, m: j + 1 })}
                            maxLength={RISK_LIMITS.optionLabel}
                            value={o.label}
                            onChange={(e) => setOption(i, j, { label: e.target.value })}
                            error={labelError}
                          />
                        </td>
                        <td>
                          <CellInput
                            id={pointsId}
                            label={t("agreementForm.risk.pointsOf", { n, answer: o.label || j + 1 })}
                            type="number"
                            inputMode="numeric"
                            min={0}
                            max={RISK_LIMITS.points}
                            value={o.points}
                            onChange={(e) => setOption(i, j, { points: e.target.value })}
                            error={pointsError}
                          />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              {err(`riskChecklist.items.${i}.options`) ? <p className="field-error">{err(`riskChecklist.items.${i}.options`)}</p> : null}
              <div className="item-actions">
                <button type="button" className="button button-small" data-testid={`agreement-risk-remove-${i}`} onClick={() => removeItem(i)}>
                  {t("agreementForm.risk.remove", { n })}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button"
        id="agreement-risk-add"
        data-testid="agreement-risk-add"
        disabled={risk.items.length >= RISK_LIMITS.items}
        onClick={addItem}
      >
        {t("agreementForm.risk.add")}
      </button>
      {itemsError ? (
        <p className="field-error" role="alert">
          {itemsError}
        </p>
      ) : null}

      <h3 className="agreement-subtitle">{t("agreementForm.risk.levels")}</h3>
      <p className="field-hint">{t("agreementForm.risk.levelsHint")}</p>
      {risk.levels.map((level, i) => (
        <div key={level.key} className="field-row">
          <TextField
            id={`agreement-risk-level-${i}`}
            data-testid={`agreement-risk-level-${i}`}
            label={t("agreementForm.risk.level", { n: i + 1 })}
            maxLength={RISK_LIMITS.levelLabel}
            value={level.label}
            onChange={(e) => setLevel(i, { label: e.target.value })}
            error={err(`riskChecklist.levels.${i}.label`)}
          />
          <TextField
            id={`agreement-risk-threshold-${i}`}
            data-testid={`agreement-risk-threshold-${i}`}
            type="number"
            inputMode="numeric"
            min={0}
            max={RISK_LIMITS.minScore}
            label={t("agreementForm.risk.threshold", { level: level.label || i + 1 })}
            value={level.minScore}
            onChange={(e) => setLevel(i, { minScore: e.target.value })}
            error={err(`riskChecklist.levels.${i}.minScore`)}
          />
        </div>
      ))}
      {levelsError ? (
        <p className="field-error" role="alert">
          {levelsError}
        </p>
      ) : null}
    </fieldset>
  );
}
