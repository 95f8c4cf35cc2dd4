// i18next set up once, synchronously, with the bundled English resource. Other
// languages are added as further resources next to en.ts.
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en";

export const defaultNS = "translation";

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en } },
  lng: "en",
  fallbackLng: "en",
  defaultNS,
  initAsync: false,
  // React escapes what it renders; escaping here too would double-escape names.
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
