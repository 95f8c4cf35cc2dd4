// `npm audit` cannot reach the advisory service from every machine Tafel is built on,
// so the lockfile is checked here against the advisories we know of: every installed
// copy (nested ones too) of each package below must be at or above the first fixed
// version of each known advisory, on its own release line. High and critical
// advisories are why each floor exists; moderate and low ones on the same packages are
// kept too, as they cost nothing. Sources: GitHub Security Advisories (ids below).
// When an advisory appears, add its id and first fixed version; when this test fails,
// update the dependency (or pin it with "overrides" in package.json).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

interface Floor {
  /** First fixed version per release line (the line is the major, or 0.minor below 1.0). */
  fixed: string[];
  advisories: string[];
  /** Must be in the lockfile (a production dependency of ours or of socket.io/express). */
  required: boolean;
  dev?: boolean;
}

const FLOORS: Record<string, Floor> = {
  // GHSA-25hc-qcg6-38wj (CVE-2024-38355, unhandled 'error' event crashes the process): 4.6.2.
  "socket.io": { fixed: ["4.6.2"], advisories: ["GHSA-25hc-qcg6-38wj"], required: true },
  // GHSA-qm95-pgcg-qqfq (critical, CVE-2022-2421): 4.2.1; GHSA-cqmj-92xf-r6r9 (high, CVE-2023-32695): 4.2.3;
  // GHSA-677m-j7p3-52f9 (high, unbounded binary attachments): 4.2.6.
  "socket.io-parser": { fixed: ["4.2.6"], advisories: ["GHSA-qm95-pgcg-qqfq", "GHSA-cqmj-92xf-r6r9", "GHSA-677m-j7p3-52f9"], required: true },
  // GHSA-j4f2-536g-r55m (high, CVE-2022-21676): 6.1.1; GHSA-r7qp-cfhv-p84w (CVE-2022-41940): 6.2.1;
  // GHSA-q9mw-68c2-j6m5 (CVE-2023-31125): 6.4.2; CVE-2026-59725 (high, invalid binary POST): 6.6.7;
  // GHSA-gr94-w7qr-f4j3 (WebTransport sid DoS) and GHSA-r635-g3xr-vw7x (polling connection exhaustion): 6.6.9.
  "engine.io": {
    fixed: ["6.6.9"],
    advisories: ["GHSA-j4f2-536g-r55m", "GHSA-r7qp-cfhv-p84w", "GHSA-q9mw-68c2-j6m5", "CVE-2026-59725", "GHSA-gr94-w7qr-f4j3", "GHSA-r635-g3xr-vw7x"],
    required: true,
  },
  // 6.5.4 bundles ws 8.17.1 (GHSA-3h5v-q93c-6h6q).
  "engine.io-client": { fixed: ["6.5.4"], advisories: ["GHSA-3h5v-q93c-6h6q"], required: true },
  // GHSA-3h5v-q93c-6h6q (high, CVE-2024-37890, many headers crash the server): 8.17.1 (7.5.10 on 7.x).
  ws: { fixed: ["7.5.10", "8.17.1"], advisories: ["GHSA-3h5v-q93c-6h6q"], required: true },
  // GHSA-rv95-896h-c2vc (CVE-2024-29041, open redirect): 4.19.2 / 5.0.0-beta.3; GHSA-qw6h-vgh9-j6wx (CVE-2024-43796): 4.20.0 / 5.0.0.
  express: { fixed: ["4.20.0", "5.0.0"], advisories: ["GHSA-rv95-896h-c2vc", "GHSA-qw6h-vgh9-j6wx"], required: true },
  // GHSA-qwcr-r2fm-qrc7 (high, CVE-2024-45590): 1.20.3; GHSA-wqch-xfxh-vrr4 (url-encoded DoS, 2.2.0 only): 2.2.1.
  "body-parser": { fixed: ["1.20.3", "2.2.1"], advisories: ["GHSA-qwcr-r2fm-qrc7", "GHSA-wqch-xfxh-vrr4"], required: true },
  // GHSA-pxg6-pf52-xh8x (CVE-2024-47764, out-of-bounds characters in name/path/domain): 0.7.0.
  cookie: { fixed: ["0.7.0", "1.0.0"], advisories: ["GHSA-pxg6-pf52-xh8x"], required: true },
  // GHSA-9wv6-86v2-598j (high, CVE-2024-45296): 0.1.10 / 8.0.0; GHSA-rhx6-c78j-4q9w (CVE-2024-52798): 0.1.12;
  // GHSA-j3q9-mxjg-w52f (high, sequential optional groups) and GHSA-27v5-c462-wpq7 (multiple wildcards): 8.4.0.
  "path-to-regexp": {
    fixed: ["0.1.12", "8.4.0"],
    advisories: ["GHSA-9wv6-86v2-598j", "GHSA-rhx6-c78j-4q9w", "GHSA-j3q9-mxjg-w52f", "GHSA-27v5-c462-wpq7"],
    required: true,
  },
  // GHSA-m6fv-jmcg-4jfg (CVE-2024-43799, template injection): 0.19.0 / 1.1.0.
  send: { fixed: ["0.19.0", "1.1.0"], advisories: ["GHSA-m6fv-jmcg-4jfg"], required: true },
  // GHSA-cm22-4g7w-348p (CVE-2024-43800): 1.16.0 / 2.1.0.
  "serve-static": { fixed: ["1.16.0", "2.1.0"], advisories: ["GHSA-cm22-4g7w-348p"], required: true },
  // GHSA-hrpp-h998-j3pp (high, CVE-2022-24999, prototype poisoning): 6.10.3; GHSA-6rw7-vpxm-498p (high, CVE-2025-15284,
  // arrayLimit bypass): 6.14.1; GHSA-w7fw-mjwx-w883 (CVE-2026-2391, comma parsing): 6.14.2; GHSA-x5fp-wj9c-mxmx: 6.16.0.
  qs: { fixed: ["6.16.0"], advisories: ["GHSA-hrpp-h998-j3pp", "GHSA-6rw7-vpxm-498p", "GHSA-w7fw-mjwx-w883", "GHSA-x5fp-wj9c-mxmx"], required: true },
  // GHSA-3xgq-45jj-v275 (high, CVE-2024-21538, ReDoS): 6.0.6 / 7.0.5. Not installed today; checked if it comes back.
  "cross-spawn": { fixed: ["6.0.6", "7.0.5"], advisories: ["GHSA-3xgq-45jj-v275"], required: false, dev: true },
  // GHSA-mwcw-c2x4-8c55 (CVE-2024-55565, predictable with non-integer sizes): 3.3.8 / 5.0.9.
  nanoid: { fixed: ["3.3.8", "5.0.9"], advisories: ["GHSA-mwcw-c2x4-8c55"], required: true, dev: true },
  // GHSA-67mh-4wv8-2f99 (any site may read the dev server's responses): 0.25.0.
  esbuild: { fixed: ["0.25.0"], advisories: ["GHSA-67mh-4wv8-2f99"], required: true, dev: true },
  // Dev server only (Tafel serves the built client itself). GHSA-x574-m823-4x7w, GHSA-4r4m-qw57-chr8, GHSA-xcj6-pq6g-qj4x,
  // GHSA-356w-63v5-8wf4, GHSA-859w-5945-r5v3 (6.x), GHSA-g4jq-h2w9-997c (6.4.1 / 7.1.5), GHSA-p9ff-h696-f583 (high,
  // CVE-2026-39363, file read over the HMR WebSocket): 7.3.2 on 7.x. The 8.x line we use was not found affected; the floor is 8.0.0.
  vite: {
    fixed: ["7.3.2", "8.0.0"],
    advisories: ["GHSA-x574-m823-4x7w", "GHSA-4r4m-qw57-chr8", "GHSA-xcj6-pq6g-qj4x", "GHSA-356w-63v5-8wf4", "GHSA-859w-5945-r5v3", "GHSA-g4jq-h2w9-997c", "GHSA-p9ff-h696-f583"],
    required: true,
    dev: true,
  },
};

