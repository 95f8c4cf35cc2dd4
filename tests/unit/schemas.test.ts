// shared/schemas.ts: every body is strict, text is trimmed and clean, and every limit
// holds exactly at the limit and fails one past it.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { TafelError } from "../../server/domain/errors.js";
import { parseInput } from "../../server/domain/validate.js";
import {
  AcceptBody,
  CreateAccountBody,
  CreateOrganisationBody,
  CreateTableBody,
  DeclineBody,
  DraftBody,
  InviteBody,
  LIMITS,
  LoginBody,
  ReleaseBody,
  RevokeBody,
  SetupBody,
} from "../../shared/schemas.js";

const uuid = () => randomUUID();
const PASSWORD = "correct horse battery staple";

const VALID = {
  SetupBody: () => ({ token: "setup-token", name: "Admin", username: "admin", password: PASSWORD }),
  LoginBody: () => ({ username: "admin", password: "x" }),
  CreateOrganisationBody: () => ({ name: "Safe Home", sector: "care", secrecy: "professional" }),
  // No password: the server generates the temporary one.
  CreateAccountBody: () => ({ name: "Alice", username: "alice", organisationId: uuid(), role: "member" }),
  CreateTableBody: () => ({
    caseCode: "C-1",
    purpose: "integrity",
    purposeDetail: "Protect.",
    personsConcerned: [{ pseudonym: "V1" }],
    confidentialityAccepted: true,
  }),
  InviteBody: () => ({ accountId: uuid() }),
  AcceptBody: () => ({ confidentialityAccepted: true }),
  DraftBody: () => ({ title: "Title", body: "Body" }),
  ReleaseBody: () => ({
    recipients: [uuid()],
    category: "youth-care",
    kind: "fact",
    personsConcerned: [uuid()],
    purpose: "integrity",
    justification: "Needed.",
  }),
  RevokeBody: () => ({ recipients: [uuid()] }),
  DeclineBody: () => ({ question: "Is there a file?", reason: "Secrecy." }),
} satisfies Record<string, () => Record<string, unknown>>;

const SCHEMAS: Record<keyof typeof VALID, z.ZodType> = {
  SetupBody,
  LoginBody,
  CreateOrganisationBody,
  CreateAccountBody,
  CreateTableBody,
  InviteBody,
  AcceptBody,
  DraftBody,
  ReleaseBody,
  RevokeBody,
  DeclineBody,
};
const NAMES = Object.keys(VALID) as (keyof typeof VALID)[];

/** The fields of the refusal, or null if the input was accepted. */
function fieldsOf(schema: z.ZodType, input: unknown): { path: string; message: string }[] | null {
  try {
    parseInput(schema, input);
    return null;
  } catch (err) {
    if (!(err instanceof TafelError)) throw err;
    expect(err.code).toBe("invalid-input");
    expect(err.status).toBe(400);
    return err.fields ?? [];
  }
}

describe("every body", () => {
  it.each(NAMES)("%s accepts its valid example", (name) => {
    expect(fieldsOf(SCHEMAS[name], VALID[name]())).toBeNull();
  });

  it.each(NAMES)("%s is strict: an unknown key is refused", (name) => {
    expect(fieldsOf(SCHEMAS[name], { ...VALID[name](), isAdmin: true })).toEqual([
      { path: "(body)", message: expect.stringContaining("isAdmin") },
    ]);
  });

  it.each(NAMES)("%s refuses a non-object body", (name) => {
    for (const body of [null, "text", 42, []]) expect(fieldsOf(SCHEMAS[name], body)?.[0]?.path).toBe("(body)");
  });
});

// ---- length limits ---------------------------------------------------------------

type LimitCase = {
  label: string;
  schema: z.ZodType;
  make: (value: string) => unknown;
  path: string;
  max: number;
  min?: number;
};

const textLimit = <K extends keyof typeof VALID>(name: K, field: string, max: number, min = 1): LimitCase => ({
  label: `${name}.${field}`,
  schema: SCHEMAS[name],
  make: (v) => ({ ...VALID[name](), [field]: v }),
  path: field,
  max,
  min,
});

