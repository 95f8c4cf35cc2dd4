// Two (or more) buttons in the header, each naming its language in that language
// (with `lang`, so a screen reader pronounces it right). Signed in, the choice is kept
// on the account; signed out, in this browser until the person signs in.
import { useTranslation } from "react-i18next";
import { LOCALES, type Locale } from "../../../shared/schemas";
import { savePreferences } from "../api/preferences";
import { errorMessage } from "../api/http";
import { applyLanguage, currentLanguage, ENDONYMS, LOCALE_TAGS, storeLanguage } from "../i18n/language";
import { setPendingChoice } from "../i18n/pendingChoice";
import { useNotice } from "../hooks/useNotice";
import { useSession } from "../hooks/useSession";

export function LanguageSwitch() {
  const { t } = useTranslation(); // re-renders on a language change
  const { state } = useSession();
  const { show } = useNotice();
  const current = currentLanguage();

  const choose = async (locale: Locale) => {
    if (locale === current) return;
    applyLanguage(locale);
    storeLanguage(locale);
    if (state.status !== "signed-in") {
      setPendingChoice(locale);
      return;
    }
    try {
      await savePreferences({ locale });
    } catch (err) {
      show(t("language.notSaved", { message: errorMessage(err) }));
    }
  };

  return (
    <div className="language-switch" role="group" aria-label={t("language.label")} data-testid="language-switch">
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={LOCALE_TAGS[locale]}
          className="language-option"
          aria-pressed={locale === current}
          data-testid={`language-${locale}`}
          onClick={() => void choose(locale)}
        >
          {ENDONYMS[locale]}
        </button>
      ))}
    </div>
  );
}
