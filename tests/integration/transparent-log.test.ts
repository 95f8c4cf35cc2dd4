// The transparent log in CT shapes: a participant can check every entry and every
// change of history against signed tree heads, without trusting the server's word.
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  AuthoredFragmentView,
  ConsistencyProofView,
  InclusionProofView,
  LogEntriesView,
  LogExport,
  LogKeyView,
  LogView,
  SignedTreeHead,
} from "../../shared/types.js";
import { fromHex, leafHash, verifyConsistency, verifyInclusion } from "../../server/log/merkle.js";
import { fromBase64, toBase64, verifyTreeHead } from "../../server/log/treeHead.js";
import { verifyExport } from "../../server/log/verifyExport.js";
import { commitTo } from "../../server/log/commitment.js";
import { ApiClient } from "../support/api.js";
import { buildMember, buildWorld, releaseCanary, type Member, type World } from "../support/factories.js";
import { removeDir, startServer, tempDir, type TestServer } from "../support/server.js";

const run = promisify(execFile);
let server: TestServer;
let world: World;
let key: string;
let outsider: Member;

beforeAll(async () => {
  server = await startServer();
  world = await buildWorld(server, 2);
  outsider = await buildMember(server, world.admin);
  key = (await new ApiClient(server).ok<LogKeyView>("GET", "/api/log/key")).publicKey;
  const [alice, bob] = world.members as [Member, Member];
  await releaseCanary(alice, world.table, [bob.account.id]);
  await releaseCanary(bob, world.table, [alice.account.id, world.chair.account.id]);
});

afterAll(async () => {
  await server.stop();
  await removeDir(server.dataDir);
});

const base = () => `/api/tables/${world.table.id}/log`;
const sth = (m: Member) => m.client.ok<SignedTreeHead>("GET", `${base()}/sth`);

describe("the transparent log", () => {
  it("signs tree heads with the key the server publishes, bound to this table", async () => {
    const head = await sth(world.chair);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyTreeHead(world.table.id, head, key)).toBe(true);
    expect(verifyTreeHead("00000000-0000-4000-8000-000000000000", head, key)).toBe(false);
    expect(verifyTreeHead(world.table.id, { ...head, tree_size: head.tree_size + 1 }, key)).toBe(false);
  });

  it("proves every entry's inclusion against a signed head (get-proof-by-hash)", async () => {
    const view = await world.chair.client.ok<LogView>("GET", base());
    const root = fromBase64(view.treeHead.sha256_root_hash);
    expect(verifyTreeHead(world.table.id, view.treeHead, key)).toBe(true);
    for (const entry of view.entries) {
      const hash = toBase64(fromHex(entry.leafHash));
      const proof = await world.chair.client.ok<InclusionProofView>(
        "GET",
        `${base()}/proof-by-hash?hash=${encodeURIComponent(hash)}&tree_size=${view.size}`,
      );
      expect(proof.leaf_index).toBe(entry.seq);
      expect(verifyInclusion(fromHex(entry.leafHash), proof.leaf_index, view.size, proof.audit_path.map(fromBase64), root)).toBe(true);
    }
  });

  it("serves entries whose bytes hash to the leaves (get-entries)", async () => {
    const view = await world.chair.client.ok<LogView>("GET", base());
    const got = await world.chair.client.ok<LogEntriesView>("GET", `${base()}/entries?start=0&end=${view.size - 1}`);
    expect(got.entries).toHaveLength(view.size);
    got.entries.forEach((e, i) => {
      const bytes = fromBase64(e.leaf_input);
      expect(Buffer.from(leafHash(bytes)).toString("hex")).toBe(view.entries[i]?.leafHash);
      expect(JSON.parse(new TextDecoder().decode(bytes)).seq).toBe(i);
    });
  });

  it("lets an author prove what they released: salt + content recompute the logged commitment", async () => {
    const alice = world.members[0] as Member;
    const [mine] = await alice.client.ok<AuthoredFragmentView[]>("GET", `/api/tables/${world.table.id}/fragments/released`);
    if (!mine) throw new Error("alice released nothing");
    const view = await world.chair.client.ok<LogView>("GET", base());
    const got = await world.chair.client.ok<LogEntriesView>("GET", `${base()}/entries?start=0&end=${view.size - 1}`);
    const released = got.entries
      .map((e) => JSON.parse(new TextDecoder().decode(fromBase64(e.leaf_input))) as { type: string; fragment?: string; commitment?: string })
      .find((e) => e.type === "fragment-released" && e.fragment === mine.id);
    expect(released?.commitment).toBe(commitTo(mine.salt, mine.title, mine.body));
    expect(released?.commitment).not.toBe(commitTo(mine.salt, mine.title, `${mine.body} `));
  });

  it("proves that a later head extends an earlier one (get-sth-consistency)", async () => {
    const before = await sth(world.members[0] as Member);
    await world.members[0]?.client.ok("POST", `/api/tables/${world.table.id}/declines`, { question: "Anything about school?" });
    const after = await sth(world.members[0] as Member);
    expect(after.tree_size).toBeGreaterThan(before.tree_size);
    const proof = await world.chair.client.ok<ConsistencyProofView>(
      "GET",
      `${base()}/sth-consistency?first=${before.tree_size}&second=${after.tree_size}`,
    );
    const ok = verifyConsistency(
      before.tree_size,
      after.tree_size,
      fromBase64(before.sha256_root_hash),
      fromBase64(after.sha256_root_hash),
      proof.consistency.map(fromBase64),
    );
    expect(ok).toBe(true);
  });

  it("refuses bad queries with a 400 naming the parameter, and outsiders with no data", async () => {
    const bad = await world.chair.client.get<{ error: { code: string; message: string } }>(`${base()}/sth-consistency?first=x&second=2`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("first");
    const tooBig = await world.chair.client.get<{ error: { message: string } }>(`${base()}/entries?start=0&end=99999999&extra=1`);
    expect(tooBig.status).toBe(400);
    const hash = await world.chair.client.get(`${base()}/proof-by-hash?hash=abc&tree_size=1`);
    expect(hash.status).toBe(400);
    for (const p of ["", "/sth", "/entries?start=0&end=1", "/export"]) {
      expect((await outsider.client.get(`${base()}${p}`)).status).toBe(404);
      expect((await world.admin.get(`${base()}${p}`)).status).toBe(403);
    }
  });
});

