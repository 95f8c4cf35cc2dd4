// A schema's complaints about a value, keyed by field path exactly as the server names
// them in a 400 (server/domain/validate.ts): so the form can show, as the person types,
// the very message the server would send, next to the field it is about.
import type { z } from "zod";

export function fieldIssues(schema: z.ZodType, value: unknown, prefix: string): Map<string, string> {
  const result = schema.safeParse(value);
  const issues = new Map<string, string>();
  if (result.success) return issues;
  for (const issue of result.error.issues) {
    const path = [prefix, ...issue.path.map(String)].join(".");
    if (!issues.has(path)) issues.set(path, issue.message);
  }
  return issues;
}
