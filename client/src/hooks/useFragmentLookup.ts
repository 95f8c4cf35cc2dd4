// What this reader may see behind a fragment reference on the board: fragments released
// to me (the realtime deliveries held in memory) and fragments I released myself.
// Nothing else: a reference to anything else reads "[not released to you]". The board
// itself only ever holds the id.
import { createContext, useContext, useMemo } from "react";
import type { AuthoredFragmentView } from "../../../shared/types";
import type { ReceivedItem } from "./useRealtimeTable";

export interface KnownFragment {
  id: string;
  title: string;
  body: string;
  authorName: string;
  mine: boolean;
  releasedAt: string;
}

export interface FragmentLookup {
  get(fragmentId: string): KnownFragment | undefined;
  /** Newest first. */
  list: KnownFragment[];
  /** A received fragment is on screen: the "opened" receipt. */
  shown(fragmentId: string): void;
}

const EMPTY: FragmentLookup = { get: () => undefined, list: [], shown: () => {} };

export const FragmentLookupContext = createContext<FragmentLookup>(EMPTY);

export function useFragmentLookup(): FragmentLookup {
  return useContext(FragmentLookupContext);
}

export function useFragmentIndex(
  received: readonly ReceivedItem[],
  released: readonly AuthoredFragmentView[] | undefined,
  myName: string,
  shown: (fragmentId: string) => void,
): FragmentLookup {
  return useMemo(() => {
    const byId = new Map<string, KnownFragment>();
    for (const f of released ?? []) {
      byId.set(f.id, { id: f.id, title: f.title, body: f.body, authorName: myName, mine: true, releasedAt: f.releasedAt });
    }
    for (const { fragment: f } of received) {
      byId.set(f.id, { id: f.id, title: f.title, body: f.body, authorName: f.author.name, mine: false, releasedAt: f.releasedAt });
    }
    const list = [...byId.values()].sort((a, b) => b.releasedAt.localeCompare(a.releasedAt));
    return { get: (id: string) => byId.get(id), list, shown };
  }, [received, released, myName, shown]);
}
