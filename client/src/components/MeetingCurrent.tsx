// The open meeting: agenda with its decisions, attendance, my confirmation of the
// confidentiality statement, the review list (open actions carried over), and, for
// the chair, recording decisions and finalising the minutes.
import { useTranslation } from "react-i18next";
import type { ActionView, MeetingView, ParticipantView } from "../../../shared/types";
import { formatDateTime } from "../format/date";
import { ActionItem } from "./ActionItem";
import { AttendanceTable } from "./AttendanceTable";
import { DecisionForm } from "./DecisionForm";
import { DecisionsList } from "./DecisionsList";
import { MeetingConfirm } from "./MeetingConfirm";
import { MeetingFinalise } from "./MeetingFinalise";

interface Props {
  tableId: string;
  meeting: MeetingView;
  participants: ParticipantView[];
  actions: ActionView[];
  meId: string;
  isChair: boolean;
  onChanged(): void;
}

export function MeetingCurrent({ tableId, meeting, participants, actions, meId, isChair, onChanged }: Props) {
  const { t } = useTranslation();
  const present = meeting.attendance.find((a) => a.person.id === meId)?.status === "present";
  const confirmed = meeting.confirmations.some((c) => c.person.id === meId);
  const review = meeting.review.map((id) => actions.find((a) => a.id === id)).filter((a): a is ActionView => a !== undefined);

  return (
    <article className="card card-padded meeting meeting-open" data-testid={`meeting-${meeting.id}`} aria-labelledby={`meeting-title-${meeting.id}`}>
      <header className="item-head">
        <h3 id={`meeting-title-${meeting.id}`}>{t("meetings.meetingTitle", { n: meeting.number })}</h3>
        <span className="badge badge-accent">{t("meetings.current")}</span>
      </header>
      <p className="muted small">{t("meetings.openedBy", { date: formatDateTime(meeting.openedAt), name: meeting.openedBy.name })}</p>
      {present && !confirmed ? <MeetingConfirm tableId={tableId} meeting={meeting} onChanged={onChanged} /> : null}
      {present && confirmed ? <p className="meeting-confirmed">
          <span className="chip chip-ok">{t("meetings.confirmed")}</span>
        </p> : null}
      <section aria-labelledby={`agenda-h-${meeting.id}`}>
        <h4 id={`agenda-h-${meeting.id}`}>{t("meetings.agenda")}</h4>
        <DecisionsList meeting={meeting} />
        {meeting.decisions.length === 0 ? <p className="muted small">{t("meetings.noDecisions")}</p> : null}
      </section>
      {isChair ? (
        <section className="card card-padded card-flat" aria-labelledby={`decision-h-${meeting.id}`}>
          <h4 id={`decision-h-${meeting.id}`}>{t("meetings.decisions")}</h4>
          <DecisionForm tableId={tableId} meeting={meeting} onSaved={onChanged} />
        </section>
      ) : null}
      <AttendanceTable tableId={tableId} meeting={meeting} participants={participants} isChair={isChair} onChanged={onChanged} />
      <section aria-labelledby={`review-h-${meeting.id}`}>
        <h4 id={`review-h-${meeting.id}`}>{t("meetings.review")}</h4>
        {review.length === 0 ? (
          <p className="muted small">{t("meetings.reviewEmpty")}</p>
        ) : (
          <ul className="items" data-testid={`meeting-review-${meeting.id}`}>
            {review.map((a) => (
              <li key={a.id}>
                <ActionItem tableId={tableId} action={a} mayChange={isChair || a.owner.id === meId} onChanged={onChanged} />
              </li>
            ))}
          </ul>
        )}
      </section>
      {isChair ? <MeetingFinalise tableId={tableId} meeting={meeting} onFinalised={onChanged} /> : null}
    </article>
  );
}
