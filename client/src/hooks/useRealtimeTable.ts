// The live side of a table: fragments released to me (held in memory only, never in
// storage), their removal on revocation, change notices, the end of my access, and
// "opened" receipts when a fragment is actually shown.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { openTable, reportOpened, type ConnectionStatus } from "../api/realtime";
import type { ChangeTopic, Refusal } from "../../../shared/protocol";
import type { ReceivedFragmentView } from "../../../shared/types";
import { useAnnounce } from "./useAnnounce";

export interface ReceivedItem {
  deliveryId: string;
  fragment: ReceivedFragmentView;
}

export interface RealtimeTable {
  status: ConnectionStatus;
  /** Newest release first. */
  received: ReceivedItem[];
  /** Fragment ids shown to the person on this page. */
  opened: ReadonlySet<string>;
  /** Call when a received fragment is on screen; reports "opened" once per page load. */
  shown(fragmentId: string): void;
}

interface Options {
  onChanged(topics: ChangeTopic[]): void;
  onAccessEnded(refusal: Refusal): void;
}

const ANNOUNCE_BATCH_MS = 400;

export function useRealtimeTable(tableId: string | null, options: Options): RealtimeTable {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [status, setStatus] = useState<ConnectionStatus>({ kind: "connecting" });
  const [received, setReceived] = useState<ReadonlyMap<string, ReceivedItem>>(new Map());
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());
  const current = useRef(received);
  useLayoutEffect(() => {
    current.current = received;
  }, [received]);
  const callbacks = useRef(options);
  useEffect(() => {
    callbacks.current = options;
  });

  useEffect(() => {
    if (!tableId) return;
    setReceived(new Map());
    setOpened(new Set());
    // Fragments seen during this mount: a re-delivery after a reconnect is not "new".
    const known = new Set<string>();
    let batch: ReceivedFragmentView[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const [first] = batch;
      if (batch.length === 1 && first) announce(t("received.announceOne", { title: first.title, name: first.author.name }));
      else if (batch.length > 1) announce(t("received.announceMany", { count: batch.length }));
      batch = [];
    };

    const close = openTable(tableId, {
      onOpen: () => {
        // Re-opening re-delivers everything still released to me; anything that was
        // revoked while the connection was down simply does not come back.
        setReceived(new Map());
      },
      onDeliver: ({ deliveryId, fragment }) => {
        setReceived((prev) => new Map(prev).set(fragment.id, { deliveryId, fragment }));
        if (known.has(fragment.id)) return;
        known.add(fragment.id);
        batch.push(fragment);
        timer ??= setTimeout(flush, ANNOUNCE_BATCH_MS);
      },
      onRevoked: (fragmentId) => {
        const gone = current.current.get(fragmentId);
        known.delete(fragmentId);
        setReceived((prev) => {
          if (!prev.has(fragmentId)) return prev;
          const next = new Map(prev);
          next.delete(fragmentId);
          return next;
        });
        if (gone) announce(t("received.announceRevoked", { title: gone.fragment.title }));
      },
      onChanged: (topics) => callbacks.current.onChanged(topics),
      onAccessEnded: (refusal) => callbacks.current.onAccessEnded(refusal),
      onStatus: setStatus,
    });
    return () => {
      if (timer) clearTimeout(timer);
      close();
      // Nothing received outlives the table view.
      setReceived(new Map());
    };
  }, [tableId, announce, t]);

  const shown = useCallback(
    (fragmentId: string) => {
      const item = current.current.get(fragmentId);
      if (!item || !tableId) return;
      reportOpened(tableId, fragmentId, item.deliveryId);
      setOpened((prev) => (prev.has(fragmentId) ? prev : new Set(prev).add(fragmentId)));
    },
    [tableId],
  );

  const list = [...received.values()].sort((a, b) => b.fragment.releasedAt.localeCompare(a.fragment.releasedAt));
  return { status, received: list, opened, shown };
}
