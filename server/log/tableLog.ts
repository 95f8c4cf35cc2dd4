// One table's append-only log: a JSONL file of canonical entries, fsync'd before any
// append is acknowledged (invariant 2: nothing is delivered unlogged — callers append,
// await, then send).
//
// Group commit: `append` numbers and queues its entries at once, in call order; one
// writer turns everything queued into one write and one fsync, and each caller's
// promise resolves only after the fsync that covers its entries. Readers (`entries`,
// `tree`, `lines`, `size`) see only what is durable, so no tree head is ever signed over
// an entry that could still be lost. A failed write or fsync rejects every caller of that
// group and of every group queued behind it, and cuts the file back: the log stays
// numbered 0…n-1 without a gap, and the next append takes the next number.
import { hash } from "node:crypto";
import { AppendFile, readWholeLines, type LogFile } from "./appendFile.js";
import { canonicalJson } from "./canonicalJson.js";
import { DeliveryIndex } from "./deliveryIndex.js";
import { GroupCommit } from "./groupCommit.js";
import { MerkleTree, type Hash } from "./merkle.js";
import type { LogEntry, NewLogEntry } from "./entries.js";
import { ReceiptTimes } from "./receiptTimes.js";
import { TafelError } from "../domain/errors.js";

// The RFC 6962 hashes of merkle.ts (leafHash, nodeHash), computed with node:crypto:
// several times faster than the portable implementation the browser uses, which
// matters when a table with a long log is loaded and on every append. The one-shot
// `hash` costs about half of a createHash / update / digest round. A leaf is
// SHA-256(0x00 || UTF-8 line): U+0000 is the one byte 0x00 in UTF-8.
const NODE = Buffer.of(0x01);
const leafHashOf = (line: string): Buffer => hash("sha256", `\u0000${line}`, "buffer");
const nodeHashOf = (left: Hash, right: Hash): Hash => hash("sha256", Buffer.concat([NODE, left, right]), "buffer");
const hex = (h: Hash): string => Buffer.from(h.buffer, h.byteOffset, h.byteLength).toString("hex");

interface Queued {
  stamped: LogEntry[];
  lines: string[];
  /** Their leaf hashes, computed while the group's write is on its way to the disk. */
  leaves?: Buffer[];
  resolve: (entries: LogEntry[]) => void;
  reject: (err: unknown) => void;
}

export interface TableLogOptions {
  /** The file's durable operations; the real file unless a test injects faults. */
  file?: LogFile;
}

export class TableLog {
  private constructor(
    private readonly out: LogFile,
    private readonly list: LogEntry[],
    private readonly canonical: string[],
    readonly tree: MerkleTree,
    /** Bytes of the file that are durable: where a failed group is cut back to. */
    private durableBytes: number,
  ) {
    this.index = DeliveryIndex.of(list);
    this.receiptTimes = ReceiptTimes.of(list);
    this.nextSeq = list.length;
  }

  /**
   * Leaf hash (hex) → index, for get-proof-by-hash: built up to the tree's size on the
   * first look-up after appends, not on every append (a hex string and a map entry per
   * entry were a tenth of a group commit's CPU, and a look-up by hash is rare).
   */
  private readonly byLeaf = new Map<string, number>();
  private byLeafSize = 0;
  /** Deliveries and receipts, durable and queued. */
  private index: DeliveryIndex;
  /** First sent / delivered / opened per fragment and recipient, durable entries only. */
  private readonly receiptTimes: ReceiptTimes;
  /** The seq the next appended entry gets: durable entries plus those queued or being written. */
  private nextSeq: number;
  private readonly commits = new GroupCommit<Queued>({
    write: (group) => this.writeGroup(group),
    written: (group) => this.settle(group),
    failed: (dropped, err) => this.dropAfterFailure(dropped, err),
  });
  /** Set when a failed group could not be cut from the file: nothing more is appended. */
  private broken: unknown = null;

  static async open(file: string, options: TableLogOptions = {}): Promise<{ log: TableLog; repaired: boolean }> {
    const { lines, bytes, repaired } = await readWholeLines(file);
    const list = lines.map((l) => JSON.parse(l) as LogEntry);
    // Entries are numbered 0…n-1 in order. A file that is not (edited, lines lost) is not
    // appended to: new entries would repeat numbers and bury the damage.
    const broken = list.findIndex((e, i) => e.seq !== i);
    if (broken >= 0) {
      throw new TafelError("internal", `This table's log is damaged at entry ${broken}; it must be restored from a backup before the table can be used.`);
    }
    const tree = new MerkleTree(nodeHashOf);
    for (const l of lines) tree.append(leafHashOf(l));
    const log = new TableLog(options.file ?? new AppendFile(file), list, lines, tree, bytes);
    return { log, repaired };
  }

