// The embedded store: data/tafel.json for accounts, sessions and participations;
// data/tables/<id>/table.json and log.jsonl per table, loaded lazily.
import path from "node:path";
import { access, readFile } from "node:fs/promises";
import { writeFileDurable } from "./durableFile.js";
import { Mutex } from "async-mutex";
import { DurableDoc } from "./durableDoc.js";
import { JournaledJSONFile } from "./journaledFile.js";
import { TableLog } from "../log/tableLog.js";
import { unloggedRevocations } from "../log/unloggedRevocations.js";
import type { Logger } from "../logger.js";
import type { Sealer } from "./sealer.js";
import type { GlobalData, TableData } from "./records.js";
import type { Store, TableFiles } from "./store.js";

const EMPTY: GlobalData = {
  organisations: [],
  accounts: [],
  sessions: [],
  tables: [],
  participations: [],
  setup: { tokenHash: null },
};

const TABLE_ID = /^[0-9a-f-]{36}$/;

/**
 * With a sealer, table documents and blobs (everything holding content) are sealed at
 * rest; tafel.json (accounts, token hashes, participations) and the logs are not.
 */
export async function openLowdbStore(dataDir: string, logger: Logger, sealer?: Sealer): Promise<Store> {
  const global = await DurableDoc.open<GlobalData>(path.join(dataDir, "tafel.json"), structuredClone(EMPTY));
  const loaded = new Map<string, Promise<TableFiles | null>>();

  const dirOf = (id: string) => path.join(dataDir, "tables", id);
  const BLOB_NAME = /^[a-z0-9-]{1,64}$/;
  const blobPath = (tableId: string, name: string) => {
    // Both parts become a path: only ever a uuid and a plain name.
    if (!TABLE_ID.test(tableId) || !BLOB_NAME.test(name)) throw new Error("invalid blob reference");
    return path.join(dirOf(tableId), "blobs", name);
  };

  async function load(id: string, initial?: TableData): Promise<TableFiles | null> {
    const dir = dirOf(id);
    const tableFile = path.join(dir, "table.json");
    if (!initial) {
      try {
        await access(tableFile);
      } catch {
        return null;
      }
    }
    // A new table starts from nothing and is written whole by its first update; later
    // updates are appended to its journal (journaledFile.ts).
    const sealing = sealer ? { sealing: { sealer, place: `tables/${id}/table.json` } } : {};
    const doc = await DurableDoc.using<TableData>(new JournaledJSONFile<TableData>(tableFile, sealing), {} as TableData);
    if (initial) await doc.update((d) => Object.assign(d, initial));
    const { log, repaired } = await TableLog.open(path.join(dir, "log.jsonl"));
    if (repaired) logger.warn(`table ${id}: log ended in an unacknowledged partial line; it was cut`);
    const missing = initial ? [] : unloggedRevocations(doc.data, log);
    if (missing.length > 0) {
      await log.append(missing);
      logger.warn(`table ${id}: ${missing.length} revocation(s) a crash left out of the log were logged`);
    }
    return { id, doc, log, lock: new Mutex() };
  }

  return {
    global,
    table(id) {
      // Ids come from URLs: only ever a uuid becomes a path.
      if (!TABLE_ID.test(id)) return Promise.resolve(null);
      const cached = loaded.get(id);
      if (cached) return cached;
      const files = load(id);
      loaded.set(id, files);
      // A miss is not cached: the table may be created later. Nor is a failed load
      // (retried next time; handled here so it is no unhandled rejection). Only this
      // lookup's own entry is dropped: createTable may have replaced it meanwhile.
      const forget = () => {
        if (loaded.get(id) === files) loaded.delete(id);
      };
      void files.then((f) => {
        if (f === null) forget();
      }, forget);
      return files;
    },
    loadedTables() {
      return [...loaded.keys()];
    },
    async writeBlob(tableId, name, bytes) {
      await writeFileDurable(blobPath(tableId, name), sealer ? sealer.seal(bytes, `tables/${tableId}/blobs/${name}`) : bytes);
    },
    async readBlob(tableId, name) {
      try {
        const stored = new Uint8Array(await readFile(blobPath(tableId, name)));
        return sealer ? new Uint8Array(sealer.open(stored, `tables/${tableId}/blobs/${name}`)) : stored;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw err;
      }
    },
    async createTable(initial) {
      const files = load(initial.id, initial);
      loaded.set(initial.id, files);
      return (await files) as TableFiles;
    },
  };
}
