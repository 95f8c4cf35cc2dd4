// What every response tells the browser: a content security policy that allows only
// Tafel's own scripts and no framing, no sniffing, no caching of API answers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeDir, startServer, type TestServer } from "../support/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
});

describe("security headers", () => {
  it("set a strict content security policy on pages", async () => {
    const res = await fetch(`${server.url}/`);
    const csp = res.headers.get("content-security-policy") ?? "";
    const directives = new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(" ")]));
    expect(directives.get("default-src")).toBe("'self'");
    expect(directives.get("script-src")).toBe("'self'");
    expect(directives.get("frame-ancestors")).toBe("'none'");
    expect(directives.get("object-src")).toBe("'none'");
    expect(directives.get("connect-src")).toBe("'self'");
    expect(csp).not.toContain("https:");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-powered-by")).toBeNull();
  });

  it("keep API answers out of caches", async () => {
    const res = await fetch(`${server.url}/api/setup`);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});