const TEXT_LIMITS: LimitCase[] = [
  textLimit("SetupBody", "name", LIMITS.name),
  textLimit("SetupBody", "token", 200),
  textLimit("CreateOrganisationBody", "name", LIMITS.name),
  textLimit("CreateAccountBody", "name", LIMITS.name),
  textLimit("CreateTableBody", "caseCode", LIMITS.caseCode),
  textLimit("CreateTableBody", "purposeDetail", LIMITS.purpose),
  {
    label: "CreateTableBody.personsConcerned[].pseudonym",
    schema: CreateTableBody,
    make: (v) => ({ ...VALID.CreateTableBody(), personsConcerned: [{ pseudonym: v }] }),
    path: "personsConcerned.0.pseudonym",
    max: LIMITS.pseudonym,
    min: 1,
  },
  textLimit("DraftBody", "title", LIMITS.draftTitle),
  textLimit("DraftBody", "body", LIMITS.fragmentBody),
  textLimit("ReleaseBody", "justification", LIMITS.justification),
  textLimit("DeclineBody", "question", LIMITS.question),
  textLimit("DeclineBody", "reason", LIMITS.justification),
  textLimit("SetupBody", "username", LIMITS.username, 2),
  textLimit("LoginBody", "username", LIMITS.username, 2),
  textLimit("CreateAccountBody", "username", LIMITS.username, 2),
  textLimit("SetupBody", "password", LIMITS.passwordMax, LIMITS.passwordMin),
  textLimit("LoginBody", "password", LIMITS.passwordMax, 1),
];

describe("text length limits", () => {
  it("the limits are the documented ones", () => {
    expect(LIMITS).toMatchObject({
      name: 120, username: 64, passwordMin: 12, passwordMax: 256, caseCode: 40, purpose: 500, pseudonym: 60,
      personsPerTable: 20, draftTitle: 200, fragmentBody: 20_000, justification: 1_000, question: 500, recipients: 50,
    });
  });

  it.each(TEXT_LIMITS)("$label: $max accepted, $max + 1 refused at its path", ({ schema, make, path, max }) => {
    expect(fieldsOf(schema, make("a".repeat(max)))).toBeNull();
    const fields = fieldsOf(schema, make("a".repeat(max + 1)));
    // The message names the limit, so the person knows how much to cut.
    expect(fields).toEqual([{ path, message: expect.stringContaining(String(max)) }]);
  });

  it.each(TEXT_LIMITS)("$label: minimum $min accepted, one less refused", ({ schema, make, path, min = 1 }) => {
    expect(fieldsOf(schema, make("a".repeat(min)))).toBeNull();
    expect(fieldsOf(schema, make("a".repeat(min - 1)))?.map((f) => f.path)).toEqual([path]);
  });

  it("text is trimmed before the limit is checked, and whitespace alone is empty", () => {
    expect(parseInput(DraftBody, { title: `  ${"a".repeat(LIMITS.draftTitle)}\n `, body: "b" }).title).toHaveLength(LIMITS.draftTitle);
    expect(fieldsOf(DraftBody, { title: " \n\t ", body: "b" })).toEqual([{ path: "title", message: "must not be empty" }]);
  });
});

type ArrayCase = { label: string; schema: z.ZodType; make: (n: number) => unknown; path: string; max: number };

const ARRAY_LIMITS: ArrayCase[] = [
  {
    label: "CreateTableBody.personsConcerned",
    schema: CreateTableBody,
    make: (n) => ({ ...VALID.CreateTableBody(), personsConcerned: Array.from({ length: n }, (_, i) => ({ pseudonym: `P${i}` })) }),
    path: "personsConcerned",
    max: LIMITS.personsPerTable,
  },
  {
    label: "ReleaseBody.recipients",
    schema: ReleaseBody,
    make: (n) => ({ ...VALID.ReleaseBody(), recipients: Array.from({ length: n }, uuid) }),
    path: "recipients",
    max: LIMITS.recipients,
  },
  {
    label: "ReleaseBody.personsConcerned",
    schema: ReleaseBody,
    make: (n) => ({ ...VALID.ReleaseBody(), personsConcerned: Array.from({ length: n }, uuid) }),
    path: "personsConcerned",
    max: LIMITS.personsPerTable,
  },
  {
    label: "RevokeBody.recipients",
    schema: RevokeBody,
    make: (n) => ({ recipients: Array.from({ length: n }, uuid) }),
    path: "recipients",
    max: LIMITS.recipients,
  },
];

describe("list limits", () => {
  it.each(ARRAY_LIMITS)("$label: 1 and $max accepted, 0 and $max + 1 refused", ({ schema, make, path, max }) => {
    expect(fieldsOf(schema, make(1))).toBeNull();
    expect(fieldsOf(schema, make(max))).toBeNull();
    expect(fieldsOf(schema, make(0))?.map((f) => f.path)).toEqual([path]);
    expect(fieldsOf(schema, make(max + 1))?.map((f) => f.path)).toEqual([path]);
  });

  it("RevokeBody without a list means 'everyone' and is accepted", () => {
    expect(parseInput(RevokeBody, {})).toEqual({});
  });

  it.each([
    ["recipients", /recipient twice/],
    ["personsConcerned", /person twice/],
  ] as const)("ReleaseBody.%s refuses the same id twice", (field, message) => {
    const a = uuid();
    const fields = fieldsOf(ReleaseBody, { ...VALID.ReleaseBody(), [field]: [a, uuid(), a] });
    expect(fields).toHaveLength(1);
    expect(fields?.[0]?.path.startsWith(field)).toBe(true);
    expect(fields?.[0]?.message).toMatch(message);
  });
});

