// Abuse of one connection ends that connection and nothing else: a message over the
// size limit is closed 4413 (a frame over the transport cap is cut by ws with 1009), a
// flood 4429, garbage of every kind 4400. The document is unchanged, the process logs
// no error, and a bystander keeps editing throughout.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import { boardDocName, COLLAB_CLOSE, COLLAB_LIMITS, COLLAB_MESSAGE } from "../../shared/collab.js";
import { buildWorld, type Member, type World } from "../support/factories.js";
import { eventually } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { errorLines } from "../support/adversary.js";
import { CollabPool, frames, type CollabClient } from "../support/collab.js";

let server: TestServer;
let world: World;
let alice: Member;
let bystander: CollabClient;
let edits = 0;
const pool = new CollabPool();

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 1);
  [alice] = world.members as [Member];
});

afterEach(async () => {
  // The bystander's edit after each attack is acknowledged: the server kept serving.
  edits += 1;
  bystander.doc.getText("minutes").insert(0, `ok${edits} `);
  expect((await bystander.ack()).getText("minutes").toString()).toContain(`ok${edits} `);
  expect(bystander.closeInfo).toBeNull();
});

afterAll(async () => {
  await pool.closeAll();
  expect(errorLines(server)).toEqual([]);
  await server.stop();
  await removeDir(server.dataDir);
});

function raw(...parts: (number | Uint8Array)[]): Uint8Array {
  const e = encoding.createEncoder();
  for (const p of parts) {
    if (typeof p === "number") encoding.writeVarUint(e, p);
    else encoding.writeVarUint8Array(e, p);
  }
  return encoding.toUint8Array(e);
}

async function attacker(): Promise<CollabClient> {
  bystander ??= await pool.synced(world.chair.client, boardDocName(world.table.id));
  return pool.synced(alice.client, boardDocName(world.table.id));
}

async function closedWith(c: CollabClient, code: number): Promise<void> {
  expect(await eventually(`closed ${code}`, () => c.closeInfo, 3000)).toMatchObject({ code });
}

describe("limits", () => {
  it("a message over the limit is closed 4413 and not applied", async () => {
    const c = await attacker();
    const big = new Y.Doc();
    big.getText("minutes").insert(0, "x".repeat(COLLAB_LIMITS.messageBytes));
    c.sendRaw(frames.update(Y.encodeStateAsUpdate(big)));
    await closedWith(c, COLLAB_CLOSE.messageTooLarge);
    expect((await bystander.ack()).getText("minutes").toString()).not.toContain("xxxx");
  });

  it("a frame over the transport cap is cut by the WebSocket layer (1009)", async () => {
    const c = await attacker();
    c.sendRaw(new Uint8Array(COLLAB_LIMITS.transportBytes + 1));
    await closedWith(c, 1009);
  });

  it("a flood is closed 4429", async () => {
    const c = await attacker();
    for (let i = 0; i < COLLAB_LIMITS.messageBurst + 100; i += 1) c.sendRaw(frames.queryAwareness());
    await closedWith(c, COLLAB_CLOSE.tooManyMessages);
  });

  it("a sustained rate under the limit is served", async () => {
    const c = await attacker();
    for (let i = 0; i < 100; i += 1) {
      c.doc.getText("minutes").insert(0, ".");
      if (i % 10 === 9) await new Promise((r) => setTimeout(r, 50));
    }
    await c.ack();
    expect(c.closeInfo).toBeNull();
  });
});

describe("garbage", () => {
  const valid = Y.encodeStateAsUpdate(new Y.Doc());
  const cases: [string, Uint8Array | string][] = [
    ["random bytes", new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x7f, 0x01, 0x02])],
    ["an empty frame", new Uint8Array(0)],
    ["an unknown message type", raw(9)],
    ["an auth message from a client", raw(COLLAB_MESSAGE.auth, 0)],
    ["an unknown sync type", raw(COLLAB_MESSAGE.sync, 7, valid)],
    ["a truncated update", raw(COLLAB_MESSAGE.sync, 2, new Uint8Array([5, 1, 2]))],
    ["an update of garbage", raw(COLLAB_MESSAGE.sync, 2, new Uint8Array(Array.from({ length: 64 }, (_, i) => (i * 37) % 256)))],
    ["trailing bytes after a message", new Uint8Array([...raw(COLLAB_MESSAGE.sync, 2, valid), 0])],
    ["a malformed state vector", raw(COLLAB_MESSAGE.sync, 0, new Uint8Array([3, 1]))],
    ["awareness that is not JSON", (() => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, 42);
      encoding.writeVarUint(e, 1);
      encoding.writeVarString(e, "{not json");
      return raw(COLLAB_MESSAGE.awareness, encoding.toUint8Array(e));
    })()],
    ["an awareness state that is an array", frames.awareness([{ clientID: 1, clock: 1, state: [1, 2] as unknown as Record<string, unknown> }])],
    ["a text frame", "hello"],
  ];

  it.each(cases)("%s is closed 4400", async (_label, bytes) => {
    const c = await attacker();
    if (typeof bytes === "string") c.ws.send(bytes);
    else c.sendRaw(bytes);
    await closedWith(c, COLLAB_CLOSE.badMessage);
  });
});
