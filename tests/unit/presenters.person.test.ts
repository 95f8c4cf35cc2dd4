// presenters/person.ts: accounts and people as others see them; never credentials.
import { describe, expect, it } from "vitest";
import { presentAccount, presentOrganisation, presentPerson } from "../../server/presenters/person.js";
import { ORG_CARE, ORG_POLICE, account, allKeys, globalData } from "./fixtures.js";

const officer = account("Officer", { organisationId: ORG_POLICE.id });
const orphan = account("Orphan", { organisationId: "org-deleted" });
const global = globalData([officer, orphan]);

describe("presentPerson", () => {
  it("gives id, name, organisation name and sector only", () => {
    expect(presentPerson(global, officer.id)).toStrictEqual({
      id: officer.id,
      name: "Officer",
      organisation: "District Police",
      sector: "police",
    });
  });
  it("names an unknown account and an unknown organisation without failing", () => {
    expect(presentPerson(global, "nobody")).toEqual({ id: "nobody", name: "(unknown account)", organisation: "(unknown organisation)", sector: "other" });
    expect(presentPerson(global, orphan.id)).toEqual({ id: orphan.id, name: "Orphan", organisation: "(unknown organisation)", sector: "other" });
  });
});

describe("presentAccount", () => {
  it("shows the username and role to administrators but never the password record", () => {
    const v = presentAccount(global, officer);
    expect(Object.keys(v).sort()).toEqual(["id", "name", "organisation", "role", "username"]);
    expect(v.organisation).toEqual(presentOrganisation(ORG_POLICE));
    const keys = allKeys(v);
    for (const k of ["password", "hash", "salt", "createdAt", "organisationId"]) expect(keys.has(k), k).toBe(false);
    expect(JSON.stringify(v)).not.toContain(officer.password.hash);
  });
});

describe("presentOrganisation", () => {
  it("drops createdAt", () => {
    expect(presentOrganisation(ORG_CARE)).toStrictEqual({ id: "org-care", name: "Safe Home Care", sector: "care", secrecy: "professional" });
  });
});
