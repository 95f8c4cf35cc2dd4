// The DPO's list of case tables, each with its persons concerned (pseudonyms only).
import { useTranslation } from "react-i18next";
import type { DpoTableView } from "../../../shared/types";
import { formatDate } from "../format/date";

interface Props {
  tables: DpoTableView[] | undefined;
  loading: boolean;
  tableId: string | null;
  personId: string | null;
  onChoose(tableId: string, personId?: string): void;
}

export function DpoTablePicker({ tables, loading, tableId, personId, onChoose }: Props) {
  const { t } = useTranslation();
  const list = [...(tables ?? [])].sort((a, b) => a.caseCode.localeCompare(b.caseCode));
  return (
    <nav className="card dpo-picker" aria-labelledby="dpo-tables-title">
      <div className="card-header">
        <h2 id="dpo-tables-title">{t("dpo.tables")}</h2>
      </div>
      {loading && !tables ? (
        <p className="empty card-body">{t("dpo.tablesLoading")}</p>
      ) : list.length === 0 ? (
        <p className="empty card-body">{t("dpo.noTables")}</p>
      ) : (
        <ul className="dpo-tables">
          {list.map((table) => {
            const open = table.id === tableId;
            return (
              <li key={table.id} className={open ? "dpo-table dpo-table-open" : "dpo-table"}>
                <button
                  type="button"
                  className="dpo-table-button"
                  data-testid={`dpo-table-${table.caseCode}`}
                  aria-expanded={open}
                  aria-controls={`dpo-persons-${table.id}`}
                  onClick={() => onChoose(table.id)}
                >
                  <span className="dpo-table-code">{table.caseCode}</span>
                  <span className="muted small">{t("dpo.openedOn", { date: formatDate(table.createdAt) })}</span>
                </button>
                {open ? (
                  <ul id={`dpo-persons-${table.id}`} className="dpo-persons" aria-label={t("dpo.personsOf", { caseCode: table.caseCode })}>
                    {table.personsConcerned.map((p) => (
                      <li key={p.id}>
                        <button
                          type="button"
                          className="dpo-person-button"
                          data-testid={`dpo-person-${p.pseudonym}`}
                          aria-current={p.id === personId ? "true" : undefined}
                          onClick={() => onChoose(table.id, p.id)}
                        >
                          {p.pseudonym}
                        </button>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </nav>
  );
}
