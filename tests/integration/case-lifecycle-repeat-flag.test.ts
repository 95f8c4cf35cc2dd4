// A case that returns within 12 months of its closure is flagged as a repeat, matching
// persons by name and birth date written either way (case, accents, spacing) — while
// tafel.json keeps no name and no birth date: only keyed hashes (HMAC under a key
// sealed with the keyring) with closure dates, dropped after 12 months.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseView, LogView } from "../../shared/types.js";
import { acceptedCase, buildPartnership, type Partnership } from "../support/lifecycle.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

let server: TestServer;
let p: Partnership;
let clock = Date.parse("2026-01-10T09:00:00Z");

beforeAll(async () => {
  server = await startServer({ now: () => new Date(clock) });
  p = await buildPartnership(server, "Repeat");
}, 120_000);
afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
});

const caseOf = (tableId: string) => p.police.client.ok<CaseView>("GET", `/api/tables/${tableId}/case`);
const close = (tableId: string) => p.police.client.ok<CaseView>("POST", `/api/tables/${tableId}/case/close`, { reason: "Safe for now." });
const globalFile = async () => readFile(path.join(server.dataDir, "tafel.json"), "utf8");

describe("the repeat flag", () => {
  it("flags a person whose case closed less than 12 months before, and no one else", async () => {
    const first = await acceptedCase(p, p.police, [{ name: "Ïna  De Smet", birthDate: "1985-02-03" }, { name: "Bram Peeters", birthDate: "1983-07-08" }]);
    expect((await caseOf(first)).repeat).toEqual([]);
    const closed = await close(first);

    clock = Date.parse("2026-04-10T09:00:00Z");
    const second = await acceptedCase(p, p.police, [
      { name: "ina de smet", birthDate: "1985-02-03" }, // the same person, written differently
      { name: "Bram Peeters", birthDate: "1983-07-09" }, // another birth date: another person
      { name: "Kobe De Smet", birthDate: "2018-01-01" },
    ]);
    const view = await caseOf(second);
    expect(view.repeat).toEqual([{ personId: view.persons[0]?.id, previousClosedAt: closed.closedAt }]);
    const log = await p.police.client.ok<LogView>("GET", `/api/tables/${second}/log`);
    expect(log.entries.find((e) => e.type === "case-repeat")).toMatchObject({ personsConcerned: [view.persons[0]?.id], actor: null });
    await close(second);
  });

  it("keeps no name or birth date in tafel.json: keyed hashes with closure dates, and a sealed key", async () => {
    const raw = await globalFile();
    for (const clear of ["Smet", "smet", "Peeters", "1985-02-03", "1983-07-08", "2018-01-01"]) expect(raw).not.toContain(clear);
    const data = JSON.parse(raw) as { closedCases: { personKey: string; closedAt: string }[]; personMatchKey: string };
    expect(data.closedCases).toHaveLength(5);
    for (const c of data.closedCases) {
      expect(Object.keys(c).sort()).toEqual(["closedAt", "personKey"]);
      expect(c.personKey).toMatch(/^[0-9a-f]{64}$/);
    }
    // The same person closed twice: the same key, which reveals nothing more than the flag does.
    expect(new Set(data.closedCases.map((c) => c.personKey)).size).toBe(4);
    expect(Buffer.from(data.personMatchKey, "base64").subarray(0, 4).toString("ascii")).toBe("TFL1");
  });

  it("does not flag a case returning more than 12 months after closure, and drops closures that old", async () => {
    clock = Date.parse("2027-04-11T09:00:00Z"); // 12 months and a day after the second closure
    const third = await acceptedCase(p, p.police, [{ name: "Ina De Smet", birthDate: "1985-02-03" }]);
    expect((await caseOf(third)).repeat).toEqual([]);
    await close(third);
    const data = JSON.parse(await globalFile()) as { closedCases: { closedAt: string }[] };
    expect(data.closedCases.map((c) => c.closedAt)).toEqual([new Date(clock).toISOString()]);
  });
});
