// A partnership's triage settings, or Tafel's neutral default for agreements written
// before triage existed (or that do not define their own). Written for Tafel: generic
// enough for any partnership, to be replaced by the partnership's own criteria.
import type { AgreementBody, TriageSettings } from "./schemas.js";

export const DEFAULT_TRIAGE: TriageSettings = {
  criteria: [
    "The physical or psychic integrity of a person concerned is at risk.",
    "The services already involved cannot remove that risk on their own.",
    "Sharing information between the partners is necessary and proportionate to protect the person.",
  ],
  tracks: [
    { track: 1, label: "Track 1", description: "Coordinated care: the services involved work to one plan." },
    { track: 2, label: "Track 2", description: "Care and safety: a joint plan with police follow-up." },
    { track: 3, label: "Track 3", description: "High risk: care, police and justice act together, with the parket." },
  ],
};

export function triageSettingsOf(content: Pick<AgreementBody, "triage"> | undefined): TriageSettings {
  return content?.triage ?? DEFAULT_TRIAGE;
}
