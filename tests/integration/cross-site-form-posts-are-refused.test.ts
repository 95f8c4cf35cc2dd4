// A cross-site form POST (the classic CSRF: an HTML form on another site, sent with
// Content-Type application/x-www-form-urlencoded, multipart/form-data or text/plain, so
// no CORS preflight) is refused whatever it carries: from a foreign Origin, with no
// Origin at all, or with `Origin: null` (a sandboxed frame), even when the browser
// attaches the session cookie. It is a 403 `bad-origin`, the refusal is logged, and no
// file of the data directory changes. A form sent from our own pages is not read as a
// command either: the API reads only application/json.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DraftView } from "../../shared/types.js";
import { buildWorld, type Member, type World } from "../support/factories.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { errorLines, expectApiError, logEvents } from "../support/adversary.js";
import { changedFiles, fingerprint } from "../support/dataFiles.js";

let server: TestServer;
let world: World;
let alice: Member;

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 1);
  [alice] = world.members as [Member];
});

afterAll(async () => {
  expect(errorLines(server)).toEqual([]);
  await server.stop();
  await removeDir(server.dataDir);
});

const FORMS: { type: string; body: (fields: Record<string, string>) => string }[] = [
  { type: "application/x-www-form-urlencoded", body: (f) => new URLSearchParams(f).toString() },
  // A text/plain form can smuggle JSON: name `{"title":"x","body":"` value `y"}`.
  { type: "text/plain", body: (f) => JSON.stringify(f) },
  { type: "multipart/form-data; boundary=X", body: (f) => `${Object.entries(f).map(([k, v]) => `--X\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("")}--X--\r\n` },
];

const ORIGINS: { label: string; origin: string | null }[] = [
  { label: "a foreign Origin", origin: "https://evil.example" },
  { label: "no Origin", origin: null },
  { label: "Origin: null", origin: "null" },
  { label: "a look-alike Origin", origin: "http://127.0.0.1.evil.example" },
];

async function post(path: string, type: string, body: string, origin: string | null, cookie: string | undefined) {
  const res = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": type, ...(origin === null ? {} : { origin }), ...(cookie ? { cookie } : {}) },
    body,
  });
  const text = await res.text();
  return { status: res.status, text, body: res.headers.get("content-type")?.includes("json") ? (JSON.parse(text) as unknown) : text };
}

describe("cross-site form posts", () => {
  it.each(ORIGINS)("from $label are refused 403 bad-origin on every kind of form, with the session cookie, and change nothing", async ({ origin }) => {
    const before = await fingerprint(server.dataDir);
    const refusedBefore = logEvents(server, "origin-refused").length;
    const t = world.table.id;
    const targets: { path: string; fields: Record<string, string> }[] = [
      { path: `/api/tables/${t}/drafts`, fields: { title: "planted", body: "planted" } },
      { path: `/api/tables/${t}/declines`, fields: { question: "planted" } },
      { path: "/api/auth/logout", fields: {} },
      { path: "/api/auth/sessions/end-all", fields: {} },
      // Login CSRF: signing the victim in as the attacker.
      { path: "/api/auth/login", fields: { username: alice.username, password: "anything at all" } },
    ];
    let sent = 0;
    for (const form of FORMS) {
      for (const target of targets) {
        const reply = await post(target.path, form.type, form.body(target.fields), origin, alice.client.cookie);
        expectApiError(reply, 403, "bad-origin");
        sent += 1;
      }
    }
    expect(logEvents(server, "origin-refused").length - refusedBefore).toBe(sent);
    // Nothing was written, and Alice's session survived the sign-out attempts.
    expect(changedFiles(before, await fingerprint(server.dataDir))).toEqual([]);
    expect((await alice.client.get("/api/auth/session")).status).toBe(200);
    const drafts = await alice.client.ok<DraftView[]>("GET", `/api/tables/${t}/drafts`);
    expect(drafts.filter((d) => d.title === "planted")).toEqual([]);
  });

  it("a form from our own Origin is not read as a command: only application/json is", async () => {
    const before = await fingerprint(server.dataDir);
    for (const form of FORMS) {
      const reply = await post(`/api/tables/${world.table.id}/drafts`, form.type, form.body({ title: "planted", body: "planted" }), server.origin, alice.client.cookie);
      expectApiError(reply, 400, "invalid-input");
    }
    expect(changedFiles(before, await fingerprint(server.dataDir))).toEqual([]);
  });
});
