// Awareness is not trusted: whatever a client writes into `user`, the others see the
// identity the server verified (id, name, organisation; only the cursor colour is the
// client's). A client can neither write nor remove another client's state, and its
// own state disappears for everyone when it leaves.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { boardDocName, type CollabUser } from "../../shared/collab.js";
import type { TableView } from "../../shared/types.js";
import { buildWorld, type Member, type World } from "../support/factories.js";
import { eventually, settle } from "../support/realtime.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { errorLines } from "../support/adversary.js";
import { CollabPool, frames } from "../support/collab.js";

let server: TestServer;
let world: World;
let alice: Member;
let bob: Member;
const pool = new CollabPool();

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 2);
  [alice, bob] = world.members as [Member, Member];
});

afterEach(() => pool.closeAll());

afterAll(async () => {
  expect(errorLines(server)).toEqual([]);
  await server.stop();
  await removeDir(server.dataDir);
});

async function identityOf(m: Member): Promise<CollabUser> {
  const table = await world.chair.client.ok<TableView>("GET", `/api/tables/${world.table.id}`);
  const person = table.participants.find((p) => p.id === m.account.id);
  if (!person) throw new Error("not a participant");
  return { id: person.id, name: person.name, organisation: person.organisation };
}

describe("awareness", () => {
  it("carries the verified identity, not the claimed one", async () => {
    const name = boardDocName(world.table.id);
    const forged = {
      user: { id: world.chair.account.id, name: "The Chair", organisation: "District Police", color: "#ff0000", role: "chair" },
      cursor: { anchor: 3, head: 5 },
    };
    const liar = await pool.synced(alice.client, name, { awareness: forged });
    const watcher = await pool.synced(bob.client, name, { awareness: { user: { name: "Bob", color: "not a colour" } } });
    const aliceId = liar.doc.clientID;

    const seen = await eventually("bob sees alice", () => watcher.remoteStates().get(aliceId));
    expect(seen).toEqual({ user: { ...(await identityOf(alice)), color: "#ff0000" }, cursor: { anchor: 3, head: 5 } });
    // Alice learns the identity the server gave her (she receives her own state back).
    await eventually("alice hears her own state back", () => liar.received.length > 0 && liar.receivedText().includes(alice.account.id));
    // Bob's own invalid colour is dropped; his name comes from his account.
    const bobSeen = await eventually("alice sees bob", () => liar.remoteStates().get(watcher.doc.clientID));
    expect(bobSeen).toEqual({ user: await identityOf(bob) });

    // A later change of `user` is overwritten the same way.
    liar.awareness.setLocalStateField("user", { id: bob.account.id, name: "Bob" });
    await eventually("the update arrives", () => (watcher.remoteStates().get(aliceId)?.user as CollabUser | undefined)?.color === undefined);
    expect(watcher.remoteStates().get(aliceId)?.user).toEqual(await identityOf(alice));
  });

  it("cannot write or remove another client's state; leaving removes one's own", async () => {
    const name = boardDocName(world.table.id);
    const victim = await pool.synced(bob.client, name, { awareness: { cursor: 1 } });
    const attacker = await pool.synced(alice.client, name, { awareness: { cursor: 2 } });
    const chair = await pool.synced(world.chair.client, name);
    const victimId = victim.doc.clientID;
    await eventually("the chair sees both", () => chair.remoteStates().has(victimId) && chair.remoteStates().has(attacker.doc.clientID));

    attacker.sendRaw(frames.awareness([{ clientID: victimId, clock: 1000, state: { user: { name: "Bob" }, cursor: 99, message: "I quit" } }]));
    attacker.sendRaw(frames.awareness([{ clientID: victimId, clock: 2000, state: null }]));
    // A fresh clientID is not another identity either: the connection already has one.
    attacker.sendRaw(frames.awareness([{ clientID: 123456, clock: 1, state: { user: { name: "Ghost" } } }]));
    attacker.sendRaw(frames.queryAwareness());
    await settle(300);
    expect(chair.remoteStates().get(victimId)).toEqual({ user: await identityOf(bob), cursor: 1 });
    expect(chair.remoteStates().has(123456)).toBe(false);
    expect(chair.receivedText()).not.toContain("I quit");
    expect(attacker.closeInfo).toBeNull(); // dropped silently: y-websocket echoes others' states

    await attacker.close();
    await eventually("the attacker's state is gone for the chair", () => !chair.remoteStates().has(attacker.doc.clientID));
    expect(chair.remoteStates().has(victimId)).toBe(true);
  });
});
