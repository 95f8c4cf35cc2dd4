// "Meetings": the open meeting (or, for the chair, opening one), the actions, and the
// meetings whose minutes are final with my copy of each.
import { useTranslation } from "react-i18next";
import type { ActionView, AuthoredFragmentView, MeetingView, TableView } from "../../../shared/types";
import { useAnnounce } from "../hooks/useAnnounce";
import type { Resource } from "../hooks/useResource";
import { ActionsSection } from "./ActionsSection";
import { FormError } from "./FormError";
import { MeetingCurrent } from "./MeetingCurrent";
import { MeetingOpenForm } from "./MeetingOpenForm";
import { MeetingPastItem } from "./MeetingPastItem";

interface Props {
  table: TableView;
  meetings: Resource<MeetingView[]>;
  actions: Resource<ActionView[]>;
  released: readonly AuthoredFragmentView[];
  me: { id: string; name: string };
}

export function MeetingsPanel({ table, meetings, actions, released, me }: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const isChair = table.me.role === "chair";
  const participants = table.participants.filter((p) => p.state === "active");
  const list = [...(meetings.data ?? [])].sort((a, b) => b.number - a.number);
  const current = list.find((m) => !m.minutes);
  const past = list.filter((m) => m.minutes);
  const reload = () => {
    void meetings.reload();
    void actions.reload();
  };

  return (
    <div className="panel">
      <div className="panel-intro">
        <h2>{t("meetings.title")}</h2>
        <p className="muted">{t("meetings.intro")}</p>
      </div>
      <FormError message={meetings.error?.message} />
      {current ? (
        <MeetingCurrent
          tableId={table.id}
          meeting={current}
          participants={participants}
          actions={actions.data ?? []}
          meId={me.id}
          isChair={isChair}
          onChanged={reload}
        />
      ) : isChair ? (
        <div className="card card-padded card-flat">
          <MeetingOpenForm
            tableId={table.id}
            onOpened={(m) => {
              announce(t("meetings.opened", { n: m.number }));
              reload();
            }}
          />
        </div>
      ) : list.length === 0 && !meetings.loading ? (
        <p className="empty">{t("meetings.empty")}</p>
      ) : null}
      <ActionsSection tableId={table.id} actions={actions} participants={participants} meId={me.id} isChair={isChair} />
      {past.length > 0 ? (
        <ul className="items" data-testid="meetings-past">
          {past.map((m) => (
            <li key={m.id}>
              <MeetingPastItem tableId={table.id} caseCode={table.caseCode} meeting={m} readerName={me.name} released={released} actions={actions.data ?? []} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
