// A disclosure report answers a person's access request, so its files come in the
// language that person reads: `lang=nl` gives the PDF and the CSV headers in Dutch, with
// the same facts and still no content; English stays the default and word for word as
// before; an unknown language is a 400 that produces (and logs) no report.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiError, CreatedAccountView, LogView, OrganisationView } from "../../shared/types.js";
import { ApiClient } from "../support/api.js";
import { activate, buildWorld, releaseCanary, type Member, type World } from "../support/factories.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { pdfText } from "../support/pdfText.js";

let server: TestServer;
let world: World;
let dpo: ApiClient;
let secret: string;

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 1);
  const [alice] = world.members as [Member];
  const orgs = await world.admin.ok<OrganisationView[]>("GET", "/api/admin/organisations");
  const account = await world.admin.ok<CreatedAccountView>("POST", "/api/admin/accounts", {
    name: "Dana DPO",
    username: "dpo",
    organisationId: orgs[0]?.id,
    role: "dpo",
  });
  dpo = new ApiClient(server);
  await activate(dpo, "dpo", account.temporaryPassword);
  secret = (await releaseCanary(alice, world.table, [world.chair.account.id])).canary;
});

afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
});

const reportPath = () => `/api/dpo/tables/${world.table.id}/persons/${world.table.personsConcerned[0]?.id}/report`;

async function pdf(query: string): Promise<string> {
  const res = await fetch(`${server.url}${reportPath()}?${query}`, { headers: { cookie: dpo.cookie ?? "" } });
  expect(res.status).toBe(200);
  return pdfText(Buffer.from(await res.arrayBuffer()));
}

const reportsLogged = async () =>
  (await world.chair.client.ok<LogView>("GET", `/api/tables/${world.table.id}/log`)).entries.filter((e) => e.type === "disclosure-report").length;

describe("a disclosure report in Dutch", () => {
  it("is a Dutch PDF with the same facts and no content", async () => {
    const drawn = await pdf("format=pdf&lang=nl");
    expect(drawn).toContain("Betrokkene: V1");
    expect(drawn).toContain(`Casustafel: ${world.table.caseCode}`);
    expect(drawn).toContain("vrijgegeven door");
    expect(drawn).toContain("sociaal en financieel (feit)");
    expect(drawn).toContain("niet verzonden");
    expect(drawn).toContain(world.chair.account.name);
    expect(drawn).not.toContain("Person concerned");
    expect(drawn).not.toContain(secret);
  });

  it("is a CSV with Dutch headers and the same rows", async () => {
    const nl = (await dpo.get(`${reportPath()}?format=csv&lang=nl`)).text;
    const en = (await dpo.get(`${reportPath()}?format=csv`)).text;
    expect(nl.split("\n")[0]).toContain("organisatie van de ontvanger");
    expect(en.split("\n")[0]).toContain("recipient organisation");
    // Only the header line differs: the data is the same.
    expect(nl.split("\n").slice(1)).toEqual(en.split("\n").slice(1));
    expect(nl).not.toContain(secret);
  });

  it("stays English by default and with lang=en", async () => {
    for (const query of ["format=pdf", "format=pdf&lang=en"]) {
      const drawn = await pdf(query);
      expect(drawn).toContain("Person concerned: V1");
      expect(drawn).not.toContain("Betrokkene");
    }
  });

  it.each([
    ["a region tag", "lang=fr-BE"],
    ["an unknown language", "lang=xx"],
    ["two languages", "lang=nl&lang=en"],
    ["a huge value", `lang=${"n".repeat(5000)}`],
  ])(
    "refuses %s with a 400, producing and logging no report",
    async (_what, query) => {
      const before = await reportsLogged();
      const reply = await dpo.get<ApiError>(`${reportPath()}?format=pdf&${query}`);
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe("invalid-input");
      expect(reply.body.error.message).toContain("lang");
      expect(await reportsLogged()).toBe(before);
    },
  );
});
