// Garbage on the two live channels, with fast-check, by a signed-in participant:
// - socket.io: every client event of shared/protocol.ts, every server event name and
//   invented names, with arbitrary payloads, extra arguments, binary, and with or
//   without an acknowledgement; and raw engine.io packets that are not socket.io at all.
//   A client event with an ack always gets a Reply (ok, or a named refusal with a
//   message); anything else is ignored; the socket is not crashed, the server logs no
//   error, and a bystander's socket keeps receiving.
// - Yjs on /collab: random bytes, truncated varints, huge declared lengths, random
//   updates and awareness bodies, and garbage document names. Each connection either
//   keeps serving or is closed with a documented code (4400, 4404, 4413); never 1011 or
//   an abnormal close; a bystander keeps editing the board throughout.
// Known cases written by hand live in forged-socket-events-are-refused.test.ts and
// collab-limits-and-garbage-close-only-that-connection.test.ts; this file searches.
import fc from "fast-check";
import * as encoding from "lib0/encoding";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { COLLAB_CLOSE, boardDocName, notebookDocName } from "../../shared/collab.js";
import { CLIENT_EVENTS, PROTOCOL_VERSION, REFUSALS, type Reply, type ServerToClientEvents } from "../../shared/protocol.js";
import { buildWorld, releaseCanary, type Member, type World } from "../support/factories.js";
import { eventually, type RecordingSocket } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { CollabClient, CollabPool } from "../support/collab.js";
import { errorLines, SocketPool } from "../support/adversary.js";

const RUNS = Number(process.env.TAFEL_FUZZ_RUNS ?? 40);

const SERVER_EVENTS = ["fragment:deliver", "fragment:revoked", "table:changed", "table:access-ended", "session:ended", "socket:rate-limited"] as const satisfies readonly (keyof ServerToClientEvents)[];
// Fails to compile when a server event is added to the protocol but not here.
const serverEventsComplete: Exclude<keyof ServerToClientEvents, (typeof SERVER_EVENTS)[number]> extends never ? true : never = true;
void serverEventsComplete;

let server: TestServer;
let world: World;
let alice: Member;
let bob: Member;
const sockets = new SocketPool();
const collab = new CollabPool();

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 2);
  [alice, bob] = world.members as [Member, Member];
});

afterAll(async () => {
  sockets.closeAll();
  await collab.closeAll();
  expect(errorLines(server)).toEqual([]);
  await server.stop();
  await removeDir(server.dataDir);
});

const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, undefined, true, 0, -1, Number.NaN, 1e308, "", "__proto__", [], {}),
  fc.record({ v: fc.oneof(fc.constant(PROTOCOL_VERSION), fc.jsonValue({ maxDepth: 1 })), tableId: fc.oneof(fc.uuid(), fc.string({ maxLength: 60 })) }, { requiredKeys: [] }),
  fc.record({ v: fc.constant(PROTOCOL_VERSION), tableId: fc.uuid(), fragmentId: fc.uuid(), deliveryId: fc.oneof(fc.uuid(), fc.string()) }, { requiredKeys: [] }),
  fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
  fc.string({ unit: "binary", maxLength: 100 }),
  fc.integer({ min: 1_000, max: 30_000 }).map((n) => "x".repeat(n)),
);

/** Names socket.io-client refuses to emit; the raw engine.io test sends them instead. */
const RESERVED = new Set(["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"]);

const eventName = fc.oneof(
  fc.constantFrom(...CLIENT_EVENTS),
  fc.constantFrom(...SERVER_EVENTS, "join", "leave", "error", "__proto__", "constructor", "toString", "hasOwnProperty"),
  fc.string({ minLength: 1, maxLength: 40 }).filter((n) => !RESERVED.has(n)),
);

function isReply(value: unknown): value is Reply {
  if (typeof value !== "object" || value === null) return false;
  const r = value as { ok?: unknown; refusal?: unknown; message?: unknown };
  if (r.ok === true) return true;
  return r.ok === false && (Object.values(REFUSALS) as unknown[]).includes(r.refusal) && typeof r.message === "string" && r.message.length > 0;
}

