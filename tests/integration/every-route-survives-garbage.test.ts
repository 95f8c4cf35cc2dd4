// Every REST route of docs/openapi.json (scripts/openapi.ts ROUTES), attacked by a
// signed-in member (the chair of a real table), an administrator and someone without a
// session, with fast-check: arbitrary JSON, wrong types in the route's own fields, huge
// strings, deep nesting, __proto__/constructor keys, lone surrogates, malformed JSON,
// wrong content types and encodings, bodies over the limit, and path parameters and
// query strings that are garbage, very long, percent-encoded bytes or traversal.
//
// Each request is chosen so that it must be refused (its body can never be valid, or a
// path id names nothing), except reads that may answer. Observed: never a 5xx, every
// refusal is JSON {error: {code, message}}, the server keeps answering, no file of the
// data directory changed (every file hashed before and after each route), and nothing
// polluted Object.prototype in the server's process.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { ROUTES } from "../../scripts/openapi.js";
import { LIMITS } from "../../shared/schemas.js";
import type { ApiError } from "../../shared/types.js";
import { buildWorld, type World } from "../support/factories.js";
import { removeDir, startServer, type TestServer } from "../support/server.js";
import { errorLines, serverErrorResponses } from "../support/adversary.js";
import { changedFiles, fingerprint } from "../support/dataFiles.js";

/** Runs per route and actor; `TAFEL_FUZZ_RUNS=200` for a longer search. */
const RUNS = Number(process.env.TAFEL_FUZZ_RUNS ?? 6);

type Route = (typeof ROUTES)[number];

interface Actor {
  name: "member" | "administrator" | "nobody";
  cookie: () => string | undefined;
}

type Attack =
  | { kind: "none" }
  | { kind: "json"; value: unknown }
  | { kind: "raw"; text: string; contentType: string | null; encoding?: string }
  | { kind: "oversized" };

interface Shot {
  params: string[];
  query: string;
  attack: Attack;
}

let server: TestServer;
let world: World;
let actors: Actor[];

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 1);
  actors = [
    { name: "member", cookie: () => world.chair.client.cookie },
    { name: "administrator", cookie: () => world.admin.cookie },
    { name: "nobody", cookie: () => undefined },
  ];
});

afterAll(async () => {
  expect(errorLines(server)).toEqual([]);
  expect(serverErrorResponses(server)).toEqual([]);
  await server.stop();
  await removeDir(server.dataDir);
});

// ---- what an attacker sends -----------------------------------------------------------

const TRICKY = [
  "__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "null", "undefined", "NaN", "-1", "0", "1e309",
  "' OR 1=1 --", "<script>alert(1)</script>", "${7*7}", "{{7*7}}", "\u0000", "\u202e\u0644", "𝕋𝕒𝕗𝕖𝕝", "\ud800", "\udfff",
];

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(...TRICKY),
  // Huge, but under the body limit once in JSON: the route's own length limits must refuse it.
  fc.integer({ min: 1_000, max: LIMITS.messageBytes - 2_000 }).map((n) => "x".repeat(n)),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  hostileString,
  fc.constantFrom(null, true, false, 0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, [], {}, [[[]]], { "": "" }),
);

/** The route's own field names, with values of every other type (never a valid body). */
function ownFields(schema: z.ZodType): fc.Arbitrary<unknown> {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  const keys = shape ? Object.keys(shape) : [];
  if (keys.length === 0) return fc.jsonValue({ maxDepth: 3 });
  return fc.dictionary(fc.constantFrom(...keys), hostileValue, { minKeys: 1, maxKeys: keys.length });
}

