// docs/openapi.json is generated from the zod schemas and the route catalogue; this
// keeps it true: the committed file is current, and every documented route exists.
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPENAPI_FILE, ROUTES, openapi } from "../../scripts/openapi.js";
import { ApiClient } from "../support/api.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
});

describe("the OpenAPI description", () => {
  it("is up to date with the schemas (run `npm run openapi` after changing them)", () => {
    expect(JSON.parse(readFileSync(OPENAPI_FILE, "utf8"))).toEqual(JSON.parse(JSON.stringify(openapi())));
  });

  it.each(ROUTES.map((r) => [r.method.toUpperCase(), r.path] as const))("documents a route the server serves: %s %s", async (method, path) => {
    const client = new ApiClient(server);
    const concrete = path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === "number" ? "1" : randomUUID()));
    const reply = await client.request<{ error?: { message: string } }>(method, concrete, method === "GET" || method === "DELETE" ? undefined : {});
    expect(reply.body.error?.message ?? "").not.toMatch(/^No API route/);
    expect(reply.status).toBeLessThan(500);
  });
});
