// Scoring a risk checklist: the rule "professional judgement may raise the computed
// level, never lower it" holds in the scoring function and, again, in the schema of the
// stored content.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { completeChecklist, levelFor, levelIndex, parseRiskContent, scoreChecklist } from "../../shared/risk.js";
import { DEFAULT_RISK_TEMPLATE as T } from "../../shared/riskTemplate.js";
import { RiskAssessmentContent, RiskTemplate } from "../../shared/schemas.js";

const PERSON = "6f1c2a52-3a9e-4c55-9a53-6c1b1b2f0e11";
const allNo = () => Object.fromEntries(T.items.map((i) => [i.key, "no"]));

describe("the neutral example template", () => {
  it("is a valid template with 10 to 12 items and ascending levels", () => {
    expect(RiskTemplate.safeParse(T).success).toBe(true);
    expect(T.items.length).toBeGreaterThanOrEqual(10);
    expect(T.items.length).toBeLessThanOrEqual(12);
  });

  it("refuses templates whose levels do not start at 0 or are not ascending", () => {
    const bad = (levels: { key: string; label: string; minScore: number }[]) => RiskTemplate.safeParse({ ...T, levels }).success;
    expect(bad([{ key: "a", label: "A", minScore: 1 }, { key: "b", label: "B", minScore: 5 }])).toBe(false);
    expect(bad([{ key: "a", label: "A", minScore: 0 }, { key: "b", label: "B", minScore: 0 }])).toBe(false);
    expect(bad([{ key: "a", label: "A", minScore: 0 }, { key: "a", label: "B", minScore: 3 }])).toBe(false);
  });
});

describe("scoring", () => {
  it("maps a score to the highest level whose threshold it meets", () => {
    expect([0, 4, 5, 9, 10, 30].map((s) => levelFor(T.levels, s))).toEqual(["low", "low", "medium", "medium", "high", "high"]);
  });

  it("adds the chosen options' points and names unanswered and unknown answers", () => {
    const s = scoreChecklist(T, { ...allNo(), threats: "yes", weapons: "yes", fear: "yes", children: "perhaps", extra: "yes" });
    expect(s.score).toBe(8);
    expect(s.computed).toBe("medium");
    expect(s.unknown.sort()).toEqual(["children.perhaps", "extra"]);
    const { threats: _omitted, ...partial } = allNo();
    expect(scoreChecklist(T, partial).unanswered).toEqual(["threats"]);
  });

  it("accepts a judgement exactly when it is at or above the computed level (and explained when above)", () => {
    const keys = T.items.map((i) => i.key);
    fc.assert(
      fc.property(fc.array(fc.constantFrom("no", "unknown", "yes"), { minLength: keys.length, maxLength: keys.length }), fc.constantFrom("low", "medium", "high"), fc.boolean(), (chosen, judgement, explained) => {
        const answers = Object.fromEntries(keys.map((k, i) => [k, chosen[i] as string]));
        const computed = scoreChecklist(T, answers).computed;
        const result = completeChecklist(T, { person: PERSON, answers, judgement, ...(explained ? { justification: "Because." } : {}) });
        const raise = levelIndex(T.levels, judgement) - levelIndex(T.levels, computed);
        const accepted = raise === 0 || (raise > 0 && explained);
        expect("content" in result).toBe(accepted);
        if ("content" in result) {
          expect(result.content.computed).toBe(computed);
          expect(parseRiskContent(JSON.stringify(result.content))).toEqual(result.content);
        } else if (raise < 0) {
          expect(result.problems.map((p) => p.path)).toEqual(["judgement"]);
        }
      }),
    );
  });
});

describe("answers are read as own keys only", () => {
  it("does not take an Object.prototype member for the answer to an item named like it", () => {
    const tpl = { ...T, items: [{ key: "constructor", label: "C", options: [{ key: "no", label: "No", points: 0 }, { key: "yes", label: "Yes", points: 1 }] }] };
    expect(scoreChecklist(tpl, {}).unanswered).toEqual(["constructor"]);
    const result = completeChecklist(tpl, { person: PERSON, answers: {}, judgement: "low" });
    expect("problems" in result && result.problems.map((p) => p.path)).toEqual(["answers.constructor"]);
  });
});

describe("the stored content's schema", () => {
  it("refuses a judgement below the computed level, and a raise without a reason", () => {
    const result = completeChecklist(T, { person: PERSON, answers: { ...allNo(), threats: "yes", weapons: "yes", escalation: "yes", separation: "yes" }, judgement: "high" });
    if (!("content" in result)) throw new Error("expected a completed checklist");
    const lowered = RiskAssessmentContent.safeParse({ ...result.content, judgement: "medium" });
    expect(lowered.success).toBe(false);
    expect(lowered.error?.issues.map((i) => i.path.join("."))).toEqual(["judgement"]);
    const unexplained = RiskAssessmentContent.safeParse({ ...result.content, computed: "low" });
    expect(unexplained.error?.issues.map((i) => i.path.join("."))).toEqual(["justification"]);
    expect(parseRiskContent("not json")).toBeNull();
    expect(parseRiskContent(JSON.stringify({ ...result.content, judgement: "low" }))).toBeNull();
  });
});
