// axe-core in the real page: the automated half of "accessible to everyone at the table".
// The script is read from node_modules and evaluated through the DevTools protocol: an
// inline <script> would be refused by the app's CSP (script-src 'self'), rightly, and
// the page under test keeps exactly the CSP it ships with.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { AxeResults, ImpactValue } from "axe-core";
import type { Page } from "playwright-core";

/** The standards every screen is held to (WCAG 2.2 AA and axe's best practices). */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
/** Impacts that fail a test; "minor" and "moderate" findings are left to human review. */
const FAILING: readonly ImpactValue[] = ["serious", "critical"];

let source: Promise<string> | undefined;

function axeSource(): Promise<string> {
  source ??= readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  return source;
}

export interface Finding {
  rule: string;
  impact: ImpactValue;
  help: string;
  helpUrl: string;
  /** One CSS selector path per offending element, and axe's summary of what is wrong with it. */
  nodes: { target: string; summary: string }[];
}

/** Runs axe on the whole document as it is now and returns the serious and critical findings. */
export async function seriousViolations(page: Page): Promise<Finding[]> {
  const loaded = await page.evaluate(() => "axe" in window);
  if (!loaded) await page.evaluate(await axeSource());
  const results = await page.evaluate(
    (tags) => (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe.run(document, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations"],
    }),
    TAGS,
  );
  return results.violations
    .filter((v) => v.impact !== undefined && v.impact !== null && FAILING.includes(v.impact))
    .map((v) => ({
      rule: v.id,
      impact: v.impact as ImpactValue,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(" "), summary: (n.failureSummary ?? "").replace(/\s+/g, " ").trim() })),
    }));
}

export function formatFindings(screenName: string, findings: Finding[]): string {
  const lines = [`${findings.length} serious/critical accessibility violation(s) on "${screenName}":`];
  for (const f of findings) {
    lines.push(`- ${f.rule} (${f.impact}): ${f.help} — ${f.helpUrl}`);
    for (const n of f.nodes.slice(0, 8)) lines.push(`    ${n.target}\n      ${n.summary}`);
    if (f.nodes.length > 8) lines.push(`    … and ${f.nodes.length - 8} more`);
  }
  return lines.join("\n");
}

/** Fails with a readable list (rule, impact, selectors, help) if axe finds anything serious or critical. */
export async function expectNoSeriousViolations(page: Page, screenName: string): Promise<void> {
  const findings = await seriousViolations(page);
  if (findings.length > 0) throw new Error(formatFindings(screenName, findings));
}
