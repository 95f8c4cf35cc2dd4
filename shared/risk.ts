// Scoring a risk checklist, the same in the browser (the level shown live) and on the
// server (the level that counts): the points of the chosen options add up to a score,
// the template's levels map the score to a computed level, and the assessor's
// professional judgement may raise that level but never lower it.
import { RiskAssessmentContent, type RiskChecklistBody, type RiskLevel, type RiskTemplate } from "./schemas.js";

export interface RiskScore {
  score: number;
  /** The key of the level the score reaches. */
  computed: string;
  /** Item keys without an answer. */
  unanswered: string[];
  /** Answers naming an item or option the template does not have, as "item" or "item.option". */
  unknown: string[];
}

/** The level a score reaches: the highest whose minScore it meets. */
export function levelFor(levels: readonly RiskLevel[], score: number): string {
  let key = levels[0]?.key ?? "";
  for (const l of levels) if (score >= l.minScore) key = l.key;
  return key;
}

/** Position of a level in ascending order; -1 if the template has no such level. */
export function levelIndex(levels: readonly Pick<RiskLevel, "key">[], key: string): number {
  return levels.findIndex((l) => l.key === key);
}

export function scoreChecklist(template: RiskTemplate, answers: Readonly<Record<string, string>>): RiskScore {
  let score = 0;
  const unanswered: string[] = [];
  const unknown: string[] = [];
  for (const item of template.items) {
    // Own keys only: an item named like an Object.prototype member is not "answered" by it.
    const chosen = Object.hasOwn(answers, item.key) ? answers[item.key] : undefined;
    if (chosen === undefined) {
      unanswered.push(item.key);
      continue;
    }
    const option = item.options.find((o) => o.key === chosen);
    if (!option) unknown.push(`${item.key}.${chosen}`);
    else score += option.points;
  }
  for (const key of Object.keys(answers)) if (!template.items.some((i) => i.key === key)) unknown.push(key);
  return { score, computed: levelFor(template.levels, score), unanswered, unknown };
}

export interface RiskProblem {
  path: string;
  message: string;
}

/**
 * The completed checklist for a fragment body, or the problems that stop it: every item
 * answered with one of its options, a judgement that is a level at or above the computed
 * one, and a justification when it is above. The server's word on the computed level.
 */
export function completeChecklist(template: RiskTemplate, input: Omit<RiskChecklistBody, "title">): { content: RiskAssessmentContent } | { problems: RiskProblem[] } {
  const { score, computed, unanswered, unknown } = scoreChecklist(template, input.answers);
  const problems: RiskProblem[] = [
    ...unanswered.map((key) => ({ path: `answers.${key}`, message: "must be answered" })),
    ...unknown.map((key) => ({ path: `answers.${key}`, message: "is not an item or option of this checklist" })),
  ];
  const judged = levelIndex(template.levels, input.judgement);
  const floor = levelIndex(template.levels, computed);
  if (judged < 0) {
    problems.push({ path: "judgement", message: `must be one of the levels ${template.levels.map((l) => l.key).join(", ")}` });
  } else if (problems.length === 0 && judged < floor) {
    const allowed = template.levels.slice(floor).map((l) => l.key).join(", ");
    problems.push({
      path: "judgement",
      message: `professional judgement may raise the computed level '${computed}' (score ${score}) but never lower it: choose ${allowed}`,
    });
  } else if (problems.length === 0 && judged > floor && !input.justification) {
    problems.push({ path: "justification", message: `say why your judgement raises the computed level '${computed}'` });
  }
  if (problems.length > 0) return { problems };
  const content: RiskAssessmentContent = {
    v: 1,
    template: { id: template.id, title: template.title },
    person: input.person,
    items: template.items.map((item) => {
      const option = item.options.find((o) => Object.hasOwn(input.answers, item.key) && o.key === input.answers[item.key]) as RiskTemplate["items"][number]["options"][number];
      return { key: item.key, label: item.label, option: option.key, optionLabel: option.label, points: option.points };
    }),
    score,
    levels: template.levels.map((l) => ({ ...l })),
    computed,
    judgement: input.judgement,
    ...(judged > floor && input.justification ? { justification: input.justification } : {}),
  };
  // The schema states the same rule once more, over the exact body that will be stored.
  const checked = RiskAssessmentContent.safeParse(content);
  if (!checked.success) return { problems: checked.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })) };
  return { content: checked.data };
}

/** The body of a "risk-assessment" fragment, read back; null if it is not one. */
export function parseRiskContent(body: string): RiskAssessmentContent | null {
  try {
    const parsed = RiskAssessmentContent.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The answers a completed checklist gave, to edit it again. */
export function answersOf(content: RiskAssessmentContent): Record<string, string> {
  return Object.fromEntries(content.items.map((i) => [i.key, i.option]));
}
