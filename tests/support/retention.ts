// Helpers for the retention and risk checklist tests: a table under a sharing agreement
// in force (so categories have retention periods), and a walk over the data directory
// that also opens every sealed file with the keyring — what is found there is what the
// server could still serve.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { AgreementBody, Category } from "../../shared/schemas.js";
import type { AgreementView, TableView } from "../../shared/types.js";
import { isSealed, sealerFrom } from "../../server/store/sealer.js";
import { openSealedJournal } from "../../server/store/journaledFile.js";
import { join, type Member } from "./factories.js";

export interface CategoryRule {
  key: Category;
  article: string;
  retentionDays: number;
}

/** An agreement every member's organisation signed, allowing each category to the care sector. */
export async function agreementInForce(members: Member[], categories: CategoryRule[], extra: Partial<AgreementBody> = {}): Promise<AgreementView> {
  const organisations = [...new Set(members.map((m) => m.account.organisation.id))];
  const body: AgreementBody = {
    title: "Retention test charter",
    legalBasis: { kind: "procureur-permission", reference: "PG 2026/1" },
    purpose: "integrity",
    members: organisations.map((organisationId) => ({ organisationId, role: "partner" })),
    categories: categories.map((c) => ({ key: c.key, label: c.key, article: c.article, retentionDays: c.retentionDays })),
    matrix: categories.map((c) => ({ category: c.key, sector: "care" as const, allowed: true })),
    minutesRules: "Per recipient.",
    reviewDate: "2027-06-30",
    ...extra,
  };
  const [first] = members;
  if (!first) throw new Error("no members");
  const agreement = await first.client.ok<AgreementView>("POST", "/api/agreements", body);
  const signed = new Set<string>();
  for (const m of members) {
    if (signed.has(m.account.organisation.id)) continue;
    signed.add(m.account.organisation.id);
    await m.client.ok("POST", `/api/agreements/${agreement.id}/versions/1/signatures`);
  }
  return agreement;
}

/** A table under `agreementId`, chaired by `chair`, with `others` joined. */
export async function tableUnder(chair: Member, others: Member[], agreementId: string, caseCode: string): Promise<TableView> {
  const table = await chair.client.ok<TableView>("POST", "/api/tables", {
    caseCode,
    purpose: "integrity",
    purposeDetail: "Protect the persons concerned.",
    personsConcerned: [{ pseudonym: "V1" }, { pseudonym: "K1" }],
    confidentialityAccepted: true,
    agreementId,
  });
  for (const m of others) await join(chair, m, table.id);
  return table;
}

/**
 * Every file of the data directory as text: raw bytes, each line read as base64, and
 * every sealed file (or sealed base64 line) opened with the keyring beside the directory
 * at the place it is bound to (its path inside the directory).
 */
export async function everythingOnDisk(dataDir: string): Promise<{ text: string; opened: number }> {
  const ring = JSON.parse(await readFile(`${dataDir}.key`, "utf8")) as { current: string; keys: Record<string, string> };
  const sealer = sealerFrom(ring.current, new Map(Object.entries(ring.keys).map(([k, v]) => [k, Buffer.from(v, "base64")])));
  const parts: string[] = [];
  let opened = 0;
  for (const entry of await readdir(dataDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const place = path.relative(dataDir, file).split(path.sep).join("/");
    const raw = await readFile(file);
    parts.push(raw.toString("latin1"));
    if (file.endsWith(".journal")) {
      // A table's journal: a header naming its snapshot, then one sealed line per update.
      const lines = openSealedJournal(sealer, place.replace(/\.journal$/, ".json"), raw.toString("latin1"));
      parts.push(...lines);
      opened += lines.length;
      continue;
    }
    const pieces = [raw, ...raw.toString("latin1").split("\n").map((l) => Buffer.from(l, "base64"))];
    for (const piece of pieces) {
      parts.push(piece.toString("latin1"));
      if (isSealed(piece)) {
        parts.push(Buffer.from(sealer.open(piece, place)).toString("utf8"));
        opened += 1;
      }
    }
  }
  return { text: parts.join("\n"), opened };
}
