// Typed translation keys: `t("some.key")` fails to compile when the key is not in en.ts.
import type { Resources } from "./en";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: Resources };
  }
}