describe("the offline export and npm run verify-log", () => {
  let file: LogExport;
  let dir: string;

  beforeAll(async () => {
    file = await world.chair.client.ok<LogExport>("GET", `${base()}/export`);
    dir = await tempDir("tafel-export-");
  });
  afterAll(() => removeDir(dir));

  it("logs the export itself and verifies as exported", () => {
    expect(JSON.parse(file.entries.at(-1) as string).type).toBe("log-exported");
    const verdict = verifyExport(file, { pinnedKey: key });
    expect(verdict.checks.filter((c) => !c.ok)).toEqual([]);
    expect(verdict.ok).toBe(true);
  });

  const tamperings: [string, (e: string[]) => string[]][] = [
    ["an edited entry", (e) => e.map((l, i) => (i === 2 ? l.replace(/"type":"invited"/, '"type":"removed"') : l))],
    ["a deleted entry", (e) => e.filter((_, i) => i !== 1)],
    ["two swapped entries", (e) => [e[1] as string, e[0] as string, ...e.slice(2)]],
    ["a truncated log", (e) => e.slice(0, -1)],
  ];
  it.each(tamperings)("detects %s", (_what, tamper) => {
    const forged = { ...file, entries: tamper(file.entries) };
    expect(forged.entries).not.toEqual(file.entries);
    expect(verifyExport(forged, { pinnedKey: key }).ok).toBe(false);
  });

  it("detects a re-signed log under another key when the key is pinned", () => {
    expect(verifyExport({ ...file, publicKey: "ab".repeat(32) }, { pinnedKey: key }).ok).toBe(false);
  });

  it("prints VERIFIED for the export and FAILED for a rewritten history, with exit codes", async () => {
    const good = path.join(dir, "good.json");
    const earlierHead = path.join(dir, "head.json");
    await writeFile(good, JSON.stringify(file));
    const early = await world.chair.client.ok<LogView>("GET", base());
    await writeFile(earlierHead, JSON.stringify(early.treeHead));
    const later = await world.chair.client.ok<LogExport>("GET", `${base()}/export`);
    const laterFile = path.join(dir, "later.json");
    await writeFile(laterFile, JSON.stringify(later));
    const tsx = ["--import", "tsx", "scripts/verify-log.ts"];
    const ok = await run(process.execPath, [...tsx, laterFile, "--key", key, "--earlier", earlierHead]);
    expect(ok.stdout).toContain("VERIFIED");
    expect(ok.stdout).toContain("extends the earlier tree head");

    const forged = path.join(dir, "forged.json");
    await writeFile(forged, JSON.stringify({ ...later, entries: later.entries.filter((_, i) => i !== 3) }));
    const bad = await run(process.execPath, [...tsx, forged, "--key", key, "--earlier", earlierHead]).catch((e: { code: number; stdout: string }) => e);
    expect("code" in bad ? bad.code : 0).toBe(1);
    expect(bad.stdout).toContain("FAILED");

    const usage = await run(process.execPath, [...tsx]).catch((e: { code: number; stderr: string }) => e);
    expect("code" in usage ? usage.code : 0).toBe(2);
    expect(usage.stderr).toContain("usage");
  }, 30_000);

  it("keeps its signing key across a restart", async () => {
    server = await server.restart();
    const again = await new ApiClient(server).ok<LogKeyView>("GET", "/api/log/key");
    expect(again.publicKey).toBe(key);
  });
});