// ---- content rules ---------------------------------------------------------------

describe("control characters", () => {
  const REFUSED = ["\u0000", "\u0001", "\u0007", "\u0008", "\u000B", "\u000C", "\u000E", "\u001B", "\u001F", "\u007F", "\u0085", "\u009B", "\u009F"];
  const ALLOWED = ["\n", "\t", "\r\n", "é", "€", "😀", "\u00A0", "שלום"];

  it.each(REFUSED.map((c) => ({ c, code: `U+${c.charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()}` })))(
    "$code inside text is refused",
    ({ c }) => {
      expect(fieldsOf(DraftBody, { title: "t", body: `before${c}after` })).toEqual([
        { path: "body", message: "must not contain control characters" },
      ]);
      expect(fieldsOf(CreateTableBody, { ...VALID.CreateTableBody(), personsConcerned: [{ pseudonym: `V${c}1` }] })?.map((f) => f.path)).toEqual([
        "personsConcerned.0.pseudonym",
      ]);
    },
  );

  it.each(ALLOWED.map((c) => ({ c: JSON.stringify(c) })))("$c inside text is allowed", ({ c }) => {
    const ch = JSON.parse(c) as string;
    expect(parseInput(DraftBody, { title: "t", body: `before${ch}after` }).body).toBe(`before${ch}after`);
  });
});

describe("usernames", () => {
  it("are trimmed and lower-cased", () => {
    expect(parseInput(LoginBody, { username: "  Alice.B-1_x ", password: "p" }).username).toBe("alice.b-1_x");
  });
  it.each(["a b", "älice", "alice@example.org", "a/b", "../admin"])("%s is refused", (u) => {
    expect(fieldsOf(LoginBody, { username: u, password: "p" })?.map((f) => f.path)).toEqual(["username"]);
  });
});

describe("enumerations, literals and ids", () => {
  it.each([
    { label: "sector", schema: CreateOrganisationBody, input: { ...VALID.CreateOrganisationBody(), sector: "military" }, path: "sector" },
    { label: "secrecy", schema: CreateOrganisationBody, input: { ...VALID.CreateOrganisationBody(), secrecy: "top" }, path: "secrecy" },
    { label: "role", schema: CreateAccountBody, input: { ...VALID.CreateAccountBody(), role: "root" }, path: "role" },
    { label: "purpose", schema: CreateTableBody, input: { ...VALID.CreateTableBody(), purpose: "curiosity" }, path: "purpose" },
    { label: "category", schema: ReleaseBody, input: { ...VALID.ReleaseBody(), category: "gossip" }, path: "category" },
    { label: "kind", schema: ReleaseBody, input: { ...VALID.ReleaseBody(), kind: "rumour" }, path: "kind" },
    { label: "account id", schema: InviteBody, input: { accountId: "not-a-uuid" }, path: "accountId" },
    { label: "organisation id", schema: CreateAccountBody, input: { ...VALID.CreateAccountBody(), organisationId: "../x" }, path: "organisationId" },
    { label: "recipient id", schema: ReleaseBody, input: { ...VALID.ReleaseBody(), recipients: ["x"] }, path: "recipients.0" },
    { label: "statement false", schema: AcceptBody, input: { confidentialityAccepted: false }, path: "confidentialityAccepted" },
    { label: "statement 'true'", schema: AcceptBody, input: { confidentialityAccepted: "true" }, path: "confidentialityAccepted" },
    { label: "statement missing", schema: CreateTableBody, input: { ...VALID.CreateTableBody(), confidentialityAccepted: undefined }, path: "confidentialityAccepted" },
  ])("$label is refused at $path", ({ schema, input, path }) => {
    expect(fieldsOf(schema, input)?.map((f) => f.path)).toEqual([path]);
  });

  it("the statement refusal says what to do", () => {
    expect(fieldsOf(AcceptBody, { confidentialityAccepted: false })?.[0]?.message).toBe("the confidentiality statement must be accepted");
  });

  it("a table needs at least one person concerned", () => {
    expect(fieldsOf(CreateTableBody, { ...VALID.CreateTableBody(), personsConcerned: [] })).toEqual([
      { path: "personsConcerned", message: "name at least one person concerned (by pseudonym)" },
    ]);
  });
});
