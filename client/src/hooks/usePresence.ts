// Who is here, from the awareness states of a document. The server writes `user`
// ({id, name, organisation}) into everyone else's state from their account, so these
// names are verified; my own entry is the signed-in account.
import { useEffect, useState } from "react";
import type { WebsocketProvider } from "y-websocket";

export interface PresentPerson {
  id: string;
  name: string;
  organisation: string;
  color: string | undefined;
  self: boolean;
}

function field(value: Record<string, unknown>, key: string): string | undefined {
  const v = value[key];
  return typeof v === "string" ? v : undefined;
}

function read(provider: WebsocketProvider, me: { id: string; name: string; organisation: string }): PresentPerson[] {
  const out = new Map<string, PresentPerson>();
  const selfId = provider.awareness.clientID;
  for (const [clientId, state] of provider.awareness.getStates()) {
    const userValue: unknown = state.user;
    if (typeof userValue !== "object" || userValue === null) continue;
    const user = userValue as Record<string, unknown>;
    const self = clientId === selfId;
    const id = self ? me.id : field(user, "id");
    if (!id) continue; // not yet verified by the server
    const person: PresentPerson = {
      id,
      name: self ? me.name : (field(user, "name") ?? ""),
      organisation: self ? me.organisation : (field(user, "organisation") ?? ""),
      color: field(user, "color"),
      self: self || id === me.id,
    };
    // The same person in two windows is one person here.
    if (!out.has(id) || self) out.set(id, person);
  }
  return [...out.values()].sort((a, b) => (a.self === b.self ? a.name.localeCompare(b.name) : a.self ? -1 : 1));
}

export function usePresence(provider: WebsocketProvider | null, me: { id: string; name: string; organisation: string }): PresentPerson[] {
  const [people, setPeople] = useState<PresentPerson[]>([]);
  const { id, name, organisation } = me;
  useEffect(() => {
    if (!provider) {
      setPeople([]);
      return;
    }
    const update = () => setPeople(read(provider, { id, name, organisation }));
    update();
    provider.awareness.on("change", update);
    return () => provider.awareness.off("change", update);
  }, [provider, id, name, organisation]);
  return people;
}
