// Awareness is not trusted (Yjs authenticates neither authorship nor awareness):
// - each connection owns one awareness clientID, the first it announces with a state;
//   entries for any other clientID are dropped silently (y-websocket echoes the states
//   it received from others, so dropping is normal, not an attack);
// - a clientID stays bound to its account for a while after its connection left, so
//   the same person reconnecting gets it back and nobody else can take it over;
// - the server writes `user` into every state from the signed-in account; a client
//   chooses only its cursor colour.
import type { CollabUser } from "../../shared/collab.js";
import type { AwarenessEntry } from "./messages.js";

/** How long a departed connection's clientID stays reserved for its account. */
const RESERVED_MS = 60_000;
const COLOR = /^#[0-9a-fA-F]{6}$/;

/** What the awareness rules need to know of a connection. */
export interface AwarenessPeer {
  readonly accountId: string;
  readonly user: CollabUser;
}

interface Owner {
  peer: AwarenessPeer | null;
  accountId: string;
  leftAt: number;
}

export class AwarenessOwners {
  private readonly owners = new Map<number, Owner>();
  private readonly byPeer = new Map<AwarenessPeer, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** May this peer write this clientID's state? Claims it when the peer has none yet. */
  mayWrite(peer: AwarenessPeer, entry: AwarenessEntry): boolean {
    const mine = this.byPeer.get(peer);
    if (mine !== undefined) return mine === entry.clientID;
    // Only a live state claims an id: a `null` is a departure (often an echo).
    if (entry.state === null) return false;
    const owner = this.owners.get(entry.clientID);
    if (owner) {
      const reserved = owner.peer !== null || this.now() - owner.leftAt < RESERVED_MS;
      // The same person may take their id over (a reconnect before the old socket ended).
      if (reserved && owner.accountId !== peer.accountId) return false;
      if (owner.peer) this.byPeer.delete(owner.peer);
    }
    this.owners.set(entry.clientID, { peer, accountId: peer.accountId, leftAt: 0 });
    this.byPeer.set(peer, entry.clientID);
    return true;
  }

  /** The peer left: returns its clientID (its state is to be removed), kept reserved. */
  release(peer: AwarenessPeer): number | undefined {
    const id = this.byPeer.get(peer);
    if (id === undefined) return undefined;
    this.byPeer.delete(peer);
    const owner = this.owners.get(id);
    if (owner?.peer === peer) {
      owner.peer = null;
      owner.leftAt = this.now();
    }
    this.sweep();
    return id;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, owner] of this.owners) if (!owner.peer && now - owner.leftAt >= RESERVED_MS) this.owners.delete(id);
  }
}

/** The state as others receive it: the client's fields, with `user` from the server. */
export function verifiedState(state: Record<string, unknown>, who: CollabUser): Record<string, unknown> {
  const claimed = state.user;
  const color = typeof claimed === "object" && claimed !== null && "color" in claimed ? (claimed as { color: unknown }).color : undefined;
  const user: CollabUser = { id: who.id, name: who.name, organisation: who.organisation };
  if (typeof color === "string" && COLOR.test(color)) user.color = color;
  return { ...state, user };
}
