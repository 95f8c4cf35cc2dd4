// The group commit shared by a table's log and a Yjs document's updates file: what it
// groups, in which order, and what a failed write takes with it.
import { describe, expect, it } from "vitest";
import { GroupCommit, type GroupWriter } from "../../server/log/groupCommit.js";

const turn = () => new Promise((r) => setImmediate(r));

/** A writer that records its groups and lets a test hold or fail each write. */
class Recorder implements GroupWriter<string> {
  readonly groups: string[][] = [];
  readonly writtenItems: string[] = [];
  readonly dropped: string[][] = [];
  /** What happened, in order. */
  readonly events: string[] = [];
  /** Called for each write; may return a promise that holds or fails it. */
  onWrite: (group: readonly string[]) => Promise<void> | void = () => undefined;
  /** Called while a failure is being handled, before it settles. */
  whileFailing: () => void = () => undefined;

  async write(group: readonly string[]): Promise<void> {
    this.groups.push([...group]);
    this.events.push(`write ${group.join(",")}`);
    await this.onWrite(group);
  }

  written(group: readonly string[]): void {
    this.writtenItems.push(...group);
  }

  async failed(dropped: readonly string[]): Promise<void> {
    this.events.push("failing");
    this.whileFailing();
    // Handling a failure takes several turns (a file being cut back).
    for (let i = 0; i < 3; i += 1) await turn();
    this.dropped.push([...dropped]);
    this.events.push("failed");
  }
}

describe("GroupCommit", () => {
  it("writes what was added in one turn as one group, in call order", async () => {
    const w = new Recorder();
    const c = new GroupCommit(w);
    for (const x of ["a", "b", "c"]) c.add(x);
    expect(c.idle).toBe(false);
    await c.settled();
    expect(w.groups).toEqual([["a", "b", "c"]]);
    expect(w.writtenItems).toEqual(["a", "b", "c"]);
    expect(c.idle).toBe(true);
  });

  it("what is added while a group is being written makes the next group", async () => {
    const w = new Recorder();
    let release = () => undefined as void;
    w.onWrite = (g) => (g[0] === "a" ? new Promise<void>((r) => (release = r)) : undefined);
    const c = new GroupCommit(w);
    c.add("a");
    await turn();
    c.add("b");
    c.add("c");
    await turn();
    expect(w.groups).toEqual([["a"]]);
    release();
    await c.settled();
    expect(w.groups).toEqual([["a"], ["b", "c"]]);
    expect(w.writtenItems).toEqual(["a", "b", "c"]);
  });

  it("a failed write drops its group and everything queued behind it; what is added while failing is written next", async () => {
    const w = new Recorder();
    let fail = (_: Error) => undefined as void;
    w.onWrite = (g) => (g[0] === "a" ? new Promise<void>((_, reject) => (fail = reject)) : undefined);
    const c = new GroupCommit(w);
    c.add("a");
    await turn();
    c.add("b");
    w.whileFailing = () => c.add("late");
    fail(new Error("EIO"));
    await c.settled();
    expect(w.dropped).toEqual([["a", "b"]]);
    expect(w.groups).toEqual([["a"], ["late"]]);
    expect(w.writtenItems).toEqual(["late"]);
    // Only once the failure is handled: a write meanwhile could be undone by it.
    expect(w.events).toEqual(["write a", "failing", "failed", "write late"]);
  });
});
