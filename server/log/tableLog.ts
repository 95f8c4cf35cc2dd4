// One table's append-only log: a JSONL file of canonical entries, fsync'd on every
// append (invariant 2: nothing is delivered unlogged — callers append, await, then send).
import { truncate } from "node:fs/promises";
import canonicalize from "canonicalize";
import { appendLinesDurable, readTextIfExists } from "../store/durableFile.js";
import { leafHash, MerkleTree, toHex } from "./merkle.js";
import type { LogEntry, NewLogEntry } from "./entries.js";
import { TafelError } from "../domain/errors.js";

const utf8 = new TextEncoder();

export class TableLog {
  private constructor(
    private readonly file: string,
    private readonly list: LogEntry[],
    private readonly canonical: string[],
    readonly tree: MerkleTree,
  ) {
    canonical.forEach((_, i) => this.byLeaf.set(this.leafHashAt(i), i));
  }

  /** Leaf hash (hex) → index, for get-proof-by-hash. */
  private readonly byLeaf = new Map<string, number>();

  static async open(file: string): Promise<{ log: TableLog; repaired: boolean }> {
    let text = (await readTextIfExists(file)) ?? "";
    let repaired = false;
    // A line without its newline was never acknowledged (the append had not been
    // fsync'd when the process died): cut it so the file is whole lines again.
    if (text.length > 0 && !text.endsWith("\n")) {
      text = text.slice(0, text.lastIndexOf("\n") + 1);
      await truncate(file, Buffer.byteLength(text));
      repaired = true;
    }
    const lines = text.split("\n").filter((l) => l.length > 0);
    const list = lines.map((l) => JSON.parse(l) as LogEntry);
    // Entries are numbered 0…n-1 in order. A file that is not (edited, lines lost) is not
    // appended to: new entries would repeat numbers and bury the damage.
    const broken = list.findIndex((e, i) => e.seq !== i);
    if (broken >= 0) {
      throw new TafelError("internal", `This table's log is damaged at entry ${broken}; it must be restored from a backup before the table can be used.`);
    }
    const tree = new MerkleTree();
    for (const l of lines) tree.append(leafHash(utf8.encode(l)));
    return { log: new TableLog(file, list, lines, tree), repaired };
  }

  get size(): number {
    return this.list.length;
  }

  get entries(): readonly LogEntry[] {
    return this.list;
  }

  leafHashAt(index: number): string {
    return toHex(this.tree.leaf(index));
  }

  /** The stored canonical lines [start, end): exactly the bytes that were hashed. */
  lines(start: number, end: number): string[] {
    return this.canonical.slice(start, end);
  }

  indexOfLeaf(leafHashHex: string): number | undefined {
    return this.byLeaf.get(leafHashHex);
  }

  rootHash(): string {
    return toHex(this.tree.root());
  }

  /** Appends durably; resolves only once the entries are on disk. Callers serialise. */
  async append(entries: NewLogEntry[]): Promise<LogEntry[]> {
    const at = new Date().toISOString();
    const stamped = entries.map((e, i) => ({ ...e, seq: this.list.length + i, at }) as LogEntry);
    const lines = stamped.map((e) => canonicalize(e) as string);
    await appendLinesDurable(this.file, lines);
    this.list.push(...stamped);
    for (const l of lines) {
      this.tree.append(leafHash(utf8.encode(l)));
      this.canonical.push(l);
      this.byLeaf.set(this.leafHashAt(this.canonical.length - 1), this.canonical.length - 1);
    }
    return stamped;
  }
}
