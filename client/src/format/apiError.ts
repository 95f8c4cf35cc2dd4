// The server speaks English (its messages are also read in logs and by API clients).
// When the interface is in another language, a known error code is shown as a
// translated sentence; where the server's sentence names the specific rule (which
// field, which article of the agreement, which state), it follows as detail, since
// the person needs it to act. An unknown code keeps the server's sentence.
import i18n from "i18next";
import type { ApiError } from "../../../shared/types";
import { en } from "../i18n/en";
import { currentLanguage } from "../i18n/language";

type KnownCode = Exclude<keyof typeof en.apiErrors, "withDetail">;

/** Codes whose server sentence carries the specific reason. */
const WITH_DETAIL: ReadonlySet<string> = new Set(["invalid-input", "forbidden", "conflict", "not-found", "internal"]);

function isKnown(code: string): code is KnownCode {
  return code !== "withDetail" && Object.hasOwn(en.apiErrors, code);
}

export function localiseApiError(error: ApiError["error"]): string {
  if (currentLanguage() === "en" || !isKnown(error.code)) return error.message;
  const sentence = i18n.t(`apiErrors.${error.code}`);
  return WITH_DETAIL.has(error.code) ? i18n.t("apiErrors.withDetail", { sentence, detail: error.message }) : sentence;
}

/** The server's common field messages (shared/schemas.ts), each to a translated one. */
const FIELD_MESSAGES: readonly [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^must not be empty$/, () => i18n.t("fieldErrors.empty")],
  [/^must be at most (\d+) characters$/, (m) => i18n.t("fieldErrors.tooLong", { max: Number(m[1]) })],
  [/^must be at least (\d+) characters$/, (m) => i18n.t("fieldErrors.tooShort", { min: Number(m[1]) })],
  [/^must be a date \(YYYY-MM-DD\)$/, () => i18n.t("fieldErrors.date")],
  [/^must be a whole number( of days)?$/, () => i18n.t("fieldErrors.wholeNumber")],
  [/^the confidentiality statement must be accepted$/, () => i18n.t("fieldErrors.statement")],
  [/^must not contain control characters$/, () => i18n.t("fieldErrors.controlCharacters")],
  [/^must differ from the current password$/, () => i18n.t("fieldErrors.samePassword")],
  [/^is not your current password$/, () => i18n.t("fieldErrors.notCurrentPassword")],
  // server/auth/passwordChecks.ts
  [/^is one of the most commonly used passwords$/, () => i18n.t("fieldErrors.commonPassword")],
  [/^is a keyboard pattern, a sequence or a repetition$/, () => i18n.t("fieldErrors.patternPassword")],
  [/^is a common word or password with a few characters added$/, () => i18n.t("fieldErrors.commonWordPassword")],
  [/^contains the name of this application \(Tafel\)$/, () => i18n.t("fieldErrors.containsTafel")],
  [/^contains your username$/, () => i18n.t("fieldErrors.containsUsername")],
  [/^contains your name$/, () => i18n.t("fieldErrors.containsName")],
  [/^contains the name of your organisation$/, () => i18n.t("fieldErrors.containsOrganisation")],
];

/** A field message in the person's language when it is a known one, else the server's. */
export function localiseFieldMessage(message: string): string {
  if (currentLanguage() === "en") return message;
  for (const [pattern, translate] of FIELD_MESSAGES) {
    const match = message.match(pattern);
    if (match) return translate(match);
  }
  return message;
}

/** A refusal of the live connection (shared/protocol.ts), in the person's language. */
export function localiseRefusal(refusal: string, message: string): string {
  if (currentLanguage() === "en" || !Object.hasOwn(en.refusals, refusal)) return message;
  return i18n.t(`refusals.${refusal as keyof typeof en.refusals}`);
}
