// Verifies a table's log every time its view is loaded or refreshed, in the background
// (the rest of the table never waits for it): pins the log's key on first sight,
// checks the signed head, the proofs and consistency with the head this browser saw
// before, remembers the new head only when everything verified, and keeps an alarm
// with its evidence until the person says they have reported it.
import { useCallback, useEffect, useRef, useState } from "react";
import type { LogKeyView, LogView, SignedTreeHead } from "../../../shared/types";
import { verifyTreeHead } from "../../../server/log/treeHead.js";
import type { Failure } from "../log/failures";
import { logKey } from "../log/logKey";
import {
  clearAlarm,
  pinKey,
  readAlarm,
  readHead,
  readPinnedKey,
  writeAlarm,
  writeHead,
  type AlarmRecord,
} from "../log/treeHeadStore";
import { forgetProofs, verifyTable, type RecordedCommitment, type RowState } from "../log/verifyTable";

export interface Verification {
  state: "checking" | "verified" | "failed";
  /** The head checked (the log view's). */
  head: SignedTreeHead | null;
  /** The head it was compared with; null the first time this browser sees the table. */
  earlier: SignedTreeHead | null;
  failures: Failure[];
  /** A check could not run (network, server error): the reason, nothing proven. */
  unavailable: string | null;
  /** Receipt rows by seq; rows not (yet) in the map are being checked. */
  rows: ReadonlyMap<number, RowState>;
  commitments: ReadonlyMap<string, RecordedCommitment>;
}

export interface LogVerification {
  verification: Verification;
  /** The key the server names now, and the key this browser pinned. */
  key: { served: LogKeyView | null; pinned: string | null };
  /** Evidence of a failed check, persisted until dismissed. */
  alarm: AlarmRecord | null;
  /** "I have reported this": trust the current key and head from now on. */
  dismiss(): void;
  retry(): void;
}

const CHECKING: Verification = {
  state: "checking",
  head: null,
  earlier: null,
  failures: [],
  unavailable: null,
  rows: new Map(),
  commitments: new Map(),
};

export function useLogVerification(tableId: string, view: LogView | undefined): LogVerification {
  const [verification, setVerification] = useState<Verification>(CHECKING);
  const [alarm, setAlarm] = useState<AlarmRecord | null>(() => readAlarm(tableId));
  const [key, setKey] = useState<LogVerification["key"]>(() => ({ served: null, pinned: readPinnedKey() }));
  const [round, setRound] = useState(0);
  // Runs are serialised (each compares with what the previous one stored) and only the
  // newest view waiting is checked.
  const chain = useRef<Promise<void>>(Promise.resolve());
  const generation = useRef(0);

  useEffect(() => {
    setAlarm(readAlarm(tableId));
    setVerification(CHECKING);
  }, [tableId]);

  useEffect(() => {
    if (!view || view.tableId !== tableId) return;
    const mine = ++generation.current;
    setVerification((prev) => ({ ...prev, state: "checking", unavailable: null }));

    const run = async () => {
      if (mine !== generation.current) return;
      const earlier = readHead(tableId);
      let served: LogKeyView;
      try {
        served = await logKey();
      } catch (err) {
        if (mine === generation.current) {
          setVerification((prev) => ({ ...prev, state: "failed", unavailable: err instanceof Error ? err.message : String(err) }));
        }
        return;
      }
      const servedKey = served.publicKey.toLowerCase();
      let pinned = readPinnedKey();
      if (!pinned) {
        pinKey(servedKey);
        pinned = servedKey;
      }
      if (mine === generation.current) setKey({ served, pinned });

      let check;
      try {
        check = await verifyTable({ tableId, view, publicKey: pinned, earlier });
      } catch (err) {
        // Unreachable server, or an answer too malformed to check: nothing proven either way.
        const message = err instanceof Error ? err.message : String(err);
        if (mine === generation.current) setVerification((prev) => ({ ...prev, state: "failed", unavailable: message }));
        return;
      }
      const failures: Failure[] = pinned === servedKey ? check.failures : [{ check: "key-changed", pinned, served: servedKey }, ...check.failures];

      let stored = readAlarm(tableId);
      if (failures.length > 0 && !stored) {
        // The evidence is what was detected first; later runs show theirs in the Log tab.
        stored = { detectedAt: new Date().toISOString(), failures, earlier, shown: view.treeHead };
        writeAlarm(tableId, stored);
      } else if (failures.length === 0 && !stored && !check.stale) {
        writeHead(tableId, view.treeHead);
      }

      if (mine !== generation.current) return;
      setAlarm(stored);
      setVerification({
        state: failures.length > 0 ? "failed" : "verified",
        head: view.treeHead,
        earlier,
        failures,
        unavailable: null,
        rows: check.rows,
        commitments: check.commitments,
      });
    };
    chain.current = chain.current.then(run, run);
  }, [tableId, view, round]);

  const dismiss = useCallback(() => {
    const served = key.served;
    if (served) {
      pinKey(served.publicKey);
      // Only a head the server's key really signed becomes the new reference.
      if (view && view.tableId === tableId && verifyTreeHead(tableId, view.treeHead, served.publicKey)) writeHead(tableId, view.treeHead);
    }
    clearAlarm(tableId);
    forgetProofs(tableId);
    setAlarm(null);
    setKey({ served, pinned: readPinnedKey() });
    setRound((r) => r + 1);
  }, [key.served, tableId, view]);

  const retry = useCallback(() => setRound((r) => r + 1), []);

  return { verification, key, alarm, dismiss, retry };
}
