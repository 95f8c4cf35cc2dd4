// "Declined to share": a legitimate answer to a question at the table, recorded and logged.
import { randomUUID } from "node:crypto";
import type { DeclineBody } from "../../shared/schemas.js";
import type { Account, Decline } from "../store/records.js";
import { tableFor, type Context } from "./context.js";

export async function listDeclines(ctx: Context, actor: Account, tableId: string): Promise<Decline[]> {
  const { files } = await tableFor(ctx, actor, tableId, "view");
  return files.doc.data.declines;
}

export async function recordDecline(ctx: Context, actor: Account, tableId: string, body: DeclineBody): Promise<Decline> {
  const { files } = await tableFor(ctx, actor, tableId, "decline");
  const decline: Decline = {
    id: randomUUID(),
    accountId: actor.id,
    question: body.question,
    ...(body.reason ? { reason: body.reason } : {}),
    at: new Date().toISOString(),
  };
  await files.lock.runExclusive(async () => {
    // The log first, as for every command that records or grants (release, accept,
    // meetings, feedback; docs/ARCHITECTURE.md "Ordering of writes"): a crash in
    // between leaves a logged decline missing from the table — the log over-states,
    // never under-states. Only commands that restrict access (remove, revoke, close;
    // see cases.ts closeCase) write their state first, to err on the side of secrecy.
    // A decline restricts nothing, so nothing argues for the other order.
    await files.log.append([{ actor: actor.id, type: "declined", decline: decline.id }]);
    await files.doc.update((d) => {
      d.declines.push(decline);
    });
  });
  ctx.notifier.tableChanged(tableId, ["declines", "log"]);
  return decline;
}
