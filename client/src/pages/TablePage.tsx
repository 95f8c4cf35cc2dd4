// `/tables/:id`: one case table — my drafts and notebook, what I received, what I
// released and its path, the shared board (minutes), meetings and actions, the
// participants, recorded declines, and the log. The log is verified in the
// background as soon as the table opens; a failure raises an alarm above everything.
import type { Editor } from "@tiptap/core";
import { Suspense, lazy, useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { AuthoredFragmentView, DraftView } from "../../../shared/types";
import { lifecycleApi } from "../api/lifecycle";
import { CasePanel } from "../components/CasePanel";
import { CaseSummary } from "../components/CaseSummary";
import { DeclinesPanel } from "../components/DeclinesPanel";
import { DraftsPanel } from "../components/DraftsPanel";
import { FeedbackPanel } from "../components/FeedbackPanel";
import { FormError } from "../components/FormError";
import { Link } from "../components/Link";
import { LogAlarm } from "../components/LogAlarm";
import { LogPanel } from "../components/LogPanel";
import { MeetingsPanel } from "../components/MeetingsPanel";
import { ParticipantsPanel } from "../components/ParticipantsPanel";
import { ReceivedPanel } from "../components/ReceivedPanel";
import { ExpiredFragments } from "../components/ExpiredFragments";
import { RetentionReview } from "../components/RetentionReview";
import { RiskPanel } from "../components/RiskPanel";
import { ReleaseDialog } from "../components/ReleaseDialog";
import { ReleasedPanel } from "../components/ReleasedPanel";
import { TableHeader } from "../components/TableHeader";
import { RateLimitedNotice } from "../components/RateLimitedNotice";
import { Tabs, type TabDef } from "../components/Tabs";
import { useAnnounce } from "../hooks/useAnnounce";
import { FragmentLookupContext, useFragmentIndex } from "../hooks/useFragmentLookup";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useLogVerification } from "../hooks/useLogVerification";
import { navigate } from "../hooks/useLocation";
import { useNotice } from "../hooks/useNotice";
import { useRealtimeTable } from "../hooks/useRealtimeTable";
import { useSession, useSignedIn } from "../hooks/useSession";
import { useTable } from "../hooks/useTable";
import { useResource } from "../hooks/useResource";

// The editors (TipTap, Yjs) load on their own, after the rest of the table view.
const BoardPanel = lazy(() => import("../components/BoardPanel").then((m) => ({ default: m.BoardPanel })));
const NotebookPanel = lazy(() => import("../components/NotebookPanel").then((m) => ({ default: m.NotebookPanel })));

const TABS = ["drafts", "notebook", "received", "released", "risk", "board", "meetings", "participants", "declines", "feedback", "retention", "log", "case"] as const;
type TabId = (typeof TABS)[number];

