// store/durableFile.ts: the write-fsync-rename sequence and fsync'd appends.
import { mkdir, readFile, readdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DurableJSONFile,
  appendLinesDurable,
  readTextIfExists,
  writeFileDurable,
} from "../../server/store/durableFile.js";
import { tempDir } from "./fixtures.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir("durablefile"));
});
afterEach(() => cleanup());

describe("writeFileDurable", () => {
  it("creates the directory, writes, replaces whole content, leaves no temp file, mode 0600", async () => {
    const file = path.join(dir, "x", "f.json");
    await writeFileDurable(file, "first, and longer than the second");
    await writeFileDurable(file, "second");
    expect(await readFile(file, "utf8")).toBe("second");
    expect(await readdir(path.dirname(file))).toEqual(["f.json"]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it("writes UTF-8", async () => {
    const file = path.join(dir, "u.txt");
    await writeFileDurable(file, "Zoë — €");
    expect((await readFile(file)).equals(Buffer.from("Zoë — €", "utf8"))).toBe(true);
  });
});

describe("appendLinesDurable", () => {
  it("appends each line with a newline, creating the file private", async () => {
    const file = path.join(dir, "log", "l.jsonl");
    await appendLinesDurable(file, ["a", "b"]);
    await appendLinesDurable(file, ["c"]);
    await appendLinesDurable(file, []);
    expect(await readFile(file, "utf8")).toBe("a\nb\nc\n");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});

describe("readTextIfExists", () => {
  it("returns null for a missing file and the text of an existing one", async () => {
    expect(await readTextIfExists(path.join(dir, "missing"))).toBeNull();
    await writeFile(path.join(dir, "there"), "hi");
    expect(await readTextIfExists(path.join(dir, "there"))).toBe("hi");
  });

  it("rethrows other errors (a directory is not 'missing')", async () => {
    await mkdir(path.join(dir, "d"));
    await expect(readTextIfExists(path.join(dir, "d"))).rejects.toMatchObject({ code: "EISDIR" });
  });
});

describe("DurableJSONFile", () => {
  it("reads null when absent, then what it wrote", async () => {
    const adapter = new DurableJSONFile<{ a: number[] }>(path.join(dir, "j.json"));
    expect(await adapter.read()).toBeNull();
    await adapter.write({ a: [1, 2] });
    expect(await adapter.read()).toEqual({ a: [1, 2] });
  });
});
