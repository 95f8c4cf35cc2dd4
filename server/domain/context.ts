// What every command needs: the store, the realtime notifier and the logger. Commands
// live in domain/; routes and socket handlers only parse input and call them.
import type { ChangeTopic } from "../../shared/protocol.js";
import type { Sector } from "../../shared/schemas.js";
import type { Logger } from "../logger.js";
import type { LogSigner } from "../log/signer.js";
import type { SessionActivity } from "../auth/activity.js";
import type { Account, Participation } from "../store/records.js";
import type { Store, TableFiles } from "../store/store.js";
import type { Sealer } from "../store/sealer.js";
import { indexOf } from "../store/globalIndex.js";
import { mayAtTable, type TableAction } from "../policies/table.js";
import { mayWhileStatus } from "../policies/case.js";
import { conflict, forbidden, notFound } from "./errors.js";
import type { Send } from "./fragments.js";

/** Realtime side effects of a command, implemented by realtime/; ids only, never content. */
export interface Notifier {
  fragmentReleased(tableId: string, fragmentId: string, recipientIds: string[]): void;
  fragmentRevoked(tableId: string, fragmentId: string, recipientIds: string[]): void;
  tableChanged(tableId: string, topics: ChangeTopic[]): void;
  accessEnded(tableId: string, accountId: string): void;
  sessionEnded(sessionId: string): void;
}

/** A channel content can go to at once: one open socket of a recipient at a table. */
export interface LiveChannel {
  recipientId: string;
  send: Send;
}

export interface Context {
  store: Store;
  logger: Logger;
  notifier: Notifier;
  /**
   * The open channels of these recipients at this table now (realtime/): a release
   * delivers on them within its own lock and log append (domain/fragments.ts `release`).
   */
  liveChannels(files: TableFiles, recipientIds: readonly string[]): LiveChannel[];
  signer: LogSigner;
  sessionHours: number;
  /** Last use of each session, for idle expiry. */
  activity: SessionActivity;
  /** The board's current state (a Yjs update), from the collaboration server. */
  boardState(tableId: string): Promise<Uint8Array>;
  /** The clock retention runs on (injectable, so tests move time instead of sleeping). */
  now(): Date;
  /** The keyring: seals single secrets kept in tafel.json (second-factor secrets). */
  sealer: Sealer;
  /** log2 of scrypt's N for new password hashes (auth/passwords.ts). */
  passwordWorkFactor: number;
}

export function participationOf(ctx: Context, tableId: string, accountId: string): Participation | undefined {
  return indexOf(ctx.store.global.data).participation(tableId, accountId);
}

export interface TableAccess {
  files: TableFiles;
  participation: Participation;
}

/**
 * Loads a table for an actor and an action, or throws the refusal. A table the actor
 * was never at answers "not found", so ids do not reveal which tables exist.
 */
export async function tableFor(ctx: Context, actor: Account, tableId: string, action: TableAction): Promise<TableAccess> {
  const participation = participationOf(ctx, tableId, actor.id);
  const decision = mayAtTable(actor, participation, action);
  if (!participation && actor.role === "member") throw notFound("No table with this id is open to you.");
  if (!decision.allowed) throw forbidden(decision.reason);
  const files = await ctx.store.table(tableId);
  if (!files || !participation) throw notFound("No table with this id is open to you.");
  // A closed case takes nothing new (policies/case.ts); reading stays as mayAtTable says.
  const status = mayWhileStatus(files.doc.data, action);
  if (!status.allowed) throw conflict(status.reason);
  return { files, participation };
}

/** Re-reads the participation inside a lock: the one read before may be stale. */
export function activeParticipation(ctx: Context, tableId: string, accountId: string): Participation | undefined {
  const p = participationOf(ctx, tableId, accountId);
  return p && p.state === "active" ? p : undefined;
}

export function accountById(ctx: Context, id: string): Account | undefined {
  return indexOf(ctx.store.global.data).account(id);
}

/** The sector of an account's organisation: what an agreement's matrix decides on. */
export function sectorOf(ctx: Context, accountId: string): Sector {
  const index = indexOf(ctx.store.global.data);
  const account = index.account(accountId);
  return (account && index.organisation(account.organisationId)?.sector) ?? "other";
}