/** A round trip that changes nothing: when it returns, everything sent before was handled. */
async function roundTrip(s: RecordingSocket): Promise<void> {
  const reply = await s.socket.timeout(5000).emitWithAck("table:close", { v: PROTOCOL_VERSION, tableId: world.table.id });
  expect(reply).toEqual({ ok: true });
}

describe("socket.io events", () => {
  let witness: RecordingSocket;
  afterEach(async () => {
    // The bystander still receives what is released to it.
    const { fragment } = await releaseCanary(world.chair, world.table, [alice.account.id]);
    await eventually("the bystander receives", () => witness.deliveries.some((d) => d.fragment.id === fragment.id));
  });

  it("garbage under every event name, with and without an ack, gets a Reply or is ignored; the socket keeps serving", async () => {
    witness = await sockets.online(alice, world.table.id);
    const attacker = await sockets.connect(bob);
    const raw = attacker.socket as unknown as {
      emit(event: string, ...args: unknown[]): void;
      timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };
    };
    await fc.assert(
      fc.asyncProperty(eventName, fc.array(hostile, { maxLength: 3 }), fc.boolean(), async (name, args, withAck) => {
        const clientEvent = (CLIENT_EVENTS as readonly string[]).includes(name);
        if (withAck && clientEvent) {
          const reply = await raw.timeout(5000).emitWithAck(name, ...args);
          expect(isReply(reply), `${name} ${JSON.stringify(args).slice(0, 200)} → ${JSON.stringify(reply)}`).toBe(true);
        } else {
          // Not a client event, or no ack: nobody to answer; the server must simply not act.
          raw.emit(name, ...args, ...(withAck ? [() => undefined] : []));
          await roundTrip(attacker);
        }
        expect(attacker.socket.connected).toBe(true);
      }),
      { numRuns: RUNS * 3 },
    );
    expect(attacker.deliveries).toEqual([]);
  });

  it("raw engine.io packets that are not socket.io, or name reserved events, end at most that socket", async () => {
    witness = await sockets.online(alice, world.table.id);
    const probe = await sockets.connect(world.chair);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.constantFrom(
            "2", "2[", '2["table:open"', "21", "1", "3", "4", "5", "6", "9", "0/realtime,", '2/other,["x"]', "51-",
            '51-["table:open",{"_placeholder":true,"num":9}]', '2["connect"]', '2["disconnecting"]', '2["newListener","table:open"]',
            '21["table:open",{"v":1}]', '2["table:open",{"__proto__":{"v":1}}]', `2${"[".repeat(5000)}`,
          ),
          fc.uint8Array({ maxLength: 80 }).map((b) => Buffer.from(b)),
        ),
        async (packet) => {
          const s = await sockets.connect(bob);
          const engine = s.socket.io.engine as unknown as { write(data: string | Buffer): void };
          engine.write(packet);
          // Whatever became of that socket (ignored, or its connection closed), the server
          // has handled the packet once another socket's round trip comes back.
          await roundTrip(probe);
          s.close();
        },
      ),
      { numRuns: RUNS },
    );
    expect(probe.socket.connected).toBe(true);
  });
});

// ---- Yjs on /collab --------------------------------------------------------------------

function varint(n: number): number[] {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, n);
  return [...encoding.toUint8Array(e)];
}

function frame(...parts: (number | Uint8Array)[]): Uint8Array {
  const e = encoding.createEncoder();
  for (const p of parts) {
    if (typeof p === "number") encoding.writeVarUint(e, p);
    else encoding.writeVarUint8Array(e, p);
  }
  return encoding.toUint8Array(e);
}

