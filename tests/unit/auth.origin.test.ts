// auth/origin.ts: which Origin headers may talk to the server (REST and WebSockets).
import { describe, expect, it } from "vitest";
import { originAllowed, originsFor } from "../../server/auth/origin.js";

describe("originsFor", () => {
  it.each(["127.0.0.1", "localhost", "0.0.0.0"])("on %s, allows 127.0.0.1 and localhost on the same port", (host) => {
    expect([...originsFor([], host, () => 5173)()].sort()).toEqual(["http://127.0.0.1:5173", "http://localhost:5173"]);
  });

  it("on another host, allows only that host", () => {
    expect(originsFor([], "tafel.internal", () => 8080)()).toEqual(["http://tafel.internal:8080"]);
  });

  it("reads the port when asked (a server bound to port 0 learns it later)", () => {
    let port = 0;
    const origins = originsFor([], "127.0.0.1", () => port);
    port = 40123;
    expect(origins()).toContain("http://localhost:40123");
    expect(origins()).not.toContain("http://localhost:0");
  });

  it("uses exactly the configured origins when there are any", () => {
    const configured = ["https://tafel.example.org"];
    expect(originsFor(configured, "127.0.0.1", () => 5173)()).toEqual(configured);
  });
});

describe("originAllowed", () => {
  const allowed = originsFor([], "127.0.0.1", () => 5173);
  it.each([
    { origin: "http://127.0.0.1:5173", expected: true },
    { origin: "http://localhost:5173", expected: true },
    { origin: undefined, expected: false },
    { origin: "", expected: false },
    { origin: "null", expected: false },
    { origin: "http://evil.example", expected: false },
    { origin: "http://evil.example:5173", expected: false },
    { origin: "http://localhost:5174", expected: false },
    { origin: "https://localhost:5173", expected: false },
    { origin: "http://localhost:5173/", expected: false },
    { origin: "http://LOCALHOST:5173.evil.example", expected: false },
    { origin: "http://127.0.0.1:5173.evil.example", expected: false },
  ])("$origin → $expected", ({ origin, expected }) => {
    expect(originAllowed(origin, allowed)).toBe(expected);
  });

  it("with configured origins, refuses the local defaults", () => {
    const configured = originsFor(["https://tafel.example.org"], "127.0.0.1", () => 5173);
    expect(originAllowed("https://tafel.example.org", configured)).toBe(true);
    expect(originAllowed("http://localhost:5173", configured)).toBe(false);
  });
});
