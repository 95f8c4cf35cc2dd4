// The shape every translation must have: the same keys as en.ts, nested the same way,
// each leaf a string. en.ts is `as const`, so its leaves are literal types; this maps
// them to `string` so a translation can say something else, while TypeScript still
// refuses a missing key (property missing) and an extra one (excess property check on
// the object literal, at every level).
import type { Resources } from "./en";

export type Translation<T> = {
  readonly [K in keyof T]: T[K] extends string ? string : Translation<T[K]>;
};

export type TranslationResources = Translation<Resources>;
