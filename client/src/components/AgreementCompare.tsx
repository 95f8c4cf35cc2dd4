// Compare two versions of an agreement, article by article, side by side.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import type { AgreementView } from "../../../shared/types";
import { useResource } from "../hooks/useResource";
import { SelectField } from "./Field";
import { FormError } from "./FormError";

export function AgreementCompare({ agreement }: { agreement: AgreementView }) {
  const { t } = useTranslation();
  const numbers = agreement.versions.map((v) => v.number).sort((a, b) => a - b);
  const last = numbers.at(-1) ?? 1;
  const [from, setFrom] = useState(numbers.at(-2) ?? last);
  const [to, setTo] = useState(last);
  // The versions list grows while the page is open (a new version): the key follows it.
  const key = from !== to ? `compare:${agreement.id}:${from}:${to}:${numbers.length}` : null;
  const changes = useResource(key, () => api.compareAgreement(agreement.id, from, to));

  const option = (n: number) => (
    <option key={n} value={n}>
      {t("agreement.versionTitle", { n })}
    </option>
  );
  const parse = (value: string, fallback: number) => {
    const n = Number(value);
    return numbers.includes(n) ? n : fallback;
  };

  return (
    <section className="card card-padded agreement-compare" aria-labelledby="compare-title">
      <h2 id="compare-title">{t("compare.title")}</h2>
      <p className="muted small">{t("compare.intro")}</p>
      <div className="field-row">
        <SelectField id="compare-from" data-testid="compare-from" label={t("compare.from")} value={from} onChange={(e) => setFrom(parse(e.target.value, from))}>
          {numbers.map(option)}
        </SelectField>
        <SelectField id="compare-to" data-testid="compare-to" label={t("compare.to")} value={to} onChange={(e) => setTo(parse(e.target.value, to))}>
          {numbers.map(option)}
        </SelectField>
      </div>
      <div data-testid="compare-result" aria-live="polite" aria-busy={changes.loading}>
        <FormError message={changes.error?.message} />
        {from === to ? (
          <p className="empty">{t("compare.same")}</p>
        ) : changes.data === undefined ? (
          changes.loading ? (
            <p className="empty">{t("app.loading")}</p>
          ) : null
        ) : changes.data.length === 0 ? (
          <p className="empty">{t("compare.noChanges", { from, to })}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table compare-table">
              <caption className="visually-hidden">{t("compare.caption", { from, to })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("compare.colWhere")}</th>
                  <th scope="col">{t("compare.colBefore", { n: from })}</th>
                  <th scope="col">{t("compare.colAfter", { n: to })}</th>
                </tr>
              </thead>
              <tbody>
                {changes.data.map((c, i) => (
                  <tr key={`${c.where}-${i}`}>
                    <th scope="row">{c.where}</th>
                    <td className="compare-before">
                      <del className="compare-text">{c.before}</del>
                    </td>
                    <td className="compare-after">
                      <ins className="compare-text">{c.after}</ins>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
