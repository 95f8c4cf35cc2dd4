// Private drafts: only their owner ever reads or changes them. Nothing is logged —
// a draft has left no one's notebook.
import { randomUUID } from "node:crypto";
import type { DraftBody } from "../../shared/schemas.js";
import type { Account, Draft } from "../store/records.js";
import { tableFor, type Context } from "./context.js";
import { invalid, notFound } from "./errors.js";

export async function listDrafts(ctx: Context, actor: Account, tableId: string): Promise<Draft[]> {
  const { files } = await tableFor(ctx, actor, tableId, "write-drafts");
  return files.doc.data.drafts.filter((d) => d.ownerId === actor.id);
}

export async function createDraft(ctx: Context, actor: Account, tableId: string, body: DraftBody): Promise<Draft> {
  const { files } = await tableFor(ctx, actor, tableId, "write-drafts");
  const now = new Date().toISOString();
  const draft: Draft = { id: randomUUID(), ownerId: actor.id, title: body.title, body: body.body, createdAt: now, updatedAt: now };
  await files.doc.update((d) => {
    d.drafts.push(draft);
  });
  return draft;
}

/** Another participant's draft id answers "not found", exactly as a missing one. */
export async function updateDraft(ctx: Context, actor: Account, tableId: string, draftId: string, body: DraftBody): Promise<Draft> {
  const { files } = await tableFor(ctx, actor, tableId, "write-drafts");
  // Under the table lock, like release: an edit and a release of the same draft are ordered.
  return files.lock.runExclusive(() => files.doc.update((d) => {
    const draft = d.drafts.find((x) => x.id === draftId && x.ownerId === actor.id);
    if (!draft) throw notFound("You have no draft with this id at this table.");
    // A checklist's body is written by the server from its answers (domain/riskChecklists.ts).
    if (draft.kind === "risk-assessment") throw invalid("This draft is a risk checklist: change it with the checklist form.");
    Object.assign(draft, { title: body.title, body: body.body, updatedAt: new Date().toISOString() });
    return { ...draft };
  }));
}

export async function deleteDraft(ctx: Context, actor: Account, tableId: string, draftId: string): Promise<void> {
  const { files } = await tableFor(ctx, actor, tableId, "write-drafts");
  await files.doc.update((d) => {
    const index = d.drafts.findIndex((x) => x.id === draftId && x.ownerId === actor.id);
    if (index < 0) throw notFound("You have no draft with this id at this table.");
    d.drafts.splice(index, 1);
    // A deleted draft leaves the disk with it: no journal line keeps it (durableDoc.ts).
  }, { erase: true });
}
