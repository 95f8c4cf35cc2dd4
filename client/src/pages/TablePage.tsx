// `/tables/:id`: one case table — my drafts, what I received, what I released and its
// path, the participants, recorded declines, and the log. The log is verified in the
// background as soon as the table opens; a failure raises an alarm above everything.
import { useCallback, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { AuthoredFragmentView, DraftView } from "../../../shared/types";
import { DeclinesPanel } from "../components/DeclinesPanel";
import { DraftsPanel } from "../components/DraftsPanel";
import { FeedbackPanel } from "../components/FeedbackPanel";
import { FormError } from "../components/FormError";
import { Link } from "../components/Link";
import { LogAlarm } from "../components/LogAlarm";
import { LogPanel } from "../components/LogPanel";
import { ParticipantsPanel } from "../components/ParticipantsPanel";
import { ReceivedPanel } from "../components/ReceivedPanel";
import { ReleaseDialog } from "../components/ReleaseDialog";
import { ReleasedPanel } from "../components/ReleasedPanel";
import { TableHeader } from "../components/TableHeader";
import { Tabs, type TabDef } from "../components/Tabs";
import { useAnnounce } from "../hooks/useAnnounce";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useLogVerification } from "../hooks/useLogVerification";
import { navigate } from "../hooks/useLocation";
import { useNotice } from "../hooks/useNotice";
import { useRealtimeTable } from "../hooks/useRealtimeTable";
import { useTable } from "../hooks/useTable";

const TABS = ["drafts", "received", "released", "participants", "declines", "feedback", "log"] as const;
type TabId = (typeof TABS)[number];

export function TablePage({ tableId }: { tableId: string }) {
  const { t } = useTranslation();
  const { show } = useNotice();
  const announce = useAnnounce();
  const data = useTable(tableId);
  const table = data.table.data?.id === tableId ? data.table.data : undefined;
  useDocumentTitle(table?.caseCode ?? null);

  const onAccessEnded = useCallback(() => {
    show(t("notices.accessEnded"));
    navigate("/", { replace: true });
  }, [show, t]);
  const realtime = useRealtimeTable(table ? tableId : null, { onChanged: data.refresh, onAccessEnded });
  const verification = useLogVerification(tableId, data.log.data);

  const [tab, setTab] = useState<TabId>("drafts");
  const [releasing, setReleasing] = useState<{ draft: DraftView; opener: HTMLElement } | null>(null);

  if (!table) {
    return (
      <section className="page page-narrow">
        <p className="breadcrumb">
          <Link to="/">{t("common.backToTables")}</Link>
        </p>
        {data.table.error ? (
          <div className="card card-padded">
            <h1>{t("table.loadFailed")}</h1>
            <FormError message={data.table.error.message} />
          </div>
        ) : (
          <p className="muted">{t("app.loading")}</p>
        )}
      </section>
    );
  }

  const unread = realtime.received.filter((r) => !realtime.opened.has(r.fragment.id)).length;
  const tabs: TabDef<TabId>[] = TABS.map((id) => {
    if (id === "received" && unread > 0 && tab !== "received") {
      return {
        id,
        label: (
          <>
            {t("tabs.received")}
            <span className="tab-count" aria-hidden="true">
              {unread}
            </span>
          </>
        ),
        ariaLabel: t("tabs.receivedUnread", { count: unread }),
      };
    }
    return { id, label: t(`tabs.${id}`) };
  });

  const onReleased = (fragment: AuthoredFragmentView) => {
    setReleasing(null);
    announce(t("release.done", { title: fragment.title, count: fragment.recipients.length }));
    void data.released.reload();
    void data.log.reload();
    // The released draft leaves the list, and with it the button that had focus.
    void data.drafts.reload().then(() => {
      if (document.activeElement === document.body) document.getElementById("table-tab-drafts")?.focus();
    });
  };

  const panels: Record<TabId, ReactNode> = {
    drafts: <DraftsPanel tableId={tableId} drafts={data.drafts} onRelease={(draft, opener) => setReleasing({ draft, opener })} />,
    received: <ReceivedPanel realtime={realtime} />,
    released: <ReleasedPanel tableId={tableId} released={data.released} commitments={verification.verification.commitments} />,
    participants: <ParticipantsPanel table={table} onChanged={() => void data.table.reload()} />,
    declines: <DeclinesPanel tableId={tableId} declines={data.declines} />,
    feedback: <FeedbackPanel table={table} sheets={data.feedback} />,
    log: <LogPanel tableId={tableId} log={data.log} persons={table.personsConcerned} verification={verification} />,
  };

  return (
    <section className="page page-wide">
      {verification.alarm ? <LogAlarm alarm={verification.alarm} onDismiss={verification.dismiss} /> : null}
      <p className="breadcrumb">
        <Link to="/">{t("common.backToTables")}</Link>
      </p>
      <TableHeader table={table} status={realtime.status} />
      <Tabs<TabId> tabs={tabs} active={tab} onChange={setTab} label={t("table.sections")} idPrefix="table" panels={panels} />
      {releasing ? (
        <ReleaseDialog
          table={table}
          draft={releasing.draft}
          opener={releasing.opener}
          fallbackFocusId="table-tab-drafts"
          onClose={() => setReleasing(null)}
          onReleased={onReleased}
        />
      ) : null}
    </section>
  );
}
