// Benchmark 4: the Yjs board (issue 8, item 4): updates/s with 20 editors on one board.
//
// Tafel: the real server (bench/latencyServer.ts `tafel`, production mode) with its
// authorised /collab server — session cookie and Origin checked on the upgrade, the
// document authorised, every update size-checked and appended durably (fsync) before it
// is relayed. Baseline: a plain y-protocols relay (bench/yjsRelay.ts) with none of that.
// Clients: y-websocket's WebsocketProvider (as the browser uses it, disableBc), one per
// editor, each a participant of the table with its own session. Every editor types
// single characters into the shared minutes text, one per turn of the event loop, until
// each has made its quota; the figure is updates made ÷ the time until every editor's
// document holds all of them (full convergence).
import path from "node:path";
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { boardDocName, COLLAB_PATH } from "../shared/collab.js";
import { figure, nowMs, sleep, type Figure } from "./common.js";
import { Child, worldDir } from "./latency.js";
import type { ReadyBare, ReadyTafel } from "./latencyServer.js";
import { rm } from "node:fs/promises";

export interface YjsOptions {
  editors: number;
  /** Updates per editor. */
  updatesEach: number;
}

const RELAY = path.resolve("bench/yjsRelay.ts");
const DEADLINE_MS = 60_000;

interface Run {
  updates: number;
  ms: number;
  converged: boolean;
}

async function drive(kind: "tafel" | "bare", o: YjsOptions, say: (s: string) => void): Promise<Run> {
  let dataDir: string | null = null;
  const { child, ready } =
    kind === "tafel"
      ? await Child.start<ReadyTafel>(["tafel", (dataDir = await worldDir({ tables: 1, tableSize: o.editors }, say)), "0"], 120_000)
      : await Child.start<ReadyBare>([], 60_000, RELAY);
  const providers: WebsocketProvider[] = [];
  // y-websocket adds a process "exit" listener per provider.
  process.setMaxListeners(Math.max(process.getMaxListeners(), o.editors + 10));
  try {
    const table = ready.kind === "tafel" ? (ready.world.tables[0] as { id: string; members: string[] }) : { id: "00000000-0000-4000-8000-000000000000", members: Array.from({ length: o.editors }, (_, i) => `editor-${i}`) };
    const docs = table.members.slice(0, o.editors).map((member) => {
      const doc = new Y.Doc();
      const headers: Record<string, string> = { origin: ready.url };
      if (ready.kind === "tafel") headers.cookie = ready.cookies[member] as string;
      class BrowserLikeWebSocket extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers });
        }
      }
      providers.push(
        new WebsocketProvider(`${ready.url.replace(/^http/, "ws")}${COLLAB_PATH}`, boardDocName(table.id), doc, {
          WebSocketPolyfill: BrowserLikeWebSocket as unknown as typeof globalThis.WebSocket,
          disableBc: true,
        }),
      );
      return doc;
    });
    const syncedBy = nowMs() + 30_000;
    while (!providers.every((p) => p.synced) && nowMs() < syncedBy) await sleep(20);
    if (!providers.every((p) => p.synced)) throw new Error(`${kind}: the editors did not sync`);
    const base = (docs[0] as Y.Doc).getText("minutes").length;
    const total = o.editors * o.updatesEach;
    const start = nowMs();
    for (let round = 0; round < o.updatesEach && nowMs() - start < DEADLINE_MS; round += 1) {
      for (const doc of docs) doc.getText("minutes").insert(0, "x");
      await new Promise((r) => setImmediate(r));
    }
    const want = base + total;
    while (!docs.every((d) => d.getText("minutes").length >= want) && nowMs() - start < DEADLINE_MS) await sleep(5);
    const ms = nowMs() - start;
    return { updates: total, ms, converged: docs.every((d) => d.getText("minutes").length >= want) };
  } finally {
    for (const p of providers) p.destroy();
    await child.stop();
    if (dataDir) {
      await rm(dataDir, { recursive: true, force: true });
      await rm(`${dataDir}.key`, { force: true });
      await rm(`${dataDir}.server.log`, { force: true });
    }
  }
}

export async function runYjsBoard(o: YjsOptions, say: (s: string) => void): Promise<Figure[]> {
  const rate = (r: Run) => (r.updates / r.ms) * 1000;
  const bare = await drive("bare", o, say);
  say(`  plain y-protocols relay: ${bare.updates} updates by ${o.editors} editors converged in ${bare.ms.toFixed(0)} ms (${rate(bare).toFixed(0)}/s)${bare.converged ? "" : " — NOT converged"}`);
  const tafel = await drive("tafel", o, say);
  say(`  Tafel /collab: ${tafel.updates} updates by ${o.editors} editors converged in ${tafel.ms.toFixed(0)} ms (${rate(tafel).toFixed(0)}/s)${tafel.converged ? "" : " — NOT converged"}`);
  return [
    figure({
      group: "yjs board",
      name: `${o.editors} editors, updates/s to full convergence`,
      tafel: rate(tafel),
      baseline: rate(bare),
      unit: "updates/s",
      target: "≥ 80% of baseline",
      met: tafel.converged && rate(tafel) >= 0.8 * rate(bare),
      note: `${o.updatesEach} one-character updates per editor; baseline: plain y-protocols relay, no auth, no disk${tafel.converged ? "" : "; Tafel did not converge within 60 s"}`,
    }),
  ];
}
