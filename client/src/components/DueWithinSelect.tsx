// "Due within N days": the horizon of the DPO's retention overviews (fragments, and case
// data beyond fragments), one choice of the given windows.
import { useTranslation } from "react-i18next";
import { SelectField } from "./Field";

export function DueWithinSelect({ id, windows, value, onChange }: { id: string; windows: readonly number[]; value: number; onChange(days: number): void }) {
  const { t } = useTranslation();
  return (
    <SelectField id={id} label={t("retention.within")} value={String(value)} onChange={(e) => onChange(Number(e.target.value))}>
      {windows.map((d) => (
        <option key={d} value={d}>
          {t("retention.withinDays", { count: d })}
        </option>
      ))}
    </SelectField>
  );
}
