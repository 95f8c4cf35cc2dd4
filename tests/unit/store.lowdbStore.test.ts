// store/lowdbStore.ts: the embedded store — global document, lazily loaded tables,
// table ids that can never become arbitrary paths.
import { appendFile, mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { memoryLogger, parseLogLine } from "../../server/logger.js";
import { openLowdbStore } from "../../server/store/lowdbStore.js";
import { TABLE_ID, tableData, tempDir } from "./fixtures.js";

let dir: string;
let cleanup: () => Promise<void>;
let lines: string[];
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir("lowdbstore"));
  lines = [];
});
afterEach(() => cleanup());

const open = () => openLowdbStore(dir, memoryLogger(lines));

describe("openLowdbStore: global document", () => {
  it("starts empty and persists updates to data/tafel.json", async () => {
    const store = await open();
    expect(store.global.data).toEqual({
      organisations: [],
      accounts: [],
      sessions: [],
      tables: [],
      participations: [],
      setup: { tokenHash: null },
    });
    await store.global.update((d) => {
      d.setup.tokenHash = "abc";
    });
    expect(JSON.parse(await readFile(path.join(dir, "tafel.json"), "utf8")).setup).toEqual({ tokenHash: "abc" });
    expect((await open()).global.data.setup.tokenHash).toBe("abc");
  });

  it("does not share the defaults between stores (each gets its own copy)", async () => {
    const a = await open();
    await a.global.update((d) => void d.tables.push({ id: TABLE_ID, createdAt: "t", createdBy: "me" }));
    const other = await tempDir("lowdbstore-other");
    try {
      const b = await openLowdbStore(other.dir, memoryLogger([]));
      expect(b.global.data.tables).toEqual([]);
    } finally {
      await other.cleanup();
    }
  });
});

describe("openLowdbStore: table ids", () => {
  it.each([
    ["an unknown uuid", "33333333-3333-4333-8333-333333333333"],
    ["a path traversal", "../../etc"],
    ["a 36-character traversal", `../${TABLE_ID.slice(3)}`],
    ["an absolute path", "/etc/passwd"],
    ["an encoded traversal", "..%2F..%2Fetc"],
    ["an empty id", ""],
    ["an upper-case uuid", TABLE_ID.toUpperCase()],
    ["a uuid with a suffix", `${TABLE_ID}/../x`],
    ["a uuid with a newline", `${TABLE_ID}\n`],
  ])("%s → null", async (_label, id) => {
    const store = await open();
    expect(await store.table(id)).toBeNull();
  });

  it("a malformed id never touches the file system, even when a file exists at that path", async () => {
    // A table.json reachable by traversal must not be loaded.
    await mkdir(path.join(dir, "evil"), { recursive: true });
    await writeFile(path.join(dir, "evil", "table.json"), JSON.stringify(tableData({ id: "evil" })));
    const store = await open();
    expect(await store.table("../evil")).toBeNull();
    expect(await readdir(dir)).not.toContain("tables");
  });
});

describe("openLowdbStore: tables", () => {
  it("creates a table with its document and an empty log, and serves the same files afterwards", async () => {
    const store = await open();
    const created = await store.createTable(tableData());
    expect(created.id).toBe(TABLE_ID);
    expect(created.doc.data).toEqual(tableData());
    expect(created.log.size).toBe(0);
    expect(JSON.parse(await readFile(path.join(dir, "tables", TABLE_ID, "table.json"), "utf8"))).toEqual(tableData());
    expect(await store.table(TABLE_ID)).toBe(created);
  });

  it("a miss is not cached: a table created after a failed lookup is found", async () => {
    const store = await open();
    expect(await store.table(TABLE_ID)).toBeNull();
    const created = await store.createTable(tableData());
    expect(await store.table(TABLE_ID)).toBe(created);
  });

  it("a lookup racing the creation of the same table does not evict the created table", async () => {
    const store = await open();
    const lookup = store.table(TABLE_ID); // not awaited: in flight while the table is created
    const created = await store.createTable(tableData());
    await lookup;
    // Two TableFiles for one table would mean two documents, two logs and two locks.
    expect(await store.table(TABLE_ID)).toBe(created);
  });

  it("after reopening, loads a table lazily with its document and log", async () => {
    const store = await open();
    const files = await store.createTable(tableData());
    await files.doc.update((d) => void d.declines.push({ id: "dec", accountId: "a", question: "Q?", at: "t" }));
    await files.log.append([{ actor: "a", type: "declined", decline: "dec" }]);

    const reopened = await open();
    const loaded = await reopened.table(TABLE_ID);
    expect(loaded).not.toBeNull();
    expect(loaded?.doc.data.declines).toEqual([{ id: "dec", accountId: "a", question: "Q?", at: "t" }]);
    expect(loaded?.doc.data.caseCode).toBe(tableData().caseCode);
    expect(loaded?.log.entries).toEqual(files.log.entries);
    expect(loaded?.log.rootHash()).toBe(files.log.rootHash());
    // Concurrent first uses share one load.
    const [a, b] = await Promise.all([reopened.table(TABLE_ID), reopened.table(TABLE_ID)]);
    expect(a).toBe(b);
    expect(a).toBe(loaded);
    expect(lines).toEqual([]);
  });

  it("cuts a partial last log line on load, and says so in the server log without content", async () => {
    const store = await open();
    const files = await store.createTable(tableData());
    await files.log.append([{ actor: "a", type: "declined", decline: "dec" }]);
    const logFile = path.join(dir, "tables", TABLE_ID, "log.jsonl");
    const whole = await readFile(logFile, "utf8");
    await appendFile(logFile, '{"actor":"a","body":"PARTIAL-SECRET');

    const loaded = await (await open()).table(TABLE_ID);
    expect(loaded?.log.size).toBe(1);
    expect(await readFile(logFile, "utf8")).toBe(whole);
    expect(lines).toHaveLength(1);
    expect(parseLogLine(lines[0] ?? "")).toMatchObject({ level: "warn", msg: expect.stringMatching(/^table .*partial line/) });
    expect(lines[0]).toContain(TABLE_ID);
    expect(lines[0]).not.toContain("PARTIAL-SECRET");
  });

  it("a table file that cannot be read rejects that lookup only, and is retried once repaired", async () => {
    const tableDir = path.join(dir, "tables", TABLE_ID);
    await mkdir(tableDir, { recursive: true });
    await writeFile(path.join(tableDir, "table.json"), "{ not json");
    const store = await open();
    await expect(store.table(TABLE_ID)).rejects.toThrow(SyntaxError);
    await writeFile(path.join(tableDir, "table.json"), JSON.stringify(tableData()));
    const files = await store.table(TABLE_ID);
    expect(files?.doc.data.caseCode).toBe(tableData().caseCode);
  });
});
