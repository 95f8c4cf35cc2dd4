// The feedback sheet: drafted by the chair from non-secret fields, approved by every
// participant, then sent — each step logged with the hash of the exact text.
import { randomUUID } from "node:crypto";
import type { FeedbackSheetBody } from "../../shared/schemas.js";
import { canonicalHash } from "../log/canonicalHash.js";
import { mayGoOutside, maySend } from "../policies/feedback.js";
import type { Account, FeedbackSheet } from "../store/records.js";
import type { TableFiles } from "../store/store.js";
import { tableFor, type Context } from "./context.js";
import { forbidden, invalid, notFound, TafelError } from "./errors.js";

function hashOf(sheet: FeedbackSheet): string {
  return canonicalHash({ addressee: sheet.addressee, outcome: sheet.outcome, summary: sheet.summary });
}

function checkText(files: TableFiles, body: FeedbackSheetBody): void {
  for (const [field, text] of [["addressee", body.addressee], ["summary", body.summary]] as const) {
    const decision = mayGoOutside(text, files.doc.data.fragments);
    if (!decision.allowed) throw invalid(`${field}: ${decision.reason}`, [{ path: field, message: decision.reason }]);
  }
}

function sheetIn(files: TableFiles, sheetId: string): FeedbackSheet {
  const sheet = (files.doc.data.feedbackSheets ?? []).find((s) => s.id === sheetId);
  if (!sheet) throw notFound("No feedback sheet with this id at this table.");
  return sheet;
}

export function activeParticipantIds(ctx: Context, tableId: string): string[] {
  return ctx.store.global.data.participations.filter((p) => p.tableId === tableId && p.state === "active").map((p) => p.accountId);
}

export async function listSheets(ctx: Context, actor: Account, tableId: string): Promise<FeedbackSheet[]> {
  const { files } = await tableFor(ctx, actor, tableId, "view");
  return files.doc.data.feedbackSheets ?? [];
}

export async function draftSheet(ctx: Context, actor: Account, tableId: string, body: FeedbackSheetBody, sheetId?: string): Promise<FeedbackSheet> {
  const { files } = await tableFor(ctx, actor, tableId, "invite"); // chair only
  const sheet = await files.lock.runExclusive(async () => {
    checkText(files, body);
    const previous = sheetId ? sheetIn(files, sheetId) : undefined;
    if (previous?.sentAt) throw new TafelError("conflict", "This feedback sheet has already been sent and can no longer change.");
    // A changed text needs everyone's approval again.
    const next: FeedbackSheet = {
      id: previous?.id ?? randomUUID(),
      ...body,
      draftedBy: actor.id,
      updatedAt: new Date().toISOString(),
      approvals: [],
    };
    await files.log.append([{ actor: actor.id, type: "feedback-drafted", sheet: next.id, hash: hashOf(next) }]);
    await files.doc.update((d) => {
      d.feedbackSheets = [...(d.feedbackSheets ?? []).filter((s) => s.id !== next.id), next];
    });
    return next;
  });
  ctx.notifier.tableChanged(tableId, ["log"]);
  return sheet;
}

export async function approveSheet(ctx: Context, actor: Account, tableId: string, sheetId: string): Promise<FeedbackSheet> {
  const { files } = await tableFor(ctx, actor, tableId, "view");
  const sheet = await files.lock.runExclusive(async () => {
    const current = sheetIn(files, sheetId);
    if (current.sentAt) throw new TafelError("conflict", "This feedback sheet has already been sent.");
    if (current.approvals.some((a) => a.accountId === actor.id)) throw new TafelError("conflict", "You have already approved this text.");
    await files.log.append([{ actor: actor.id, type: "feedback-approved", sheet: current.id, hash: hashOf(current) }]);
    const approved = { ...current, approvals: [...current.approvals, { accountId: actor.id, at: new Date().toISOString() }] };
    await files.doc.update((d) => {
      d.feedbackSheets = (d.feedbackSheets ?? []).map((s) => (s.id === sheetId ? approved : s));
    });
    return approved;
  });
  ctx.notifier.tableChanged(tableId, ["log"]);
  return sheet;
}

export async function sendSheet(ctx: Context, actor: Account, tableId: string, sheetId: string): Promise<FeedbackSheet> {
  const { files } = await tableFor(ctx, actor, tableId, "invite"); // chair only
  const sheet = await files.lock.runExclusive(async () => {
    const current = sheetIn(files, sheetId);
    const decision = maySend(current, activeParticipantIds(ctx, tableId));
    if (!decision.allowed) throw forbidden(decision.reason);
    await files.log.append([{ actor: actor.id, type: "feedback-sent", sheet: current.id, hash: hashOf(current), addressee: current.addressee }]);
    const sent = { ...current, sentAt: new Date().toISOString() };
    await files.doc.update((d) => {
      d.feedbackSheets = (d.feedbackSheets ?? []).map((s) => (s.id === sheetId ? sent : s));
    });
    return sent;
  });
  ctx.notifier.tableChanged(tableId, ["log"]);
  return sheet;
}
