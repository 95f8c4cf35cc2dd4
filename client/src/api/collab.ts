// The Yjs connection on /collab/<docName>: y-websocket's provider against our own
// server (server/collab). The server decides everything from the session cookie and the
// document name; the client only names the document. BroadcastChannel is off: another
// tab of the same person syncs through the server, like any other device.
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { COLLAB_PATH } from "../../../shared/collab";

export interface CollabConnection {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

/** ws(s)://<this host>/collab — y-websocket appends "/<docName>" (slashes and all). */
export function collabServerUrl(): string {
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${window.location.host}${COLLAB_PATH}`;
}

export function connectCollab(docName: string): CollabConnection {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(collabServerUrl(), docName, doc, { disableBc: true });
  return { doc, provider };
}

export function disconnectCollab({ doc, provider }: CollabConnection): void {
  provider.destroy();
  doc.destroy();
}
