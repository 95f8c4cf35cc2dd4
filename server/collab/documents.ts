// The loaded Yjs documents: one Y.Doc and one Awareness per document name, loaded from
// disk on first use and unloaded (after compaction) when its last connection leaves.
//
// Every read or change of a Y.Doc runs under that document's mutex, and a change is
// appended durably before the mutex is released. So whatever any connection is sent —
// a SyncStep2, a broadcast update — is already on disk ("acknowledged = survives
// kill -9"), and a connection's SyncStep2 answering a SyncStep1 it sent after an update
// acknowledges that update.
import { Mutex } from "async-mutex";
import * as Y from "yjs";
import { applyAwarenessUpdate, Awareness, removeAwarenessStates } from "y-protocols/awareness";
import { COLLAB_CLOSE, formatDocName, type CollabCloseCode, type CollabDocName } from "../../shared/collab.js";
import type { Logger } from "../logger.js";
import type { Sealer } from "../store/sealer.js";
import { AwarenessOwners, verifiedState, type AwarenessPeer } from "./awareness.js";
import {
  awarenessFrame,
  BadMessage,
  encodeAwarenessEntries,
  syncStep1Frame,
  syncStep2Frame,
  updateFrame,
  type AwarenessEntry,
} from "./messages.js";
import { COMPACT_AFTER_UPDATES, DocumentFiles } from "./persistence.js";

/** A connection, as a document sees it. */
export interface DocumentPeer extends AwarenessPeer {
  /** False once the connection is closing: it is not (re)joined. */
  readonly isOpen: boolean;
  /** Sends bytes of this document, if the peer may still receive them. */
  send(frame: Uint8Array): void;
  close(code: CollabCloseCode): void;
}

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : "error";
}

export class CollabDocument {
  readonly ydoc = new Y.Doc();
  readonly awareness: Awareness;
  private readonly peers = new Set<DocumentPeer>();
  private readonly owners = new AwarenessOwners();
  private readonly mutex = new Mutex();
  /** Collects the updates one applyUpdate produced (the doc's `update` event is synchronous). */
  private captured: Uint8Array[] | null = null;
  private broken = false;

  private constructor(
    readonly name: string,
    private readonly files: DocumentFiles,
    private readonly logger: Logger,
    private readonly onBroken: () => void,
    private readonly compactAfter: number,
  ) {
    this.awareness = new Awareness(this.ydoc);
    this.awareness.setLocalState(null); // the server itself has no presence
    this.ydoc.on("update", (update: Uint8Array) => this.captured?.push(update));
    this.awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      const changed = [...added, ...updated, ...removed];
      if (changed.length === 0 || this.broken) return;
      const frame = awarenessFrame(this.awareness, changed);
      for (const peer of this.peers) peer.send(frame);
    });
  }

  static async load(
    ref: CollabDocName,
    files: DocumentFiles,
    logger: Logger,
    onBroken: () => void,
    compactAfter = COMPACT_AFTER_UPDATES,
  ): Promise<CollabDocument> {
    const loaded = await files.load();
    const doc = new CollabDocument(formatDocName(ref), files, logger, onBroken, compactAfter);
    try {
      Y.transact(doc.ydoc, () => {
        if (loaded.snapshot) Y.applyUpdate(doc.ydoc, loaded.snapshot);
        for (const update of loaded.updates) Y.applyUpdate(doc.ydoc, update);
      });
    } catch (err) {
      doc.ydoc.destroy();
      throw err;
    }
    if (loaded.repaired) logger.warn(`collab: a ${ref.kind} ended in an unacknowledged partial update; it was cut`);
    return doc;
  }

  get peerCount(): number {
    return this.peers.size;
  }

  runExclusive<T>(task: () => Promise<T> | T): Promise<T> {
    return this.mutex.runExclusive(task);
  }

  /** Joins a peer: it gets the server's SyncStep1 and everyone's awareness. */
  attach(peer: DocumentPeer): Promise<void> {
    return this.runExclusive(() => {
      if (this.broken) return peer.close(COLLAB_CLOSE.serverError);
      if (!peer.isOpen) return; // closed while waiting for the mutex: it has left already
      this.peers.add(peer);
      peer.send(syncStep1Frame(this.ydoc));
      const present = [...this.awareness.getStates().keys()];
      if (present.length > 0) peer.send(awarenessFrame(this.awareness, present));
    });
  }

  /** The peer left: its awareness state is removed (and the removal sent to the others). */
  detach(peer: DocumentPeer): void {
    if (!this.peers.delete(peer) || this.broken) return;
    const id = this.owners.release(peer);
    if (id !== undefined && this.awareness.getStates().has(id)) removeAwarenessStates(this.awareness, [id], peer);
  }

  /** SyncStep1 → SyncStep2: what the peer is missing. Under the mutex: durable state only. */
  answerStep1(peer: DocumentPeer, stateVector: Uint8Array): Promise<void> {
    return this.runExclusive(() => {
      if (!this.broken) peer.send(syncStep2Frame(this.ydoc, stateVector));
    });
  }

  /**
   * Applies a peer's update: what it changed is appended durably, then sent to the other
   * peers. If the write fails, the document is closed for everyone (1011) and dropped
   * from memory, so what was not written is never served.
   */
  applyUpdate(peer: DocumentPeer, update: Uint8Array): Promise<void> {
    return this.runExclusive(async () => {
      if (this.broken) return;
      const changes: Uint8Array[] = [];
      let failure: unknown = null;
      this.captured = changes;
      try {
        Y.applyUpdate(this.ydoc, update, peer);
      } catch (err) {
        failure = err; // whatever was integrated before the error is in `changes`
      } finally {
        this.captured = null;
      }
      if (changes.length > 0) {
        const change = changes.length === 1 ? (changes[0] as Uint8Array) : Y.mergeUpdates(changes);
        try {
          await this.files.append(change);
        } catch (err) {
          this.break(err);
          return;
        }
        const frame = updateFrame(change);
        for (const other of this.peers) if (other !== peer) other.send(frame);
        if (this.files.pendingUpdates >= this.compactAfter) await this.compact();
      }
      if (failure) throw new BadMessage(failure instanceof Error ? failure.message : "update could not be applied");
    });
  }

  /** A peer's awareness: only its own clientID, with `user` set from its account. */
  applyAwareness(peer: DocumentPeer, entries: readonly AwarenessEntry[]): void {
    if (this.broken) return;
    const accepted = entries
      .filter((e) => this.owners.mayWrite(peer, e))
      .map((e) => ({ ...e, state: e.state === null ? null : verifiedState(e.state, peer.user) }));
    // applyAwarenessUpdate keeps y-protocols' clock rules (a newer clock wins) and emits
    // `update`, which the listener above sends to every peer, the sender included (so a
    // client learns the identity the server gave it, and hears from the server regularly).
    if (accepted.length > 0) applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), peer);
  }

  queryAwareness(peer: DocumentPeer): void {
    const present = [...this.awareness.getStates().keys()];
    if (!this.broken && present.length > 0) peer.send(awarenessFrame(this.awareness, present));
  }

  /** Folds the updates file into the snapshot; a failure leaves both files valid. */
  async compact(): Promise<void> {
    if (this.broken || this.files.pendingUpdates === 0) return;
    try {
      await this.files.compact(Y.encodeStateAsUpdate(this.ydoc));
    } catch (err) {
      this.logger.error(`collab: compaction failed (${errorName(err)}); the updates file is kept`);
    }
  }

  destroy(): void {
    this.ydoc.destroy(); // destroys the awareness too
  }

  private break(err: unknown): void {
    this.broken = true;
    this.logger.error(`collab: an update could not be written (${errorName(err)}); the document was closed`);
    this.onBroken();
    for (const peer of [...this.peers]) peer.close(COLLAB_CLOSE.serverError);
    this.peers.clear();
    this.destroy();
  }
}