  /** Durable entries. */
  get size(): number {
    return this.list.length;
  }

  get entries(): readonly LogEntry[] {
    return this.list;
  }

  /** Deliveries by id, including entries queued for writing (see DeliveryIndex). */
  get deliveries(): DeliveryIndex {
    return this.index;
  }

  /** When each fragment was first sent, delivered and opened to each recipient (durable entries). */
  get receipts(): ReceiptTimes {
    return this.receiptTimes;
  }

  leafHashAt(index: number): string {
    return hex(this.tree.leaf(index));
  }

  /** The stored canonical lines [start, end): exactly the bytes that were hashed. */
  lines(start: number, end: number): string[] {
    return this.canonical.slice(start, end);
  }

  indexOfLeaf(leafHashHex: string): number | undefined {
    for (; this.byLeafSize < this.tree.size; this.byLeafSize += 1) {
      // Leaves are unique: every line carries its own seq.
      this.byLeaf.set(hex(this.tree.leaf(this.byLeafSize)), this.byLeafSize);
    }
    return this.byLeaf.get(leafHashHex);
  }

  rootHash(): string {
    return hex(this.tree.root());
  }

  /**
   * Numbers and queues the entries now (synchronously, so the order of calls is the
   * order of seq) and resolves once they are on disk; entries of one call share one
   * timestamp. Calls need not be serialised: concurrent ones share a write and an fsync.
   */
  append(entries: NewLogEntry[]): Promise<LogEntry[]> {
    if (this.broken !== null) {
      return Promise.reject(new TafelError("internal", "This table's log could not be written and must be reopened (restart the server)."));
    }
    // Nothing to write: no group, and no empty line in the file (backup's check reads
    // every line as an entry).
    if (entries.length === 0) return Promise.resolve([]);
    const at = new Date().toISOString();
    const stamped = entries.map((e, i) => ({ ...e, seq: this.nextSeq + i, at }) as LogEntry);
    const lines = stamped.map(canonicalJson);
    this.nextSeq += stamped.length;
    for (const e of stamped) this.index.add(e);
    return new Promise<LogEntry[]>((resolve, reject) => this.commits.add({ stamped, lines, resolve, reject }));
  }

  /** Waits for appends still queued or being written (they may fail) and closes the file. */
  async close(): Promise<void> {
    await this.commits.settled();
    await this.out.close();
  }

  private async writeGroup(group: readonly Queued[]): Promise<void> {
    // Appends made after the file could not be cut back (see dropAfterFailure).
    if (this.broken !== null) throw new TafelError("internal", "This table's log could not be written and must be reopened (restart the server).");
    const bytes = Buffer.from(`${group.flatMap((q) => q.lines).join("\n")}\n`, "utf8");
    const written = this.out.appendDurable(bytes);
    // The leaf hashes are computed while the disk works (they change no state).
    for (const q of group) q.leaves = q.lines.map(leafHashOf);
    await written;
    this.durableBytes += bytes.length;
  }

  /** The group is durable: readers see it, and its callers are answered. */
  private settle(group: readonly Queued[]): void {
    for (const q of group) {
      this.list.push(...q.stamped);
      for (const e of q.stamped) this.receiptTimes.add(e);
      q.lines.forEach((l, i) => {
        this.tree.append((q.leaves as Buffer[])[i] as Buffer);
        this.canonical.push(l);
      });
    }
    for (const q of group) q.resolve(q.stamped);
  }

  /**
   * The group failed: it and everything queued behind it (numbered after it) is
   * rejected, the numbering goes back to the durable end, and the file is cut back there
   * (a failed fsync may have left some of the bytes). If even that fails, the log
   * refuses further appends rather than risk a gap or a repeated number; appends made
   * while the file was being cut were numbered from the durable end, and are written
   * next, or refused if it could not be cut.
   */
  private async dropAfterFailure(dropped: readonly Queued[], err: unknown): Promise<void> {
    this.nextSeq = this.list.length;
    this.index = DeliveryIndex.of(this.list);
    try {
      await this.out.truncate(this.durableBytes);
    } catch (cutErr) {
      this.broken = cutErr;
    }
    for (const q of dropped) q.reject(err);
  }
}
