// The transparent log's read side, in Certificate Transparency's shapes: signed tree
// heads, inclusion and consistency proofs, entries, and the offline export. Every
// participant of a table may read all of it (it holds metadata only).
import type { z } from "zod";
import type { ConsistencyQuery, EntriesQuery, ProofByHashQuery } from "../../shared/schemas.js";
import { MAX_ENTRIES_PER_CALL } from "../../shared/schemas.js";
import type { ConsistencyProofView, InclusionProofView, LogEntriesView, LogExport, SignedTreeHead } from "../../shared/types.js";
import { fromBase64, toBase64 } from "../log/treeHead.js";
import { toHex } from "../log/merkle.js";
import type { Account } from "../store/records.js";
import type { TableFiles } from "../store/store.js";
import { tableFor, type Context } from "./context.js";
import { invalid, notFound } from "./errors.js";

async function readable(ctx: Context, actor: Account, tableId: string): Promise<TableFiles> {
  return (await tableFor(ctx, actor, tableId, "read-log")).files;
}

export function signedHead(ctx: Context, files: TableFiles): SignedTreeHead {
  return ctx.signer.signTreeHead(files.id, files.log.size, files.log.tree.root());
}

export async function treeHead(ctx: Context, actor: Account, tableId: string): Promise<SignedTreeHead> {
  return signedHead(ctx, await readable(ctx, actor, tableId));
}

function checkSize(files: TableFiles, size: number, name: string): void {
  if (size > files.log.size) throw invalid(`${name}: the log has only ${files.log.size} entries.`, [{ path: name, message: "is larger than the log" }]);
}

export async function proofByHash(
  ctx: Context,
  actor: Account,
  tableId: string,
  q: z.infer<typeof ProofByHashQuery>,
): Promise<InclusionProofView> {
  const files = await readable(ctx, actor, tableId);
  checkSize(files, q.tree_size, "tree_size");
  const index = files.log.indexOfLeaf(toHex(fromBase64(q.hash)));
  if (index === undefined || index >= q.tree_size) throw notFound("No entry with this leaf hash in a tree of that size.");
  return { leaf_index: index, audit_path: files.log.tree.inclusionProof(index, q.tree_size).map(toBase64) };
}

export async function consistency(
  ctx: Context,
  actor: Account,
  tableId: string,
  q: z.infer<typeof ConsistencyQuery>,
): Promise<ConsistencyProofView> {
  const files = await readable(ctx, actor, tableId);
  checkSize(files, q.second, "second");
  if (q.first > q.second) throw invalid("first: must not be larger than second.", [{ path: "first", message: "must not be larger than second" }]);
  // Consistency with the empty tree, or of a tree with itself, is the empty proof.
  const proof = q.first === 0 || q.first === q.second ? [] : files.log.tree.consistencyProof(q.first, q.second);
  return { consistency: proof.map(toBase64) };
}

export async function entries(ctx: Context, actor: Account, tableId: string, q: z.infer<typeof EntriesQuery>): Promise<LogEntriesView> {
  const files = await readable(ctx, actor, tableId);
  if (q.start > q.end) throw invalid("start: must not be larger than end.", [{ path: "start", message: "must not be larger than end" }]);
  if (q.start >= files.log.size) throw invalid(`start: the log has only ${files.log.size} entries.`, [{ path: "start", message: "is beyond the log" }]);
  const end = Math.min(q.end, files.log.size - 1, q.start + MAX_ENTRIES_PER_CALL - 1);
  const encoder = new TextEncoder();
  return { entries: files.log.lines(q.start, end + 1).map((line) => ({ leaf_input: toBase64(encoder.encode(line)) })) };
}

/** The whole log with a fresh signed head; the export itself is logged first. */
export async function exportLog(ctx: Context, actor: Account, tableId: string): Promise<LogExport> {
  const files = await readable(ctx, actor, tableId);
  const file = await files.lock.runExclusive(async (): Promise<LogExport> => {
    await files.log.append([{ actor: actor.id, type: "log-exported" }]);
    return {
      format: "tafel-log-export/v1",
      tableId,
      publicKey: ctx.signer.publicKey,
      entries: files.log.lines(0, files.log.size),
      treeHead: signedHead(ctx, files),
    };
  });
  ctx.notifier.tableChanged(tableId, ["log"]);
  return file;
}
