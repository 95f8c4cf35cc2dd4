// The loaded Yjs documents: one Y.Doc and one Awareness per document name, loaded from
// disk on first use and unloaded (after compaction) when its last connection leaves.
//
// Every change of a Y.Doc runs under that document's mutex: it is applied in memory and
// its update queued for the group commit (persistence.ts) before the mutex is released,
// so the updates of many connections share one write and one fsync. Nothing is sent
// from memory that is not on disk ("acknowledged = survives kill -9"):
// - a change is relayed to the other peers only after the fsync that covers it, in the
//   order the changes were applied; a failed write relays nothing of its group and
//   closes the document for everyone;
// - whatever is sent from the document's state (the SyncStep1 on attach, a SyncStep2,
//   the board's state for finalised minutes) is read under the mutex after waiting for
//   every queued update to be durable: then memory and disk hold the same. So a
//   connection's SyncStep2 answering a SyncStep1 it sent after an update acknowledges
//   that update.
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

  /**
   * Under the mutex: waits until every update applied so far is durable. False if one of
   * them failed (the document is broken and closed then).
   */
  private async durable(): Promise<boolean> {
    if (this.broken) return false;
    try {
      await this.files.flushed();
    } catch {
      return false; // break() ran when that group failed
    }
    return !this.broken;
  }

  /** The document's durable state as one update (what finalised minutes freeze). */
  durableState(): Promise<Uint8Array> {
    return this.runExclusive(async () => {
      if (!(await this.durable())) throw new Error("the document could not be written");
      return Y.encodeStateAsUpdate(this.ydoc);
    });
  }

  /** Joins a peer: it gets the server's SyncStep1 and everyone's awareness. */
  attach(peer: DocumentPeer): Promise<void> {
    return this.runExclusive(async () => {
      if (!(await this.durable())) return peer.close(COLLAB_CLOSE.serverError);
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
    return this.runExclusive(async () => {
      if (await this.durable()) peer.send(syncStep2Frame(this.ydoc, stateVector));
    });
  }

  /**
   * Applies a peer's update: what it changed is queued for the group commit under the
   * mutex, and sent to the other peers once it is durable; resolves then (so a
   * connection has at most one update in flight, and its queue of unread frames stays
   * bounded). If the write fails, the document is closed for everyone (1011) and dropped
   * from memory, so what was not written is never served.
   */
  async applyUpdate(peer: DocumentPeer, update: Uint8Array): Promise<void> {
    const { written, failure } = await this.runExclusive(async () => {
      if (this.broken) return { written: null, failure: null };
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
      let written: Promise<void> | null = null;
      if (changes.length > 0) {
        const change = changes.length === 1 ? (changes[0] as Uint8Array) : Y.mergeUpdates(changes);
        // Reactions run in the order the appends were made: relays keep that order.
        written = this.files.append(change).then(
          () => this.relay(peer, change),
          (err: unknown) => this.break(err),
        );
        // Waits for this update's group, then folds the file into the snapshot.
        if (this.files.pendingUpdates >= this.compactAfter) await this.compact();
      }
      return { written, failure };
    });
    await written;
    if (failure) throw new BadMessage(failure instanceof Error ? failure.message : "update could not be applied");
  }

  /** A durable change, to every peer but its sender (each peer checks it may still receive it). */
  private relay(sender: DocumentPeer, change: Uint8Array): void {
    if (this.broken) return;
    const frame = updateFrame(change);
    for (const other of this.peers) if (other !== sender) other.send(frame);
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

  /**
   * Folds the updates file into the snapshot; a failure leaves both files valid. Under
   * the mutex: waits for the queued updates first, so the snapshot is the durable state.
   */
  async compact(): Promise<void> {
    if (!(await this.durable()) || this.files.pendingUpdates === 0) return;
    try {
      await this.files.compact(Y.encodeStateAsUpdate(this.ydoc));
    } catch (err) {
      this.logger.error(`collab: compaction failed (${errorName(err)}); the updates file is kept`);
    }
  }

  destroy(): void {
    this.ydoc.destroy(); // destroys the awareness too
    void this.files.close();
  }

  private break(err: unknown): void {
    if (this.broken) return; // every update of the failed group reports it
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
