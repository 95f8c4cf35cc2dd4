// The browser will use y-websocket's WebsocketProvider (disableBc: true); this runs that
// very client against the server: two providers sync and see each other's verified
// awareness, and a removal ends the provider for good (4403 is final for y-websocket:
// it emits `closed` and stops reconnecting).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { boardDocName, COLLAB_CLOSE, COLLAB_PATH } from "../../shared/collab.js";
import { buildWorld, type Member, type World } from "../support/factories.js";
import { eventually, settle } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { errorLines } from "../support/adversary.js";

let server: TestServer;
let world: World;
let alice: Member;
const providers: WebsocketProvider[] = [];

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 1);
  [alice] = world.members as [Member];
});

afterAll(async () => {
  for (const p of providers) p.destroy();
  expect(errorLines(server)).toEqual([]);
  await server.stop();
  await removeDir(server.dataDir);
});

/** A provider as the browser has it: its session cookie and Origin go with the upgrade. */
function provider(m: Member, doc: Y.Doc): WebsocketProvider {
  const headers = { cookie: m.client.cookie ?? "", origin: server.origin };
  class BrowserLikeWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const p = new WebsocketProvider(`${server.url.replace(/^http/, "ws")}${COLLAB_PATH}`, boardDocName(world.table.id), doc, {
    WebSocketPolyfill: BrowserLikeWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  providers.push(p);
  return p;
}

describe("y-websocket against the collaboration server", () => {
  it("syncs, carries verified awareness, and stops for good when access ends", async () => {
    const chairDoc = new Y.Doc();
    const aliceDoc = new Y.Doc();
    const chair = provider(world.chair, chairDoc);
    const mine = provider(alice, aliceDoc);
    chair.awareness.setLocalStateField("user", { name: "Someone else", color: "#00aa00" });
    await eventually("both synced", () => chair.synced && mine.synced);

    chairDoc.getText("minutes").insert(0, "From the chair.");
    aliceDoc.getText("minutes").insert(0, "From Alice. ");
    await eventually("converged", () => {
      const a = chairDoc.getText("minutes").toString();
      return a === aliceDoc.getText("minutes").toString() && a.includes("From the chair.") && a.includes("From Alice. ");
    });
    const seen = await eventually("alice sees the chair's presence", () => mine.awareness.getStates().get(chairDoc.clientID));
    expect(seen.user).toMatchObject({ id: world.chair.account.id, name: "Chair", color: "#00aa00" });

    const closed: { code: number; reason: string }[] = [];
    mine.on("closed", (event) => closed.push(event));
    await world.chair.client.ok("DELETE", `/api/tables/${world.table.id}/participants/${alice.account.id}`);
    await eventually("the provider is told", () => closed.length > 0, 3000);
    expect(closed[0]).toEqual({ code: COLLAB_CLOSE.forbidden, reason: "forbidden" });
    await settle(800); // y-websocket would have reconnected by now if it were going to
    expect(mine.wsconnected || mine.wsconnecting).toBe(false);
    expect(mine.shouldConnect).toBe(false);
  });
});
