// store/globalIndex.ts: look-ups by id into tafel.json. An index that outlived a change
// would be a hole (a disabled account, a removed participant or an ended session still
// found), so these tests change the document through the real store and look again.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { memoryLogger } from "../../server/logger.js";
import { openLowdbStore } from "../../server/store/lowdbStore.js";
import { indexOf } from "../../server/store/globalIndex.js";
import type { Store } from "../../server/store/store.js";
import { account, globalData, ORG_CARE, participation, TABLE_ID, tempDir } from "./fixtures.js";

let dir: string;
let cleanup: () => Promise<void>;
let store: Store;
const alice = account("Alice");
const bob = account("Bob");
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir("globalindex"));
  store = await openLowdbStore(dir, memoryLogger([]));
  const seeded = globalData([alice, bob], [participation(alice, "active", "chair"), participation(bob, "active")]);
  await store.global.update((d) => {
    Object.assign(d, seeded);
    d.sessions = [{ id: "s-1", tokenHash: "h-1", accountId: bob.id, createdAt: "2025-03-01T09:00:00.000Z", expiresAt: "2999-01-01T00:00:00.000Z" }];
  });
});
afterEach(() => cleanup());

describe("indexOf", () => {
  it("finds accounts, organisations, participations and sessions by their keys, and nothing else", () => {
    const index = indexOf(store.global.data);
    expect(index.account(bob.id)?.name).toBe("Bob");
    expect(index.account("no-such-account")).toBeUndefined();
    expect(index.organisation(ORG_CARE.id)?.name).toBe(ORG_CARE.name);
    expect(index.participation(TABLE_ID, bob.id)?.role).toBe("participant");
    // The key joins two ids: neither half alone, nor the ids swapped, finds anything.
    expect(index.participation(bob.id, TABLE_ID)).toBeUndefined();
    expect(index.participation(TABLE_ID, "")).toBeUndefined();
    expect(index.session("s-1")?.accountId).toBe(bob.id);
    expect(index.sessionByTokenHash("h-1")?.id).toBe("s-1");
    expect(index.sessionByTokenHash("s-1")).toBeUndefined();
  });

  it("sees every committed change at once: a disable, a removal, an ended session", async () => {
    const before = indexOf(store.global.data);
    expect(before.account(bob.id)?.disabled).toBeUndefined();
    await store.global.update((d) => {
      const b = d.accounts.find((a) => a.id === bob.id);
      if (b) b.disabled = { at: "2025-03-02T09:00:00.000Z", by: alice.id };
      const p = d.participations.find((x) => x.accountId === bob.id);
      if (p) p.state = "removed";
      d.sessions = [];
    });
    const after = indexOf(store.global.data);
    expect(after.account(bob.id)?.disabled?.by).toBe(alice.id);
    expect(after.participation(TABLE_ID, bob.id)?.state).toBe("removed");
    expect(after.sessionByTokenHash("h-1")).toBeUndefined();
    expect(after.session("s-1")).toBeUndefined();
  });

  it("does not see a change that failed: the committed state stays what it was", async () => {
    await expect(
      store.global.update((d) => {
        d.accounts = [];
        throw new Error("refused late");
      }),
    ).rejects.toThrow("refused late");
    expect(indexOf(store.global.data).account(bob.id)?.name).toBe("Bob");
  });

  it("builds once per committed state", () => {
    expect(indexOf(store.global.data)).toBe(indexOf(store.global.data));
  });
});
