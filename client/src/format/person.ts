// How a person is named everywhere: name, organisation and sector, so a recipient is
// never chosen by name alone.
import type { TFunction } from "i18next";
import type { PersonView } from "../../../shared/types";

export function personLabel(t: TFunction, person: PersonView): string {
  return t("common.personWithOrg", {
    name: person.name,
    organisation: person.organisation,
    sector: t(`sectors.${person.sector}`),
  });
}

export function orgLabel(t: TFunction, person: PersonView): string {
  return t("common.orgAndSector", { organisation: person.organisation, sector: t(`sectors.${person.sector}`) });
}

/** A fragment id shortened for tables; the full id is in the title attribute. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}
