// domain/validate.ts: parseInput returns parsed data or throws a 400 naming each field.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { TafelError } from "../../server/domain/errors.js";
import { parseInput } from "../../server/domain/validate.js";
import { CreateTableBody, DraftBody } from "../../shared/schemas.js";

function refusal(fn: () => unknown): TafelError {
  try {
    fn();
  } catch (err) {
    if (err instanceof TafelError) return err;
    throw new Error(`expected a TafelError, got ${String(err)}`);
  }
  throw new Error("expected parseInput to throw");
}

const validTable = {
  caseCode: "C-1",
  purpose: "integrity",
  purposeDetail: "Protect.",
  personsConcerned: [{ pseudonym: "V1" }],
  confidentialityAccepted: true,
};

describe("parseInput", () => {
  it("returns the parsed (trimmed) data on success", () => {
    expect(parseInput(DraftBody, { title: "  Title  ", body: "Body\n" })).toEqual({ title: "Title", body: "Body" });
  });

  it("throws TafelError invalid-input, status 400, with one entry per broken field", () => {
    const err = refusal(() =>
      parseInput(CreateTableBody, { ...validTable, caseCode: "", personsConcerned: [{ pseudonym: "ok" }, { pseudonym: "" }], purpose: "fun" }, "table"),
    );
    expect(err.code).toBe("invalid-input");
    expect(err.status).toBe(400);
    expect(err.name).toBe("TafelError");
    const paths = (err.fields ?? []).map((f) => f.path).sort();
    expect(paths).toEqual(["caseCode", "personsConcerned.1.pseudonym", "purpose"]);
    for (const f of err.fields ?? []) expect(f.message.length).toBeGreaterThan(3);
    expect(err.message).toMatch(/^Invalid table: /);
    expect(err.message).toContain("caseCode: must not be empty");
    expect(err.message).toContain("personsConcerned.1.pseudonym: must not be empty");
  });

  it("says 'request' by default and names the body itself as '(body)'", () => {
    const err = refusal(() => parseInput(DraftBody, null));
    expect(err.message).toMatch(/^Invalid request: \(body\): /);
    expect(err.fields).toEqual([{ path: "(body)", message: expect.any(String) }]);
  });

  it("reports an unknown key at the object that has it", () => {
    const err = refusal(() =>
      parseInput(CreateTableBody, { ...validTable, chair: "me", personsConcerned: [{ pseudonym: "V1", realName: "x" }] }),
    );
    const byPath = Object.fromEntries((err.fields ?? []).map((f) => [f.path, f.message]));
    expect(Object.keys(byPath).sort()).toEqual(["(body)", "personsConcerned.0"]);
    expect(byPath["(body)"]).toContain("chair");
    expect(byPath["personsConcerned.0"]).toContain("realName");
  });

  it("never echoes the submitted value in the message (it may be fragment content)", () => {
    const secret = "SECRET-CONTENT";
    const cases: unknown[] = [
      { title: "t", body: `${secret}\u0007` },
      { title: "t", body: secret.repeat(2_000) },
      { title: 42, body: secret },
      { title: secret, body: ["not", "a", "string", secret] },
    ];
    for (const input of cases) {
      const err = refusal(() => parseInput(DraftBody, input));
      expect(err.message).not.toContain(secret);
      expect(JSON.stringify(err.fields)).not.toContain(secret);
    }
  });

  it("joins nested array paths with dots", () => {
    const schema = z.strictObject({ a: z.array(z.strictObject({ b: z.array(z.number()) })) });
    const err = refusal(() => parseInput(schema, { a: [{ b: [1] }, { b: [1, "x"] }] }));
    expect(err.fields?.map((f) => f.path)).toEqual(["a.1.b.1"]);
  });
});
