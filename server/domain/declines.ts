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
    await files.doc.update((d) => {
      d.declines.push(decline);
    });
    await files.log.append([{ actor: actor.id, type: "declined", decline: decline.id }]);
  });
  ctx.notifier.tableChanged(tableId, ["declines", "log"]);
  return decline;
}