type Version = [number, number, number];

function parse(version: string): Version {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) throw new Error(`not a version: ${version}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i += 1) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** Below 1.0.0 every minor is its own line (0.1.x and 0.7.x do not compare). */
function line(v: Version): string {
  return v[0] === 0 ? `0.${v[1]}` : String(v[0]);
}

/** The floor that applies to an installed version: the fix on its own line, or above every fix. */
function floorFor(installed: string, fixed: string[]): string {
  const v = parse(installed);
  const sameLine = fixed.filter((f) => line(parse(f)) === line(v));
  if (sameLine.length > 0) return sameLine.reduce((a, b) => (compare(parse(a), parse(b)) >= 0 ? a : b));
  // A line with no fix of its own: it must be newer than every fixed line (older lines were never fixed).
  return fixed.reduce((a, b) => (compare(parse(a), parse(b)) >= 0 ? a : b));
}

function meetsFloor(installed: string, fixed: string[]): boolean {
  const v = parse(installed);
  const floor = parse(floorFor(installed, fixed));
  return line(v) === line(floor) ? compare(v, floor) >= 0 : compare(v, floor) > 0;
}

interface LockEntry {
  version?: string;
  dev?: boolean;
}

function installedCopies(): Map<string, { path: string; version: string; dev: boolean }[]> {
  const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, LockEntry> };
  const copies = new Map<string, { path: string; version: string; dev: boolean }[]>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    const name = path.split("node_modules/").at(-1);
    if (!name || !entry.version || !(name in FLOORS)) continue;
    const list = copies.get(name) ?? [];
    list.push({ path, version: entry.version, dev: entry.dev === true });
    copies.set(name, list);
  }
  return copies;
}

describe("the floor check itself", () => {
  it("compares on the installed version's own line and refuses lines older than every fix", () => {
    expect(meetsFloor("8.17.1", ["7.5.10", "8.17.1"])).toBe(true);
    expect(meetsFloor("8.17.0", ["7.5.10", "8.17.1"])).toBe(false);
    expect(meetsFloor("7.5.9", ["7.5.10", "8.17.1"])).toBe(false);
    expect(meetsFloor("6.2.3", ["7.5.10", "8.17.1"])).toBe(false);
    expect(meetsFloor("9.0.0", ["7.5.10", "8.17.1"])).toBe(true);
    expect(meetsFloor("0.1.11", ["0.1.12", "8.4.0"])).toBe(false);
    expect(meetsFloor("0.7.2", ["0.7.0", "1.0.0"])).toBe(true);
    expect(meetsFloor("0.6.0", ["0.7.0", "1.0.0"])).toBe(false);
    expect(meetsFloor("8.3.0", ["0.1.12", "8.4.0"])).toBe(false);
  });
});

describe("package-lock.json", () => {
  const copies = installedCopies();
  it.each(Object.entries(FLOORS))("every copy of %s is at or above the first fixed version of its known advisories", (name, floor) => {
    const found = copies.get(name) ?? [];
    if (floor.required) expect(found.length, `${name} is not in package-lock.json`).toBeGreaterThan(0);
    for (const copy of found) {
      expect(meetsFloor(copy.version, floor.fixed), `${copy.path}@${copy.version} is below ${floorFor(copy.version, floor.fixed)} (${floor.advisories.join(", ")})`).toBe(true);
      if (!floor.dev) expect(copy.dev, `${copy.path} should be a production dependency`).toBe(false);
    }
  });
});
