// Every language of the interface, keyed by locale. Record<Locale, …> makes adding a
// locale to shared/schemas.ts LOCALES a compile error until its translation is here.
import type { Locale } from "../../../shared/schemas";
import { en } from "./en";
import { nl } from "./nl";
import type { TranslationResources } from "./translation";

export const TRANSLATIONS: Record<Locale, TranslationResources> = { en, nl };
