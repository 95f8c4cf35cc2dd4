// `/dpo`: the data protection officer's screen. Pick a case table and a person
// concerned; their disclosure report follows (who received what about them, when and
// why — never content), with CSV/PDF downloads and deferrals. The choice is kept in the
// address (`?table=…&person=…`) so a reload shows the same report.
import { useTranslation } from "react-i18next";
import { api } from "../api/tafel";
import { DisclosureReport } from "../components/DisclosureReport";
import { DpoTablePicker } from "../components/DpoTablePicker";
import { DpoRetention } from "../components/DpoRetention";
import { DpoCaseDataRetention } from "../components/DpoCaseDataRetention";
import { FormError } from "../components/FormError";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { navigate, useLocation } from "../hooks/useLocation";
import { useResource } from "../hooks/useResource";

export function DpoPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("dpo.title"));
  const { search } = useLocation();
  const tables = useResource("dpo-tables", api.dpoTables);
  const tableId = search.get("table");
  const personId = search.get("person");
  const table = tables.data?.find((x) => x.id === tableId);
  const person = table?.personsConcerned.find((p) => p.id === personId);

  const choose = (nextTable: string, nextPerson?: string) => {
    const params = new URLSearchParams({ table: nextTable, ...(nextPerson ? { person: nextPerson } : {}) });
    navigate(`/dpo?${params.toString()}`);
  };

  return (
    <section className="page page-wide">
      <header className="page-header">
        <h1>{t("dpo.title")}</h1>
        <p className="muted">{t("dpo.intro")}</p>
      </header>
      <FormError message={tables.error?.message} />
      <div className="dpo-layout">
        <DpoTablePicker
          tables={tables.data}
          loading={tables.loading}
          tableId={table?.id ?? null}
          personId={person?.id ?? null}
          onChoose={choose}
        />
        <div className="dpo-main">
          {table && person ? (
            <DisclosureReport key={`${table.id}/${person.id}`} tableId={table.id} personId={person.id} />
          ) : (
            <p className="card card-padded muted">
              {table ? t("dpo.choosePerson", { caseCode: table.caseCode }) : t("dpo.choose")}
            </p>
          )}
        </div>
      </div>
      <DpoRetention />
      <DpoCaseDataRetention />
    </section>
  );
}