export function TablePage({ tableId }: { tableId: string }) {
  const { t } = useTranslation();
  const { show } = useNotice();
  const announce = useAnnounce();
  const session = useSignedIn();
  const { ended } = useSession();
  const data = useTable(tableId);
  // The case file (issue 9): status, track, review; at a triage table, its referral queue.
  const caseFile = useResource(`case:${tableId}`, () => lifecycleApi.caseFile(tableId));
  const table = data.table.data?.id === tableId ? data.table.data : undefined;
  useDocumentTitle(table?.caseCode ?? null);

  const onAccessEnded = useCallback(() => {
    show(t("notices.accessEnded"));
    navigate("/", { replace: true });
  }, [show, t]);
  const realtime = useRealtimeTable(table ? tableId : null, { onChanged: (topics) => { data.refresh(topics); void caseFile.reload(); }, onAccessEnded });
  const verification = useLogVerification(tableId, data.log.data);

  // Until the person picks a tab: a triage table opens on its referrals, any other on drafts.
  const [chosenTab, setTab] = useState<TabId | null>(null);
  const tab: TabId = chosenTab ?? (caseFile.data?.kind === "triage" ? "case" : "drafts");
  const account = session.account;
  const me = { id: account.id, name: account.name, organisation: account.organisation.name };
  const fragments = useFragmentIndex(realtime.received, data.released.data, account.name, realtime.shown);
  const boardEditor = useRef<Editor | null>(null);
  const onBoardEditor = useCallback((editor: Editor | null) => {
    boardEditor.current = editor;
  }, []);
  const [releasing, setReleasing] = useState<{ draft: DraftView; opener: HTMLElement } | null>(null);
  // A released draft leaves the list, and with it the button that had focus: once the
  // list without it is on screen, focus goes to the drafts tab instead of <body>.
  const refocusAfterRelease = useRef(false);
  const drafts = data.drafts.data;
  useEffect(() => {
    if (!refocusAfterRelease.current) return;
    refocusAfterRelease.current = false;
    if (document.activeElement === null || document.activeElement === document.body) document.getElementById("table-tab-drafts")?.focus();
  }, [drafts]);

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
  // The retention review is the chair's (policies/retention.ts).
  const tabs: TabDef<TabId>[] = TABS.filter((id) => id !== "retention" || table.me.role === "chair").map((id) => {
    if (id === "received" && unread > 0 && tab !== "received") {
      return {
        id,
        // The name starts with the visible text (WCAG 2.5.3 label in name), so a person
        // using speech input can say what they see; the hint follows for screen readers.
        label: (
          <>
            {t("tabs.received")}{" "}
            <span className="tab-count">{unread}</span>
            <span className="visually-hidden"> {t("tabs.unreadHint")}</span>
          </>
        ),
      };
    }
    if (id === "case" && caseFile.data?.kind === "triage") return { id, label: t("tabs.triage") };
    return { id, label: t(`tabs.${id}`) };
  });

  // "Reference in minutes" on a received fragment: its id goes on the board at the cursor.
  const referenceInMinutes = (fragmentId: string) => {
    setTab("board");
    requestAnimationFrame(() => boardEditor.current?.chain().focus().insertFragmentRef(fragmentId).run());
  };

  const onReleased = (fragment: AuthoredFragmentView) => {
    setReleasing(null);
    announce(t("release.done", { title: fragment.title, count: fragment.recipients.length }));
    void data.released.reload();
    void data.log.reload();
    refocusAfterRelease.current = true;
    void data.drafts.reload();
  };

  const panels: Record<TabId, ReactNode> = {
    drafts: <DraftsPanel tableId={tableId} drafts={data.drafts} persons={table.personsConcerned} onRelease={(draft, opener) => setReleasing({ draft, opener })} />,
    notebook: (
      <Suspense fallback={<p className="muted">{t("app.loading")}</p>}>
        <NotebookPanel tableId={tableId} me={me} onDraftMade={() => void data.drafts.reload()} onAccessEnded={onAccessEnded} onSessionEnded={ended} />
      </Suspense>
    ),
    received: (
      <>
        <ReceivedPanel realtime={realtime} onReference={referenceInMinutes} />
        <ExpiredFragments tableId={tableId} version={data.log.data?.size} />
      </>
    ),
    risk: <RiskPanel persons={table.personsConcerned} received={realtime.received.map((r) => r.fragment)} released={data.released.data} />,
    retention: <RetentionReview tableId={tableId} />,
    board: (
      <Suspense fallback={<p className="muted">{t("app.loading")}</p>}>
        <BoardPanel tableId={tableId} me={me} onEditor={onBoardEditor} onAccessEnded={onAccessEnded} onSessionEnded={ended} />
      </Suspense>
    ),
    meetings: <MeetingsPanel table={table} meetings={data.meetings} actions={data.actions} released={data.released.data ?? []} me={me} />,
    released: <ReleasedPanel tableId={tableId} released={data.released} commitments={verification.verification.commitments} />,
    participants: <ParticipantsPanel table={table} onChanged={() => void data.table.reload()} />,
    declines: <DeclinesPanel tableId={tableId} declines={data.declines} />,
    feedback: <FeedbackPanel table={table} sheets={data.feedback} />,
    log: <LogPanel tableId={tableId} log={data.log} persons={table.personsConcerned} verification={verification} />,
    case: <CasePanel table={table} caseFile={caseFile} version={String(data.log.data?.size ?? 0)} />,
  };

  return (
    <section className="page page-wide">
      {verification.alarm ? <LogAlarm alarm={verification.alarm} onDismiss={verification.dismiss} /> : null}
      <p className="breadcrumb">
        <Link to="/">{t("common.backToTables")}</Link>
      </p>
      <TableHeader table={table} status={realtime.status} />
      <RateLimitedNotice />
      <CaseSummary view={caseFile.data} />
      <FragmentLookupContext value={fragments}>
        <Tabs<TabId> tabs={tabs} active={tab} onChange={setTab} label={t("table.sections")} idPrefix="table" panels={panels} />
      </FragmentLookupContext>
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
