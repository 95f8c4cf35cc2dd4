// The data protection officer's work: find a person concerned, produce the disclosure
// report (logged at the table), record a deferral (GDPR art. 23, logged).
import { randomUUID } from "node:crypto";
import type { DeferralBody } from "../../shared/schemas.js";
import type { DisclosureReportView, DpoTableView } from "../../shared/types.js";
import { mayReportDisclosures } from "../policies/dpo.js";
import { presentDisclosureReport, presentDpoTable } from "../presenters/disclosure.js";
import type { Account, Deferral, PersonConcerned } from "../store/records.js";
import type { TableFiles } from "../store/store.js";
import type { Context } from "./context.js";
import { forbidden, notFound } from "./errors.js";

function requireDpo(actor: Account): void {
  const decision = mayReportDisclosures(actor);
  if (!decision.allowed) throw forbidden(decision.reason);
}

async function personAt(ctx: Context, tableId: string, personId: string): Promise<{ files: TableFiles; person: PersonConcerned }> {
  const files = await ctx.store.table(tableId);
  const person = files?.doc.data.personsConcerned.find((p) => p.id === personId);
  if (!files || !person) throw notFound("No such person concerned at such a table.");
  return { files, person };
}

export async function dpoTables(ctx: Context, actor: Account): Promise<DpoTableView[]> {
  requireDpo(actor);
  const views: DpoTableView[] = [];
  for (const entry of ctx.store.global.data.tables) {
    const files = await ctx.store.table(entry.id);
    if (files) views.push(presentDpoTable(files.doc.data));
  }
  return views;
}

export async function disclosureReport(
  ctx: Context,
  actor: Account,
  tableId: string,
  personId: string,
  format: "json" | "csv" | "pdf",
): Promise<DisclosureReportView> {
  requireDpo(actor);
  const { files, person } = await personAt(ctx, tableId, personId);
  const report = await files.lock.runExclusive(async () => {
    // Producing the report is itself a disclosure of who received what: logged first.
    const [entry] = await files.log.append([{ actor: actor.id, type: "disclosure-report", person: person.id, format }]);
    return presentDisclosureReport(ctx.store.global.data, files.doc.data, person, files.log.receipts, actor, (entry as { at: string }).at);
  });
  ctx.notifier.tableChanged(tableId, ["log"]);
  return report;
}

export async function recordDeferral(ctx: Context, actor: Account, tableId: string, personId: string, body: DeferralBody): Promise<Deferral> {
  requireDpo(actor);
  const { files, person } = await personAt(ctx, tableId, personId);
  const deferral: Deferral = {
    id: randomUUID(),
    personId: person.id,
    reason: body.reason,
    ...(body.until ? { until: body.until } : {}),
    by: actor.id,
    at: new Date().toISOString(),
  };
  await files.lock.runExclusive(async () => {
    await files.log.append([{ actor: actor.id, type: "disclosure-deferred", person: person.id, deferral: deferral.id }]);
    await files.doc.update((d) => {
      d.deferrals = [...(d.deferrals ?? []), deferral];
    });
  });
  ctx.notifier.tableChanged(tableId, ["log"]);
  return deferral;
}
