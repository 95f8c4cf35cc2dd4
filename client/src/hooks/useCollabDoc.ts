// One Yjs document on /collab, for as long as the screen showing it is mounted: the
// connection, its status, and what the server's close codes mean for this screen.
// y-websocket keeps the document in memory while offline and merges on reconnect.
import { useCallback, useEffect, useRef, useState } from "react";
import { COLLAB_CLOSE } from "../../../shared/collab";
import { connectCollab, disconnectCollab, type CollabConnection } from "../api/collab";
import { isFinalClose } from "../format/collabClose";

export type CollabStatus =
  | { kind: "connecting" }
  | { kind: "syncing" }
  | { kind: "live" }
  | { kind: "offline" }
  | { kind: "reconnecting"; code: number }
  | { kind: "closed"; code: number };

export interface CollabDoc {
  connection: CollabConnection | null;
  /** Changes every time the document is opened afresh (the editor is rebuilt for it). */
  generation: number;
  status: CollabStatus;
  /** The server refused a change (4423): the editor is read-only from then on. */
  readOnly: boolean;
  /** After a final close that may pass (rate limit, a bad frame): try again. */
  reconnect(): void;
}

interface Handlers {
  /** 4403: removed from the table, or access otherwise ended. */
  onAccessEnded(): void;
  /** 4401: the session is gone. */
  onSessionEnded(): void;
}

export function useCollabDoc(docName: string | null, handlers: Handlers): CollabDoc {
  const [connection, setConnection] = useState<CollabConnection | null>(null);
  const [generation, setGeneration] = useState(0);
  const [status, setStatus] = useState<CollabStatus>({ kind: "connecting" });
  const [readOnly, setReadOnly] = useState(false);
  const callbacks = useRef(handlers);
  useEffect(() => {
    callbacks.current = handlers;
  });

  useEffect(() => {
    if (!docName) return;
    const conn = connectCollab(docName);
    const { provider } = conn;
    setConnection(conn);
    setStatus({ kind: "connecting" });
    let lastClose: number | null = null;

    const onStatus = ({ status: s }: { status: "connected" | "disconnected" | "connecting" }) => {
      if (s === "connected") setStatus(provider.synced ? { kind: "live" } : { kind: "syncing" });
      else if (s === "connecting") setStatus(lastClose !== null ? { kind: "reconnecting", code: lastClose } : { kind: "connecting" });
      else setStatus(lastClose !== null ? { kind: "reconnecting", code: lastClose } : { kind: "offline" });
    };
    const onSync = (synced: boolean) => {
      if (synced) {
        lastClose = null;
        setStatus({ kind: "live" });
      }
    };
    const onConnectionClose = (event: CloseEvent | null) => {
      if (!event) return;
      // 1006 (no close frame): the network, not the server. Offline until it returns.
      lastClose = event.code === 1006 ? null : event.code;
      if (!isFinalClose(event.code)) setStatus(lastClose !== null ? { kind: "reconnecting", code: lastClose } : { kind: "offline" });
    };
    const onClosed = (event: { code: number; reason: string }) => {
      setStatus({ kind: "closed", code: event.code });
      if (event.code === COLLAB_CLOSE.readOnly) {
        // The change was not applied: open the document again, read-only, to show
        // what the server holds rather than what was typed here.
        setReadOnly(true);
        setGeneration((g) => g + 1);
      } else if (event.code === COLLAB_CLOSE.forbidden) callbacks.current.onAccessEnded();
      else if (event.code === COLLAB_CLOSE.notSignedIn) callbacks.current.onSessionEnded();
    };
    const onOffline = () => setStatus({ kind: "offline" });
    // The socket may have survived a short loss of network: say what it is now.
    const onOnline = () => {
      if (provider.wsconnected) setStatus(provider.synced ? { kind: "live" } : { kind: "syncing" });
      else setStatus({ kind: "connecting" });
    };

    provider.on("status", onStatus);
    provider.on("sync", onSync);
    provider.on("connection-close", onConnectionClose);
    provider.on("closed", onClosed);
    window.addEventListener("offline", onOffline);
    window.addEventListener("online", onOnline);
    return () => {
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
      provider.off("status", onStatus);
      provider.off("sync", onSync);
      provider.off("connection-close", onConnectionClose);
      provider.off("closed", onClosed);
      disconnectCollab(conn);
      setConnection((c) => (c === conn ? null : c));
    };
  }, [docName, generation]);

  const reconnect = useCallback(() => {
    setGeneration((g) => g + 1);
  }, []);

  return { connection, generation, status, readOnly, reconnect };
}
