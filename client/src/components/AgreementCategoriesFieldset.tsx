// The agreement form's information categories: which of the seven may be shared at all,
// each with the label and article number the charter shows and how long it is kept.
import { useTranslation } from "react-i18next";
import { CATEGORIES, type Category } from "../../../shared/schemas";
import type { AgreementDraftState, CategoryRow } from "../hooks/useAgreementDraft";
import { CellInput } from "./Field";

type CategoryField = "key" | "label" | "article" | "retentionDays";

interface Props {
  state: AgreementDraftState;
  errorFor(key: Category, field: CategoryField): string | undefined;
  listError: string | undefined;
}

const INPUTS: { field: Exclude<CategoryField, "key">; testid: string; type: "text" | "number"; max: number }[] = [
  { field: "label", testid: "label", type: "text", max: 120 },
  { field: "article", testid: "article", type: "text", max: 20 },
  { field: "retentionDays", testid: "retention", type: "number", max: 3650 },
];

export function AgreementCategoriesFieldset({ state, errorFor, listError }: Props) {
  const { t } = useTranslation();
  const { draft, setCategory } = state;
  const accessibleName = (field: Exclude<CategoryField, "key">, category: string) => {
    switch (field) {
      case "label":
        return t("agreementForm.labelOf", { category });
      case "article":
        return t("agreementForm.articleOf", { category });
      case "retentionDays":
        return t("agreementForm.retentionOf", { category });
    }
  };
  const value = (row: CategoryRow, field: Exclude<CategoryField, "key">) => row[field];

  return (
    <fieldset
      className="fieldset agreement-section"
      aria-describedby={listError ? "agreement-categories-hint agreement-categories-error" : "agreement-categories-hint"}
    >
      <legend className="agreement-section-title">{t("agreementForm.categoriesTitle")}</legend>
      <p id="agreement-categories-hint" className="field-hint">
        {t("agreementForm.categoriesHint")}
      </p>
      <div className="table-scroll">
        <table className="data-table form-table">
          <thead>
            <tr>
              <th scope="col">{t("agreementForm.colCategory")}</th>
              <th scope="col">{t("agreementForm.colLabel")}</th>
              <th scope="col" className="col-article">
                {t("agreementForm.colArticle")}
              </th>
              <th scope="col" className="col-retention">
                {t("agreementForm.colRetention")}
              </th>
            </tr>
          </thead>
          <tbody>
            {CATEGORIES.map((key) => {
              const row = draft.categories[key];
              const name = t(`categories.${key}`);
              const keyError = errorFor(key, "key");
              return (
                <tr key={key} className={row.included ? undefined : "row-excluded"}>
                  <th scope="row">
                    <label className="checkbox">
                      <input
                        type="checkbox"
                        data-testid={`agreement-category-${key}`}
                        checked={row.included}
                        onChange={(e) => setCategory(key, { included: e.target.checked })}
                        aria-invalid={keyError ? true : undefined}
                        aria-describedby={keyError ? `agreement-category-${key}-error` : undefined}
                      />
                      <span>{t("agreementForm.share", { category: name })}</span>
                    </label>
                    {keyError ? (
                      <p id={`agreement-category-${key}-error`} className="field-error">
                        {keyError}
                      </p>
                    ) : null}
                  </th>
                  {INPUTS.map(({ field, testid, type, max }) => {
                    const id = `agreement-category-${testid}-${key}`;
                    const error = errorFor(key, field);
                    return (
                      <td key={field}>
                        <CellInput
                          id={id}
                          label={accessibleName(field, name)}
                          type={type}
                          inputMode={type === "number" ? "numeric" : undefined}
                          min={type === "number" ? 1 : undefined}
                          max={type === "number" ? max : undefined}
                          maxLength={type === "text" ? max : undefined}
                          disabled={!row.included}
                          value={value(row, field)}
                          onChange={(e) => setCategory(key, { [field]: e.target.value })}
                          error={error}
                        />
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {listError ? (
        <p id="agreement-categories-error" className="field-error">
          {listError}
        </p>
      ) : null}
    </fieldset>
  );
}
