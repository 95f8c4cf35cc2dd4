// Who has the board open now (names as the server verified them).
import { useTranslation } from "react-i18next";
import { caretClass } from "../format/caretColor";
import type { PresentPerson } from "../hooks/usePresence";

export function BoardPresence({ people, testId }: { people: PresentPerson[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <section className="presence" aria-labelledby={`${testId}-heading`}>
      <h3 id={`${testId}-heading`} className="presence-title">
        {t("board.presence")}
      </h3>
      <ul className="presence-list" data-testid={testId}>
        {people.map((p) => (
          <li key={p.id} className="presence-person" data-account={p.id}>
            <span className={`presence-dot ${caretClass(p.color)}`} aria-hidden="true" />
            <span>
              {p.name}
              {p.self ? <span className="muted"> {t("collab.you")}</span> : null}
              {p.organisation ? <span className="muted small presence-org">{p.organisation}</span> : null}
            </span>
          </li>
        ))}
      </ul>
      {people.length <= 1 ? <p className="muted small">{t("board.presenceEmpty")}</p> : null}
    </section>
  );
}
