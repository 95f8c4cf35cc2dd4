// policies/collab.ts: who may open which Yjs document, and read-only boards.
import { describe, expect, it } from "vitest";
import { mayOpenDocument } from "../../server/policies/collab.js";
import type { CollabDocName } from "../../shared/collab.js";
import { account, participation, TABLE_ID } from "./fixtures.js";

const owner = account("Owner");
const other = account("Other");
const admin = account("Admin", { role: "admin" });
const dpo = account("Dpo", { role: "dpo" });
const board: CollabDocName = { kind: "board", tableId: TABLE_ID };
const ownNotebook: CollabDocName = { kind: "notebook", tableId: TABLE_ID, ownerId: owner.id };
const open = {};
const frozen = { boardFrozenAt: "2025-03-05T12:00:00.000Z" };

describe("mayOpenDocument", () => {
  it("the board: every active participant (chair or not), read-write until frozen, then read-only", () => {
    for (const role of ["participant", "chair"] as const) {
      expect(mayOpenDocument(owner, participation(owner, "active", role), board, open)).toEqual({ allowed: true, readOnly: false });
      expect(mayOpenDocument(owner, participation(owner, "active", role), board, frozen)).toEqual({ allowed: true, readOnly: true });
    }
  });

  it("a notebook: its owner only, never read-only, even when the board is frozen", () => {
    expect(mayOpenDocument(owner, participation(owner, "active"), ownNotebook, frozen)).toEqual({ allowed: true, readOnly: false });
    const d = mayOpenDocument(other, participation(other, "active", "chair"), ownNotebook, open);
    expect(d).toMatchObject({ allowed: false, reason: expect.stringMatching(/only to its owner/) });
  });

  it.each([
    ["not at the table", owner, undefined],
    ["invited, not accepted", owner, participation(owner, "invited")],
    ["removed", owner, participation(owner, "removed")],
    ["an administrator (even with a participation)", admin, participation(admin, "active", "chair")],
    ["the DPO (even with a participation)", dpo, participation(dpo, "active")],
  ])("%s: neither the board nor their own notebook", (_label, who, p) => {
    expect(mayOpenDocument(who, p, board, open).allowed).toBe(false);
    expect(mayOpenDocument(who, p, { kind: "notebook", tableId: TABLE_ID, ownerId: who.id }, open).allowed).toBe(false);
  });
});
