// The heart of the agreement: which category may be released to which recipient sector.
// A real table of checkboxes, one row per included category, one column per sector;
// each checkbox is named "<category> to <sector>" for assistive technology.
import { useTranslation } from "react-i18next";
import { CATEGORIES, SECTORS, type Category, type Sector } from "../../../shared/schemas";
import type { AgreementDraftState } from "../hooks/useAgreementDraft";

export interface CellError {
  category: Category;
  sector: Sector;
  message: string;
}

interface Props {
  state: AgreementDraftState;
  cellErrors: CellError[];
  listError: string | undefined;
}

export function AgreementMatrixFieldset({ state, cellErrors, listError }: Props) {
  const { t } = useTranslation();
  const { draft, setCell } = state;
  const rows = CATEGORIES.filter((c) => draft.categories[c].included);
  const labelOf = (c: Category) => draft.categories[c].label.trim() || t(`categories.${c}`);
  const errorAt = (c: Category, s: Sector) => cellErrors.find((e) => e.category === c && e.sector === s);
  const anyError = cellErrors.length > 0 || Boolean(listError);

  return (
    <fieldset
      className="fieldset agreement-section"
      aria-describedby={anyError ? "agreement-matrix-hint agreement-matrix-errors" : "agreement-matrix-hint"}
    >
      <legend className="agreement-section-title">{t("agreementForm.matrixTitle")}</legend>
      <p id="agreement-matrix-hint" className="field-hint">
        {t("agreementForm.matrixHint")}
      </p>
      {rows.length === 0 ? (
        <p className="empty">{t("agreementForm.matrixEmpty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table matrix-table" data-testid="agreement-matrix">
            <caption className="visually-hidden">{t("agreementForm.matrixCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("agreementForm.colCategory")}</th>
                {SECTORS.map((s) => (
                  <th key={s} scope="col" className="matrix-sector">
                    {t(`sectors.${s}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c}>
                  <th scope="row">
                    <span className="matrix-article">{t("charter.articleShort", { article: draft.categories[c].article })}</span>{" "}
                    {labelOf(c)}
                  </th>
                  {SECTORS.map((s) => {
                    const error = errorAt(c, s);
                    return (
                      <td key={s} className={error ? "matrix-cell matrix-cell-invalid" : "matrix-cell"}>
                        <input
                          type="checkbox"
                          data-testid={`matrix-${c}-${s}`}
                          aria-label={t("agreementForm.cellLabel", { category: labelOf(c), sector: t(`sectors.${s}`) })}
                          checked={draft.matrix[c][s]}
                          onChange={(e) => setCell(c, s, e.target.checked)}
                          aria-invalid={error ? true : undefined}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {anyError ? (
        <ul id="agreement-matrix-errors" className="field-error matrix-errors">
          {listError ? <li>{listError}</li> : null}
          {cellErrors.map((e) => (
            <li key={`${e.category}-${e.sector}`}>
              {t("agreementForm.cellError", { category: labelOf(e.category), sector: t(`sectors.${e.sector}`), message: e.message })}
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
