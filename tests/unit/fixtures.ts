// Plain records for unit tests: accounts, participations, tables and fragments built
// in memory, plus temp directories that are removed after each test file.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type {
  Account,
  Fragment,
  GlobalData,
  Organisation,
  Participation,
  ReleaseRecipient,
  TableData,
} from "../../server/store/records.js";
import type { Decision } from "../../server/policies/decision.js";
import type { ParticipantState, TableRole } from "../../shared/types.js";

export const TABLE_ID = "11111111-1111-4111-8111-111111111111";
export const OTHER_TABLE_ID = "22222222-2222-4222-8222-222222222222";
export const T0 = "2025-03-01T09:00:00.000Z";

export const ORG_CARE: Organisation = {
  id: "org-care",
  name: "Safe Home Care",
  sector: "care",
  secrecy: "professional",
  createdAt: T0,
};
export const ORG_POLICE: Organisation = {
  id: "org-police",
  name: "District Police",
  sector: "police",
  secrecy: "official",
  createdAt: T0,
};

let n = 0;
export function account(name: string, overrides: Partial<Account> = {}): Account {
  n += 1;
  return {
    id: `acc-${name.toLowerCase().replace(/\s+/g, "-")}-${n}`,
    name,
    username: `${name.toLowerCase().replace(/\s+/g, ".")}.${n}`,
    organisationId: ORG_CARE.id,
    role: "member",
    password: { algorithm: "scrypt", N: 16384, r: 8, p: 1, salt: "c2FsdHNhbHQ=", hash: "UEFTU1dPUkQtSEFTSC1TRUNSRVQ=" },
    createdAt: T0,
    ...overrides,
  };
}

export function participation(
  who: Account,
  state: ParticipantState,
  role: TableRole = "participant",
  tableId = TABLE_ID,
): Participation {
  return {
    tableId,
    accountId: who.id,
    role,
    state,
    invitedBy: "acc-chair",
    invitedAt: T0,
    ...(state !== "invited" ? { joinedAt: "2025-03-01T09:05:00.000Z" } : {}),
    ...(state === "removed" ? { removedAt: "2025-03-02T10:00:00.000Z" } : {}),
  };
}

export function globalData(accounts: Account[], participations: Participation[] = []): GlobalData {
  return {
    organisations: [ORG_CARE, ORG_POLICE],
    accounts,
    sessions: [],
    tables: [{ id: TABLE_ID, createdAt: T0, createdBy: accounts[0]?.id ?? "nobody" }],
    participations,
    setup: { tokenHash: null },
  };
}

export function tableData(overrides: Partial<TableData> = {}): TableData {
  return {
    id: TABLE_ID,
    caseCode: "CASE-SECRET-2025-017",
    purpose: "integrity",
    purposeDetail: "Protect the children in the household.",
    createdAt: T0,
    personsConcerned: [
      { id: "pc-victim", pseudonym: "Pseudo-V1" },
      { id: "pc-suspect", pseudonym: "Pseudo-K1" },
    ],
    drafts: [],
    fragments: [],
    declines: [],
    ...overrides,
  };
}

export function fragment(author: Account, recipients: ReleaseRecipient[], overrides: Partial<Fragment> = {}): Fragment {
  return {
    id: "frag-1",
    authorId: author.id,
    title: "Home visit 12 February",
    body: "BODY-CONTENT-only-for-recipients",
    category: "youth-care",
    kind: "fact",
    personsConcerned: ["pc-victim"],
    salt: "SALT-0123456789abcdef",
    commitment: "COMMITMENT-fedcba9876543210",
    release: {
      purpose: "integrity",
      justification: "Needed to assess the risk to the children.",
      releasedAt: "2025-03-01T10:00:00.000Z",
      recipients,
    },
    ...overrides,
  };
}

/** A refusal is a sentence a person reads: capitalised, several words, full stop. */
export function expectHumanSentence(decision: Decision): string {
  if (decision.allowed) throw new Error("expected a refusal, got allow");
  const reason = decision.reason;
  if (!/^[A-Z][^\n]*[a-z][^\n]*\.$/.test(reason) || reason.split(" ").length < 4) {
    throw new Error(`refusal is not a human sentence: ${JSON.stringify(reason)}`);
  }
  return reason;
}

/** A fresh directory under the OS temp dir and its cleanup. */
export async function tempDir(prefix: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `tafel-unit-${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Every key of every object nested in a value (to prove a field is absent anywhere). */
export function allKeys(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) allKeys(v, out);
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      allKeys(v, out);
    }
  }
  return out;
}