interface Entry {
  refs: number;
  loading: Promise<CollabDocument>;
}

/** A use of a loaded document; `release` once, when the connection is done with it. */
export interface Lease {
  doc: CollabDocument;
  release(): void;
}

export class DocumentRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly dataDir: string,
    private readonly logger: Logger,
    private readonly compactAfter = COMPACT_AFTER_UPDATES,
    private readonly sealer?: Sealer,
  ) {}

  get loadedCount(): number {
    return this.entries.size;
  }

  async acquire(ref: CollabDocName): Promise<Lease> {
    const name = formatDocName(ref);
    let held = this.entries.get(name);
    if (!held) {
      const created: Entry = {
        refs: 0,
        loading: CollabDocument.load(
          ref,
          DocumentFiles.for(this.dataDir, ref, this.sealer),
          this.logger,
          () => this.forget(name, created),
          this.compactAfter,
        ),
      };
      // A failed load is not cached (and handled here, so it is no unhandled rejection).
      created.loading.catch(() => this.forget(name, created));
      this.entries.set(name, created);
      held = created;
    }
    held.refs += 1;
    let doc: CollabDocument;
    try {
      doc = await held.loading;
    } catch (err) {
      held.refs -= 1;
      throw err;
    }
    let released = false;
    return {
      doc,
      release: () => {
        if (released) return;
        released = true;
        held.refs -= 1;
        if (held.refs === 0) void this.unload(name, held, doc);
      },
    };
  }

  /** Flushes and unloads every document (server shutdown, after connections closed). */
  async close(): Promise<void> {
    const all = [...this.entries.entries()];
    this.entries.clear();
    await Promise.all(
      all.map(async ([, entry]) => {
        const doc = await entry.loading.catch(() => null);
        if (!doc) return;
        await doc.runExclusive(async () => {
          await doc.compact();
          doc.destroy();
        });
      }),
    );
  }

  private forget(name: string, entry: Entry): void {
    if (this.entries.get(name) === entry) this.entries.delete(name);
  }

  private async unload(name: string, entry: Entry, doc: CollabDocument): Promise<void> {
    try {
      await doc.runExclusive(async () => {
        if (entry.refs > 0 || this.entries.get(name) !== entry) return;
        await doc.compact();
        // Someone opened it while it was being compacted: it stays.
        if (entry.refs > 0 || this.entries.get(name) !== entry) return;
        this.entries.delete(name);
        doc.destroy();
      });
    } catch (err) {
      this.logger.error(`collab: unloading a document failed (${errorName(err)})`);
    }
  }
}
