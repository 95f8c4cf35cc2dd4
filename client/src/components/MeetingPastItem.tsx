// A meeting whose minutes are final: its summary, and my copy of the minutes on demand
// (asking for it is logged as a distribution to me, so it is not fetched unasked).
import { Suspense, lazy, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ActionView, AuthoredFragmentView, MeetingView } from "../../../shared/types";
import { formatDateTime } from "../format/date";

// Rendering minutes needs Yjs: loaded when a copy is first asked for.
const MinutesCopyView = lazy(() => import("./MinutesCopyView").then((m) => ({ default: m.MinutesCopyView })));

interface Props {
  tableId: string;
  caseCode: string;
  meeting: MeetingView;
  readerName: string;
  released: readonly AuthoredFragmentView[];
  actions: ActionView[];
}

export function MeetingPastItem({ tableId, caseCode, meeting, readerName, released, actions }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const minutes = meeting.minutes;
  return (
    <article className="item" data-testid={`meeting-${meeting.id}`} aria-labelledby={`meeting-title-${meeting.id}`}>
      <div className="item-head">
        <h3 id={`meeting-title-${meeting.id}`} className="item-title">
          {t("meetings.meetingTitle", { n: meeting.number })}
        </h3>
        <span className="badge badge-success">{t("meetings.finalised")}</span>
      </div>
      <p className="muted small">{t("meetings.openedBy", { date: formatDateTime(meeting.openedAt), name: meeting.openedBy.name })}</p>
      {minutes ? (
        <p className="muted small">
          {t("meetings.finalisedOn", { version: minutes.version, date: formatDateTime(minutes.finalisedAt), name: minutes.finalisedBy.name })}
        </p>
      ) : null}
      <div className="item-actions">
        <button
          type="button"
          className="button button-secondary"
          data-testid={`minutes-copy-${meeting.id}`}
          aria-expanded={open}
          aria-label={open ? t("meetings.hideCopy") : t("meetings.copyAria", { n: meeting.number })}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? t("meetings.hideCopy") : t("meetings.copy")}
        </button>
      </div>
      {open ? (
        <Suspense fallback={<p className="muted">{t("minutes.loading")}</p>}>
          <MinutesCopyView tableId={tableId} meetingId={meeting.id} caseCode={caseCode} readerName={readerName} released={released} actions={actions} />
        </Suspense>
      ) : null}
    </article>
  );
}
