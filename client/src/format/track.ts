// A case's track as shown: "Track 2: Care and safety", with the partnership's label.
import type { TFunction } from "i18next";
import type { CaseView } from "../../../shared/types";

export function trackLabel(t: TFunction, view: CaseView): string {
  if (!view.track) return t("lifecycle.case.noTrack");
  const found = view.tracks.find((x) => x.track === view.track);
  return t("lifecycle.case.trackValue", { n: view.track, label: found?.label ?? "" });
}
