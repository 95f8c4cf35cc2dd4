// What this browser remembers about table logs, in localStorage: the log's public key
// (pinned on first sight), the last verified tree head per table (the head only: size,
// time, root, signature — never an entry, never content), and an unresolved alarm per
// table (the failed checks and the two heads, kept until the person dismisses it).
import type { SignedTreeHead } from "../../../shared/types";
import { isTreeHead } from "../../../server/log/verifyExport.js";
import { isFailure, type Failure } from "./failures";

const KEY = "tafel:log-key";
const headKey = (tableId: string) => `tafel:sth:${tableId}`;
const alarmKey = (tableId: string) => `tafel:log-alarm:${tableId}`;

function read(key: string): unknown {
  try {
    const text = window.localStorage.getItem(key);
    return text === null ? null : (JSON.parse(text) as unknown);
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: verification still runs, it just cannot remember.
  }
}

function remove(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // as above
  }
}

/** Exactly the four fields of a signed tree head, whatever else the object carries. */
export function headOnly(head: SignedTreeHead): SignedTreeHead {
  return {
    tree_size: head.tree_size,
    timestamp: head.timestamp,
    sha256_root_hash: head.sha256_root_hash,
    tree_head_signature: head.tree_head_signature,
  };
}

export function readPinnedKey(): string | null {
  const value = read(KEY);
  return typeof value === "string" && /^[0-9a-f]{64}$/i.test(value) ? value.toLowerCase() : null;
}

export function pinKey(publicKeyHex: string): void {
  write(KEY, publicKeyHex.toLowerCase());
}

export function readHead(tableId: string): SignedTreeHead | null {
  const value = read(headKey(tableId));
  return isTreeHead(value) ? headOnly(value) : null;
}

export function writeHead(tableId: string, head: SignedTreeHead): void {
  write(headKey(tableId), headOnly(head));
}

/** The evidence of a failed verification, kept until "I have reported this". */
export interface AlarmRecord {
  detectedAt: string;
  failures: Failure[];
  /** The head this browser had verified before (what the log was). */
  earlier: SignedTreeHead | null;
  /** The head the server showed when the check failed. */
  shown: SignedTreeHead | null;
}

function isAlarm(value: unknown): value is AlarmRecord {
  const v = value as Partial<AlarmRecord> | null;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.detectedAt === "string" &&
    Array.isArray(v.failures) &&
    v.failures.every(isFailure) &&
    (v.earlier === null || isTreeHead(v.earlier)) &&
    (v.shown === null || isTreeHead(v.shown))
  );
}

export function readAlarm(tableId: string): AlarmRecord | null {
  const value = read(alarmKey(tableId));
  return isAlarm(value) ? value : null;
}

export function writeAlarm(tableId: string, alarm: AlarmRecord): void {
  write(alarmKey(tableId), {
    detectedAt: alarm.detectedAt,
    failures: alarm.failures,
    earlier: alarm.earlier && headOnly(alarm.earlier),
    shown: alarm.shown && headOnly(alarm.shown),
  });
}

export function clearAlarm(tableId: string): void {
  remove(alarmKey(tableId));
}
