// My copy of a meeting's finalised minutes: fetched once (each fetch is logged as a
// distribution to me), then rendered here, resolving each fragment reference through
// the fragment API — which answers, and logs, only what was released to me. Fragments
// I released myself come from my own list.
import { useEffect, useState } from "react";
import { renderMinutes, type RenditionBlock } from "../../../shared/minutes";
import type { AuthoredFragmentView, MinutesCopyView } from "../../../shared/types";
import { fromBase64 } from "../../../server/log/treeHead.js";
import { ApiRequestError, errorMessage } from "../api/http";
import { api } from "../api/tafel";

export interface MinutesCopy {
  copy: MinutesCopyView | null;
  blocks: RenditionBlock[] | null;
  error: string | null;
}

export function useMinutesCopy(tableId: string, meetingId: string, released: readonly AuthoredFragmentView[], myName: string): MinutesCopy {
  const [state, setState] = useState<MinutesCopy>({ copy: null, blocks: null, error: null });
  // Read once, at the moment the copy is asked for.
  const [mine] = useState(() => new Map(released.map((f) => [f.id, f])));

  useEffect(() => {
    let cancelled = false;
    const run = async () => {
      try {
        const copy = await api.minutesCopy(tableId, meetingId);
        if (cancelled) return;
        setState({ copy, blocks: null, error: null });
        const blocks = await renderMinutes(fromBase64(copy.boardState), async (fragmentId) => {
          const own = mine.get(fragmentId);
          if (own) return { title: own.title, body: own.body, author: myName };
          try {
            const { fragment } = await api.fragment(tableId, fragmentId);
            return { title: fragment.title, body: fragment.body, author: `${fragment.author.name} (${fragment.author.organisation})` };
          } catch (err) {
            if (err instanceof ApiRequestError && (err.status === 404 || err.status === 403)) return null;
            throw err;
          }
        });
        if (!cancelled) setState({ copy, blocks, error: null });
      } catch (err) {
        if (!cancelled) setState((s) => ({ ...s, error: errorMessage(err) }));
      }
    };
    void run();
    return () => {
      cancelled = true;
    };
  }, [tableId, meetingId, mine, myName]);

  return state;
}
