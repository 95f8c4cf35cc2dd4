// The server log's shape: JSON lines with a UTC time, a level and the event's fields;
// secrets under their usual names are redacted even if a caller passed them; the lines
// tests capture are the ones production writes (same options, same serialiser).
import { describe, expect, it } from "vitest";
import { memoryLogger, parseLogLine, streamLogger } from "../../server/logger.js";

describe("server/logger", () => {
  it("writes one JSON line per call, with a UTC time, a level and a message", () => {
    const lines: string[] = [];
    const log = memoryLogger(lines);
    log.info("plain sentence");
    log.warn("careful");
    log.error("broken");
    expect(lines).toHaveLength(3);
    const [info, warn, error] = lines.map((l) => parseLogLine(l));
    expect(info).toMatchObject({ level: "info", msg: "plain sentence", service: "tafel" });
    expect(warn?.level).toBe("warn");
    expect(error?.level).toBe("error");
    expect(info?.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it("an event carries its name and fields", () => {
    const lines: string[] = [];
    memoryLogger(lines).event("signed-in", { accountId: "a1", sessionId: "s1", status: 200 }, "info");
    expect(parseLogLine(lines[0] ?? "")).toMatchObject({ level: "info", event: "signed-in", msg: "signed-in", accountId: "a1", sessionId: "s1", status: 200 });
  });

  it("redacts secrets under their usual names, whoever passed them", () => {
    const lines: string[] = [];
    const secret = "SECRET-VALUE-123";
    memoryLogger(lines).event("oops", { password: secret, token: secret, code: secret, secret, cookie: secret, authorization: secret, body: secret, title: secret, text: secret });
    expect(lines.join("\n")).not.toContain(secret);
    const record = parseLogLine(lines[0] ?? "");
    for (const key of ["password", "token", "code", "secret", "cookie", "authorization", "body", "title", "text"]) expect(record?.[key], key).toBe("[redacted]");
  });

  it("an event's name wins over a field called `event`, and a line break in a value stays inside its JSON string", () => {
    const lines: string[] = [];
    memoryLogger(lines).event("origin-refused", { event: "forged", origin: "https://x\n{\"level\":\"info\"}" }, "warn");
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain("\n");
    expect(parseLogLine(lines[0] ?? "")).toMatchObject({ event: "origin-refused", origin: "https://x\n{\"level\":\"info\"}" });
  });

  it("the memory logger and a stream logger write the same lines", () => {
    const a: string[] = [];
    const b: string[] = [];
    memoryLogger(a).event("request", { route: "/api/tables", status: 200 });
    streamLogger((l) => b.push(l)).event("request", { route: "/api/tables", status: 200 });
    const strip = (l: string) => ({ ...parseLogLine(l), time: "" });
    expect(a.map(strip)).toEqual(b.map(strip));
  });
});
