// A meeting's decisions, under the agenda item they belong to.
import { useTranslation } from "react-i18next";
import type { MeetingView } from "../../../shared/types";
import { formatDateTime } from "../format/date";

export function DecisionsList({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const general = meeting.decisions.filter((d) => d.agendaItem === undefined);
  return (
    <ol className="agenda-list" data-testid={`agenda-${meeting.id}`}>
      {meeting.agenda.map((item, i) => {
        const decisions = meeting.decisions.filter((d) => d.agendaItem === i);
        return (
          <li key={i} className="agenda-item">
            <span className="agenda-title">{item}</span>
            {decisions.length > 0 ? (
              <ul className="decisions">
                {decisions.map((d) => (
                  <li key={d.id} className="decision" data-testid={`decision-${d.id}`}>
                    <p>{d.text}</p>
                    <p className="muted small">{`${d.by.name}, ${formatDateTime(d.at)}`}</p>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
      {general.length > 0 ? (
        <li className="agenda-item agenda-item-general">
          <span className="agenda-title">{t("meetings.decisionGeneral")}</span>
          <ul className="decisions">
            {general.map((d) => (
              <li key={d.id} className="decision" data-testid={`decision-${d.id}`}>
                <p>{d.text}</p>
                <p className="muted small">{`${d.by.name}, ${formatDateTime(d.at)}`}</p>
              </li>
            ))}
          </ul>
        </li>
      ) : null}
    </ol>
  );
}
