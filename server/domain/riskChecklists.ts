// Risk checklists: a structured assessment of one person concerned, written as a
// private draft and released like any other fragment (kind "risk-assessment"). The
// server scores it against the table's template — the agreement's, or Tafel's neutral
// example — and refuses a professional judgement below the computed level. The
// completed checklist (shared/risk.ts) is the fragment body, so the content commitment,
// delivery, logging, revocation and retention treat it exactly like any other.
import { randomUUID } from "node:crypto";
import type { ReleaseBody, RiskChecklistBody } from "../../shared/schemas.js";
import { answersOf, completeChecklist, parseRiskContent } from "../../shared/risk.js";
import { DEFAULT_RISK_TEMPLATE } from "../../shared/riskTemplate.js";
import type { RiskTemplateView } from "../../shared/types.js";
import type { Account, Draft, TableData } from "../store/records.js";
import { rulesOf } from "./agreements.js";
import { tableFor, type Context } from "./context.js";
import { invalid, notFound } from "./errors.js";

/** The checklist this table uses: its agreement version in force's, or the neutral example. */
export function riskTemplateOf(ctx: Context, table: Readonly<TableData>): RiskTemplateView {
  const version = rulesOf(ctx, table.agreementId)?.version;
  const own = version?.content.riskChecklist;
  if (version && own && table.agreementId) return { source: "agreement", agreement: { id: table.agreementId, version: version.number }, template: own };
  return { source: "default", template: DEFAULT_RISK_TEMPLATE };
}

export async function riskTemplate(ctx: Context, actor: Account, tableId: string): Promise<RiskTemplateView> {
  const { files } = await tableFor(ctx, actor, tableId, "view");
  return riskTemplateOf(ctx, files.doc.data);
}

/** The stored body for this input, or a 400 naming every problem (nothing is saved). */
function compose(ctx: Context, table: Readonly<TableData>, body: RiskChecklistBody): string {
  const problems: { path: string; message: string }[] = [];
  if (!table.personsConcerned.some((p) => p.id === body.person)) problems.push({ path: "person", message: "is not a person concerned of this table" });
  const result = completeChecklist(riskTemplateOf(ctx, table).template, body);
  if ("problems" in result) problems.push(...result.problems);
  if (problems.length > 0 || !("content" in result)) {
    throw invalid(`Nothing was saved: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`, problems);
  }
  return JSON.stringify(result.content);
}

export async function createRiskDraft(ctx: Context, actor: Account, tableId: string, body: RiskChecklistBody): Promise<Draft> {
  const { files } = await tableFor(ctx, actor, tableId, "write-drafts");
  return files.lock.runExclusive(async () => {
    const now = new Date().toISOString();
    const draft: Draft = {
      id: randomUUID(),
      ownerId: actor.id,
      kind: "risk-assessment",
      title: body.title,
      body: compose(ctx, files.doc.data, body),
      createdAt: now,
      updatedAt: now,
    };
    await files.doc.update((d) => {
      d.drafts.push(draft);
    });
    return draft;
  });
}

export async function updateRiskDraft(ctx: Context, actor: Account, tableId: string, draftId: string, body: RiskChecklistBody): Promise<Draft> {
  const { files } = await tableFor(ctx, actor, tableId, "write-drafts");
  return files.lock.runExclusive(async () => {
    const existing = files.doc.data.drafts.find((x) => x.id === draftId && x.ownerId === actor.id);
    if (!existing) throw notFound("You have no draft with this id at this table.");
    if (existing.kind !== "risk-assessment") throw invalid("This draft is not a risk checklist; change it as a text draft.");
    const text = compose(ctx, files.doc.data, body);
    return files.doc.update((d) => {
      const draft = d.drafts.find((x) => x.id === draftId) as Draft;
      Object.assign(draft, { title: body.title, body: text, updatedAt: new Date().toISOString() });
      return { ...draft };
    });
  });
}

/**
 * At release (under the table lock): what stops this draft going out as, or instead of,
 * a risk checklist. The checklist is scored again against the template in force now —
 * the agreement may have changed since the draft was saved.
 */
export function riskReleaseProblems(ctx: Context, table: Readonly<TableData>, draft: Draft, body: ReleaseBody): { path: string; message: string }[] {
  const isChecklist = draft.kind === "risk-assessment";
  if (!isChecklist && body.kind !== "risk-assessment") return [];
  if (!isChecklist) return [{ path: "kind", message: "only a risk checklist draft is released as kind 'risk-assessment'" }];
  const problems: { path: string; message: string }[] = [];
  if (body.kind !== "risk-assessment") problems.push({ path: "kind", message: "a risk checklist is released as kind 'risk-assessment'" });
  if (body.category !== "risk-assessment") problems.push({ path: "category", message: "a risk checklist is released in the category 'risk-assessment'" });
  const content = parseRiskContent(draft.body);
  if (!content) return [...problems, { path: "draft", message: "is not a valid risk checklist; save it again with the checklist form" }];
  if (body.personsConcerned.length !== 1 || body.personsConcerned[0] !== content.person) {
    problems.push({ path: "personsConcerned", message: "a risk checklist is about exactly the one person it assessed" });
  }
  const again = completeChecklist(riskTemplateOf(ctx, table).template, {
    person: content.person,
    answers: answersOf(content),
    judgement: content.judgement,
    ...(content.justification ? { justification: content.justification } : {}),
  });
  if ("problems" in again) problems.push(...again.problems.map((p) => ({ path: `draft.${p.path}`, message: p.message })));
  else if (JSON.stringify(again.content) !== draft.body) {
    problems.push({ path: "draft", message: "the table's risk checklist changed since this draft was saved; open it, check the answers and save it again" });
  }
  return problems;
}
