// Attendance at the open meeting, one row per active participant: the chair records
// present / apologies / information sent; everyone sees who confirmed the statement.
import { useTranslation } from "react-i18next";
import { ATTENDANCE } from "../../../shared/schemas";
import type { MeetingView, ParticipantView } from "../../../shared/types";
import { api } from "../api/tafel";
import { formatDateTime } from "../format/date";
import { useAnnounce } from "../hooks/useAnnounce";
import { useSubmit } from "../hooks/useSubmit";
import { FormError } from "./FormError";

type Attendance = (typeof ATTENDANCE)[number];

function isAttendance(value: string): value is Attendance {
  return (ATTENDANCE as readonly string[]).includes(value);
}

interface Props {
  tableId: string;
  meeting: MeetingView;
  participants: ParticipantView[];
  isChair: boolean;
  onChanged(): void;
}

export function AttendanceTable({ tableId, meeting, participants, isChair, onChanged }: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const record = useSubmit((accountId: string, status: Attendance) => api.recordAttendance(tableId, meeting.id, { accountId, status }));

  const onSelect = async (p: ParticipantView, value: string) => {
    if (!isAttendance(value)) return;
    if (await record.run(p.id, value)) {
      announce(t("meetings.attendanceSaved", { name: p.name, status: t(`attendanceStatuses.${value}`) }));
      onChanged();
    }
  };

  return (
    <section aria-labelledby={`attendance-${meeting.id}`}>
      <h4 id={`attendance-${meeting.id}`}>{t("meetings.attendance")}</h4>
      <FormError message={record.message} />
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("meetings.colPerson")}</th>
              <th scope="col">{t("meetings.colAttendance")}</th>
              <th scope="col">{t("meetings.colConfirmed")}</th>
            </tr>
          </thead>
          <tbody>
            {participants.map((p) => {
              const status = meeting.attendance.find((a) => a.person.id === p.id)?.status;
              const confirmed = meeting.confirmations.find((c) => c.person.id === p.id);
              return (
                <tr key={p.id}>
                  <th scope="row">
                    {p.name} <span className="muted small">{p.organisation}</span>
                  </th>
                  <td>
                    {isChair ? (
                      <select
                        className="input select input-compact"
                        data-testid={`attendance-${p.id}`}
                        aria-label={t("meetings.attendanceFor", { name: p.name })}
                        value={status ?? ""}
                        disabled={record.pending}
                        onChange={(e) => void onSelect(p, e.target.value)}
                      >
                        <option value="" disabled>
                          {t("meetings.notRecorded")}
                        </option>
                        {ATTENDANCE.map((a) => (
                          <option key={a} value={a}>
                            {t(`attendanceStatuses.${a}`)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <span data-testid={`attendance-${p.id}`}>{status ? t(`attendanceStatuses.${status}`) : t("meetings.notRecorded")}</span>
                    )}
                  </td>
                  <td>{confirmed ? t("meetings.confirmedAt", { date: formatDateTime(confirmed.at) }) : t("common.none")}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
