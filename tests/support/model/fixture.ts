// The world of the model-based adversarial test: one server, accounts built once per
// file (scrypt is slow), and a fresh table per run. Also the test-only leak switch that
// proves the invariant check can fail: it lives here, in tests/support, and wraps the
// running server's notifier from the outside; production code has no hook for it.
import { randomUUID } from "node:crypto";
import type { TableView } from "../../../shared/types.js";
import { bootstrapAdmin, buildMember, openTable, type Member } from "../factories.js";
import type { ApiClient } from "../api.js";
import type { TestServer } from "../server.js";

/** Index 0 is the chair of every run's table; 1..n are the others. */
export interface Fixture {
  server: TestServer;
  admin: ApiClient;
  people: Member[];
  /** A table none of the people but the chair is at: the target of forged `table:open`s. */
  sideTable: TableView;
}

export const PEOPLE = 6;
/** How many of the non-chair people are at the table when a run starts. */
export const STARTING_MEMBERS = 4;

export async function buildFixture(server: TestServer): Promise<Fixture> {
  const admin = await bootstrapAdmin(server);
  const people: Member[] = [];
  for (let i = 0; i < PEOPLE; i += 1) {
    people.push(await buildMember(server, admin, { name: i === 0 ? "Chair" : `Person ${i}` }));
  }
  const chair = people[0] as Member;
  const sideTable = await openTable(chair, `SIDE-${randomUUID().slice(0, 8)}`);
  return { server, admin, people, sideTable };
}

/** The shape of what the leaks need from socket.io, without its typed event maps. */
interface LooseSocket {
  data: { accountId?: string };
  emit(event: string, payload: unknown, ack: (...args: unknown[]) => void): boolean;
}
interface LooseServer {
  to(room: string): { emit(event: string, payload: unknown): boolean };
  sockets: { sockets: Map<string, LooseSocket> };
}

/**
 * Test-only leaks that make the running server break invariant 1, to prove the check
 * catches a server that leaks (the meta-tests). They wrap the live server's notifier
 * from the outside; production code has no switch for them.
 *
 * - `broadcast`: every release is also broadcast, content included, to the whole
 *   `table:<id>` room.
 * - `after-revoke`: a revocation is followed by one more delivery to each revoked
 *   recipient's sockets, logged as `fragment-sent` like a real one (a delivery path that
 *   forgot to re-check the policy).
 *
 * Returns the function that restores the server. `TAFEL_TEST_LEAK=broadcast` (or `1`) or
 * `TAFEL_TEST_LEAK=after-revoke` turns one on for the whole test file (read only here).
 */
export type Leak = "broadcast" | "after-revoke";

export function installLeak(server: TestServer, leak: Leak = "broadcast"): () => void {
  const { ctx, realtime } = server.tafel;
  const original = ctx.notifier;
  const io = realtime.io as unknown as LooseServer;
  ctx.notifier =
    leak === "broadcast"
      ? {
          ...original,
          fragmentReleased(tableId, fragmentId, recipientIds) {
            original.fragmentReleased(tableId, fragmentId, recipientIds);
            void ctx.store.table(tableId).then((files) => {
              const f = files?.doc.data.fragments.find((x) => x.id === fragmentId);
              if (f) io.to(`table:${tableId}`).emit("table:changed", { v: 1, tableId, topics: ["fragments"], preview: f.body });
            });
          },
        }
      : {
          ...original,
          fragmentRevoked(tableId, fragmentId, recipientIds) {
            original.fragmentRevoked(tableId, fragmentId, recipientIds);
            void (async () => {
              const files = await ctx.store.table(tableId);
              const f = files?.doc.data.fragments.find((x) => x.id === fragmentId);
              if (!files || !f) return;
              const sockets = [...io.sockets.sockets.values()];
              await files.lock.runExclusive(async () => {
                for (const recipient of recipientIds) {
                  for (const socket of sockets.filter((s) => s.data.accountId === recipient)) {
                    const delivery = randomUUID();
                    await files.log.append([{ actor: null, type: "fragment-sent", fragment: f.id, recipient, delivery, channel: "socket" }]);
                    const fragment = { id: f.id, tableId, title: f.title, body: f.body };
                    socket.emit("fragment:deliver", { v: 1, deliveryId: delivery, fragment }, () => undefined);
                  }
                }
              });
            })();
          },
        };
  return () => {
    ctx.notifier = original;
  };
}

export function leakRequestedByEnvironment(): Leak | null {
  const value = process.env.TAFEL_TEST_LEAK;
  if (value === "1" || value === "broadcast") return "broadcast";
  if (value === "after-revoke") return "after-revoke";
  return null;
}
