// The store interface. The embedded default is lowdb files in the data directory
// (lowdbStore.ts); a PostgreSQL store can implement the same interface later.
import type { Mutex } from "async-mutex";
import type { TableLog } from "../log/tableLog.js";
import type { GlobalData, TableData } from "./records.js";
import type { UpdateOptions } from "./durableDoc.js";

export interface Doc<T> {
  readonly data: Readonly<T>;
  /**
   * All-or-nothing: the mutation runs on a copy that replaces the document once durable.
   * `erase`: the update removes content that must leave the disk with it (durableDoc.ts).
   */
  update<R>(mutate: (draft: T) => R, options?: UpdateOptions): Promise<R>;
}

/** One table's file set: its document, its log and the lock that orders both. */
export interface TableFiles {
  readonly id: string;
  readonly doc: Doc<TableData>;
  readonly log: TableLog;
  /** Every change to the table or its log, and every delivery, runs under this lock. */
  readonly lock: Mutex;
}

export interface Store {
  readonly global: Doc<GlobalData>;
  /** Loads a table's files on first use; null if no such table. */
  table(id: string): Promise<TableFiles | null>;
  /** Ids of the tables loaded (or loading) so far: what lazy loading has opened. */
  loadedTables(): string[];
  createTable(initial: TableData): Promise<TableFiles>;
  /** Immutable binary records of a table (frozen minutes), written durably; null if absent. */
  writeBlob(tableId: string, name: string, bytes: Uint8Array): Promise<void>;
  readBlob(tableId: string, name: string): Promise<Uint8Array | null>;
}
