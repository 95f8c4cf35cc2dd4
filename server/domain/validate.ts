// The one way input is read at a boundary: a zod schema, and a 400 that names each
// field and the rule it broke.
import type { z } from "zod";
import { invalid } from "./errors.js";

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = "request"): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(body)",
    message: issue.message,
  }));
  const summary = fields.map((f) => `${f.path}: ${f.message}`).join("; ");
  throw invalid(`Invalid ${what}: ${summary}`, fields);
}
