// i18next set up once, synchronously, with every bundled language. The language in use
// comes from the signed-in account (see useLanguageSync.ts); before sign-in from a choice
// kept in this browser, else from what the browser prefers.
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { LOCALES } from "../../../shared/schemas";
import { TRANSLATIONS } from "./resources";
import { initialLanguage } from "./language";
import { numberFormatter } from "./numberFormatter";

export const defaultNS = "translation";

void i18n.use(initReactI18next).use(numberFormatter).init({
  resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: TRANSLATIONS[l] }])),
  lng: initialLanguage(),
  fallbackLng: "en",
  supportedLngs: [...LOCALES],
  defaultNS,
  initAsync: false,
  // React escapes what it renders; escaping here too would double-escape names.
  // alwaysFormat: quantities follow the locale of the language (numberFormatter.ts).
  interpolation: { escapeValue: false, alwaysFormat: true },
  returnNull: false,
});

export default i18n;