/** JSON text a JSON.stringify of a JS object cannot produce, written by hand. */
const rawJson = fc.oneof(
  // Deep nesting, up to what fits under the limit.
  fc.integer({ min: 100, max: 30_000 }).map((depth) => `${"[".repeat(depth)}${"]".repeat(depth)}`),
  fc.integer({ min: 100, max: 10_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`),
  // Prototype pollution attempts.
  fc.constantFrom(
    '{"__proto__":{"polluted":"yes","role":"admin"}}',
    '{"constructor":{"prototype":{"polluted":"yes"}}}',
    '{"__proto__":{"polluted":"yes"},"title":"t","body":"b"}',
    '[{"__proto__":{"polluted":"yes"}}]',
  ),
  // Duplicate keys, big numbers, escapes.
  fc.constantFrom('{"a":1,"a":2}', '{"n":1e999999}', '{"n":-0}', '{"s":"\\ud800"}', '{"s":"\\u0000"}', "\ufeff{}", "\ufeff[]"),
);

const malformedJson = fc.oneof(
  fc.constantFrom("{", "}", "[", '{"a":', '{"a" 1}', "{'a':1}", "NaN", "undefined", '{"a":1,}', "\u0000", "{}{}", '"unterminated'),
  fc.string({ minLength: 1, maxLength: 60 }).filter((s) => {
    try {
      // The parser strips a byte order mark first (so "\ufeff{}" is valid JSON to it).
      JSON.parse(s.replace(/^\ufeff/, ""));
      return false;
    } catch {
      return true;
    }
  }),
);

const WRONG_TYPES = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/xml",
  "application/vnd.api+json",
  "application/json; charset=utf-16",
  "application/json; charset=latin1",
];

function bodyAttacks(route: Route, signedBodyless: boolean): fc.Arbitrary<Attack> {
  const malformed = malformedJson.map((text): Attack => ({ kind: "raw", text, contentType: "application/json" }));
  const oversized = fc.constant<Attack>({ kind: "oversized" });
  // Without a body schema and without a path id to refuse (sign out, end all sessions),
  // only what the parser refuses before the route runs: anything else would be obeyed.
  if (signedBodyless) return fc.oneof(malformed, oversized);
  const schema = route.body;
  const invalid = (value: unknown) => !schema || !schema.safeParse(value).success;
  return fc.oneof(
    fc.constant<Attack>({ kind: "none" }),
    fc.jsonValue({ maxDepth: 4 }).filter(invalid).map((value): Attack => ({ kind: "json", value })),
    (schema ? ownFields(schema) : hostileValue).filter(invalid).map((value): Attack => ({ kind: "json", value })),
    rawJson.map((text): Attack => ({ kind: "raw", text, contentType: "application/json" })),
    malformed,
    fc.tuple(fc.constantFrom(...WRONG_TYPES, null), fc.oneof(malformedJson, fc.constant('{"a":1}'), fc.constant("a=1&b=2"))).map(
      ([contentType, text]): Attack => ({ kind: "raw", text, contentType }),
    ),
    fc.constantFrom("gzip", "deflate", "br", "x-unknown").map((encoding): Attack => ({ kind: "raw", text: '{"a":1}', contentType: "application/json", encoding })),
    oversized,
  );
}

/** Path parameters that name nothing: never the id of something that exists. */
const garbageParam = fc.oneof(
  fc.uuid(), // well formed, names nothing
  fc.constantFrom(
    "..", "...", "%2e%2e", "..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fdata%2ftafel.json", "%00", "%", "%E0%A4%A", "%ff%fe",
    "%5B%5D", "%7B%7D", "__proto__", "constructor", "0", "-1", "1e309", "NaN", "null", "tafel.json", encodeURIComponent("\u202e"),
  ),
  fc.integer({ min: 200, max: 4_000 }).map((n) => "a".repeat(n)),
  fc.string({ minLength: 1, maxLength: 40 }).map((s) => encodeURIComponent(s)),
  fc.uint8Array({ minLength: 1, maxLength: 24 }).map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("")),
);

const garbageQuery = fc.oneof(
  fc.constant(""),
  fc.constantFrom("?start=-1&end=99999999", "?start=1&start=2", "?first=a&second=b", "?hash=%%%", "?tree_size=1e309", "?format=../../etc", "?from=1&to=0",
    "?category=__proto__&purpose=constructor", "?a[b]=1&a[c]=2", "?start=0&end=0&start=0"),
  fc.array(fc.tuple(fc.constantFrom("start", "end", "first", "second", "hash", "tree_size", "format", "from", "to", "category", "purpose", "x"), garbageParam), {
    maxLength: 4,
  }).map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}`),
);

// ---- how it is sent and what must come back -----------------------------------------------

function pathOf(route: Route, params: string[]): string {
  let i = 0;
  return route.path.replace(/\{\w+\}/g, () => params[i++] ?? "x");
}

function paramNames(route: Route): string[] {
  return [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");
}

async function send(actor: Actor, method: string, url: string, attack: Attack): Promise<{ status: number; type: string; text: string }> {
  const headers: Record<string, string> = { origin: server.origin };
  const cookie = actor.cookie();
  if (cookie) headers.cookie = cookie;
  let body: string | undefined;
  if (attack.kind === "json") {
    body = JSON.stringify(attack.value) ?? "null";
    headers["content-type"] = "application/json";
  } else if (attack.kind === "raw") {
    body = attack.text;
    if (attack.contentType) headers["content-type"] = attack.contentType;
    if (attack.encoding) headers["content-encoding"] = attack.encoding;
  } else if (attack.kind === "oversized") {
    body = JSON.stringify({ title: "x".repeat(LIMITS.messageBytes + 1) });
    headers["content-type"] = "application/json";
  }
  const res = await fetch(`${server.url}${url}`, { method, headers, body, redirect: "manual" });
  return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() };
}

function expectJsonError(reply: { status: number; type: string; text: string }, label: string): void {
  expect(reply.type, `${label}: not JSON: ${reply.text.slice(0, 200)}`).toContain("application/json");
  const body = JSON.parse(reply.text) as ApiError;
  expect(typeof body.error?.code, label).toBe("string");
  expect(typeof body.error?.message, label).toBe("string");
  expect(body.error.message.length, label).toBeGreaterThan(0);
}

async function stillServing(): Promise<void> {
  expect((await world.chair.client.get("/api/auth/session")).status).toBe(200);
  expect((await world.admin.get("/api/auth/session")).status).toBe(200);
}

/** Pure reads whose query a real table id lets the server parse (they write nothing). */
function readWithQuery(route: Route): boolean {
  return route.method === "get" && route.summary.includes("query:") && paramNames(route).every((p) => p === "tableId");
}

function shots(route: Route, actor: Actor): fc.Arbitrary<Shot> {
  const names = paramNames(route);
  const isRead = route.method === "get";
  // A real table id lets the attack reach the body's or the query's validation; only
  // where nothing else could make the request succeed (a body that is never valid, a
  // read with a query, another id that names nothing).
  const realTableAllowed = actor.name !== "nobody" && (isRead ? readWithQuery(route) : route.body !== undefined || names.length > 1);
  const param = (name: string) => (name === "tableId" && realTableAllowed ? fc.oneof(fc.constant(world.table.id), garbageParam) : garbageParam);
  const signedBodyless = !isRead && route.body === undefined && names.length === 0;
  return fc.record({
    params: names.length === 0 ? fc.constant<string[]>([]) : fc.tuple(...names.map(param)),
    query: isRead ? garbageQuery : fc.oneof(fc.constant(""), garbageQuery),
    attack: isRead ? fc.constant<Attack>({ kind: "none" }) : bodyAttacks(route, signedBodyless),
  });
}

/** Whether the shot can only be refused: every state change, and every read naming garbage. */
function mustRefuse(route: Route, shot: Shot): boolean {
  if (route.method !== "get") return true;
  return shot.params.some((p) => p !== world.table.id);
}

describe.each(ROUTES.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))("%s", (_name, route) => {
  it("refuses garbage from a member, an administrator and nobody with a JSON 4xx, writes nothing and keeps serving", async () => {
    const before = await fingerprint(server.dataDir);
    for (const actor of actors) {
      await fc.assert(
        fc.asyncProperty(shots(route, actor), async (shot) => {
          const url = `${pathOf(route, shot.params)}${shot.query}`;
          const label = `${actor.name} ${route.method.toUpperCase()} ${url.slice(0, 200)} (${shot.attack.kind})`;
          const reply = await send(actor, route.method.toUpperCase(), url, shot.attack);
          expect(reply.status, `${label} → ${reply.text.slice(0, 200)}`).toBeLessThan(500);
          if (shot.attack.kind === "oversized") expect(reply.status, label).toBe(413);
          if (mustRefuse(route, shot)) expect(reply.status, `${label} → ${reply.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
          if (reply.status >= 400) expectJsonError(reply, label);
        }),
        { numRuns: RUNS },
      );
    }
    await stillServing();
    expect(changedFiles(before, await fingerprint(server.dataDir))).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });
});

describe("requests the router never reaches", () => {
  it("an unknown route, a malformed percent-encoding and a traversal are JSON 4xx", async () => {
    const member = actors[0] as Actor;
    const urls = ["/api/nope", "/api/tables/%E0%A4%A/drafts", "/api/tables/..%2f..%2ftafel.json", "/api/tables/%2e%2e%2ftafel.json/log", `/api/tables/${randomUUID()}/nothing-here`, "/api/tables//drafts"];
    for (const url of urls) {
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
        const reply = await send(member, method, url, method === "GET" ? { kind: "none" } : { kind: "json", value: {} });
        expect(reply.status, `${method} ${url}`).toBeGreaterThanOrEqual(400);
        expect(reply.status, `${method} ${url}`).toBeLessThan(500);
        expectJsonError(reply, `${method} ${url}`);
      }
    }
  });

  it("a traversal outside the API never serves a file from outside the client", async () => {
    for (const url of ["/..%2fpackage.json", "/%2e%2e%2fpackage.json", "/assets/..%2f..%2fpackage.json", "/..%5cpackage.json", "/%", "/%E0%A4%A", "/%00", "/assets/%ff", "/index.html%00.js"]) {
      const reply = await send(actors[2] as Actor, "GET", url, { kind: "none" });
      expect(reply.status, url).toBeLessThan(500);
      expect(reply.text, url).not.toContain('"name": "tafel"');
    }
  });

  it("a URL over Node's header limit (16 KiB) is refused by Node itself with 431, and the server keeps serving", async () => {
    const reply = await send(actors[0] as Actor, "GET", `/api/tables/${"a".repeat(20_000)}`, { kind: "none" });
    expect(reply.status).toBe(431);
    await stillServing();
  });
});