const yjsGarbage: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  // Varints whose every byte says "more follows".
  fc.uint8Array({ minLength: 1, maxLength: 12 }).map((b) => b.map((x) => x | 0x80)),
  fc.tuple(fc.constantFrom(0, 1, 2, 3), fc.uint8Array({ minLength: 1, maxLength: 10 })).map(([t, b]) => Uint8Array.of(t, ...b.map((x) => x | 0x80))),
  // Huge declared lengths with little or nothing behind them.
  fc
    .tuple(fc.constantFrom([0, 0], [0, 1], [0, 2], [1]), fc.constantFrom(2 ** 31, 2 ** 32 - 1, 2 ** 53 - 1, 1_000_000, 300_000), fc.uint8Array({ maxLength: 20 }))
    .map(([prefix, length, tail]) => Uint8Array.of(...prefix, ...varint(length), ...tail)),
  // Well-framed messages whose contents are garbage: an update, a step 1, an awareness body.
  fc.uint8Array({ maxLength: 200 }).map((b) => frame(0, 2, b)),
  fc.uint8Array({ maxLength: 200 }).map((b) => frame(0, 0, b)),
  fc.uint8Array({ maxLength: 200 }).map((b) => frame(1, b)),
);

/** How a garbage frame may end a connection: documented codes, never a server error or an abnormal close. */
const ALLOWED_CLOSE: number[] = [COLLAB_CLOSE.badMessage, COLLAB_CLOSE.messageTooLarge, COLLAB_CLOSE.tooManyMessages];

describe("Yjs messages on /collab", () => {
  let bystander: CollabClient;
  let edits = 0;
  afterEach(async () => {
    edits += 1;
    bystander.doc.getText("minutes").insert(0, `ok${edits} `);
    expect((await bystander.ack()).getText("minutes").toString()).toContain(`ok${edits} `);
    expect(bystander.closeInfo).toBeNull();
  });

  it("random frames either leave the connection serving or close it with a documented code", async () => {
    bystander = await collab.synced(alice.client, boardDocName(world.table.id));
    const codes = new Map<number | "open", number>();
    await fc.assert(
      fc.asyncProperty(yjsGarbage, fc.boolean(), async (bytes, onBoard) => {
        const doc = onBoard ? boardDocName(world.table.id) : notebookDocName(world.table.id, bob.account.id);
        const c = await CollabClient.synced(bob.client, doc);
        try {
          c.sendRaw(bytes);
          const answered = await c.ack().then(
            () => true,
            () => false,
          );
          const key = answered ? "open" : (c.closeInfo?.code ?? -1);
          codes.set(key, (codes.get(key) ?? 0) + 1);
          if (!answered) expect(ALLOWED_CLOSE, `closed ${c.closeInfo?.code} ${c.closeInfo?.reason}`).toContain(c.closeInfo?.code);
        } finally {
          await c.close();
        }
      }),
      { numRuns: RUNS },
    );
    // The search did reach the closing paths (it is not only sending harmless frames).
    expect(codes.get(COLLAB_CLOSE.badMessage) ?? 0).toBeGreaterThan(0);
  });

  it("garbage document names are refused with 4404 (or 4400), before any document byte", async () => {
    bystander ??= await collab.synced(alice.client, boardDocName(world.table.id));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ minLength: 1, maxLength: 60 }).map((s) => encodeURIComponent(s)),
          fc.constantFrom("table", "table/", `table/${world.table.id}`, `table/${world.table.id}/board/x`, `table/${world.table.id}/notebook`, "%E0%A4%A", "..%2f..%2fdata", "a".repeat(3000), `table/${world.table.id}/notebook/..%2fboard`),
        ),
        async (name) => {
          const c = await CollabClient.open(bob.client, name).catch(() => null);
          if (!c) return; // refused at the HTTP level (e.g. a URL the parser will not take)
          const info = await c.closed;
          expect([COLLAB_CLOSE.unknownDocument, COLLAB_CLOSE.badMessage], `${name.slice(0, 80)} → ${info.code}`).toContain(info.code);
          expect(c.received).toEqual([]);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
