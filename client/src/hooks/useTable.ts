// Everything the table view reads over REST, each a resource that `refresh(topics)`
// reloads when the server says that topic changed.
import { useCallback } from "react";
import { api } from "../api/tafel";
import type { ChangeTopic } from "../../../shared/protocol";
import type { ActionView, AuthoredFragmentView, DeclineView, MeetingView, DraftView, FeedbackSheetView, LogView, TableView } from "../../../shared/types";
import { useResource, type Resource } from "./useResource";

export interface TableData {
  table: Resource<TableView>;
  drafts: Resource<DraftView[]>;
  released: Resource<AuthoredFragmentView[]>;
  declines: Resource<DeclineView[]>;
  log: Resource<LogView>;
  feedback: Resource<FeedbackSheetView[]>;
  meetings: Resource<MeetingView[]>;
  actions: Resource<ActionView[]>;
  refresh(topics: ChangeTopic[]): void;
}

export function useTable(tableId: string): TableData {
  const table = useResource(`table:${tableId}`, () => api.table(tableId));
  // The rest waits for the table itself: if it is refused, nothing else is asked for.
  const ready = table.data?.id === tableId ? tableId : null;
  const drafts = useResource(ready && `drafts:${ready}`, () => api.drafts(tableId));
  const released = useResource(ready && `released:${ready}`, () => api.released(tableId));
  const declines = useResource(ready && `declines:${ready}`, () => api.declines(tableId));
  const log = useResource(ready && `log:${ready}`, () => api.log(tableId));
  const feedback = useResource(ready && `feedback:${ready}`, () => api.feedbackSheets(tableId));
  const meetings = useResource(ready && `meetings:${ready}`, () => api.meetings(tableId));
  const actions = useResource(ready && `actions:${ready}`, () => api.actions(tableId));

  const reloadTable = table.reload;
  const reloadReleased = released.reload;
  const reloadDeclines = declines.reload;
  const reloadLog = log.reload;
  const reloadFeedback = feedback.reload;
  const reloadMeetings = meetings.reload;
  const reloadActions = actions.reload;
  const refresh = useCallback(
    (topics: ChangeTopic[]) => {
      for (const topic of new Set(topics)) {
        switch (topic) {
          case "participants":
            void reloadTable();
            // Who is awaited on a feedback sheet follows who is at the table.
            void reloadFeedback();
            break;
          case "fragments":
            void reloadReleased();
            break;
          case "declines":
            void reloadDeclines();
            break;
          case "log":
            void reloadLog();
            // Feedback sheets change with a logged step (drafted, approved, sent), and
            // so do meetings and actions.
            void reloadFeedback();
            void reloadMeetings();
            void reloadActions();
            break;
        }
      }
    },
    [reloadTable, reloadReleased, reloadDeclines, reloadLog, reloadFeedback, reloadMeetings, reloadActions],
  );

  return { table, drafts, released, declines, log, feedback, meetings, actions, refresh };
}
