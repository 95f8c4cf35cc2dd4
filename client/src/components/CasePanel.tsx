// The table's "case file" tab: at a triage table the referral queue, at a case table
// the case file with the case director's controls.
import { useTranslation } from "react-i18next";
import type { CaseView, TableView } from "../../../shared/types";
import type { Resource } from "../hooks/useResource";
import { CaseFilePanel } from "./CaseFilePanel";
import { FormError } from "./FormError";
import { TriageQueue } from "./TriageQueue";

export function CasePanel({ table, caseFile, version }: { table: TableView; caseFile: Resource<CaseView>; version: string }) {
  const { t } = useTranslation();
  if (caseFile.error) return <FormError message={caseFile.error.message} />;
  const view = caseFile.data;
  if (!view) return <p className="muted">{t("app.loading")}</p>;
  if (view.kind === "triage") return <TriageQueue table={table} version={version} />;
  return <CaseFilePanel table={table} view={view} onChanged={() => void caseFile.reload()} />;
}
