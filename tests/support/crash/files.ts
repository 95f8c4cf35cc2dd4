// "No file is torn": every file of a data directory read as Tafel would, without the
// server. JSON documents parse, sealed files open with the keyring (AES-GCM
// authenticates them, bound to their place), every log line is canonical JSON numbered
// 0…n-1, every Yjs update line is base64 of a sealed update. A last line without its
// newline is an append that was never acknowledged: allowed right after a kill (the
// server cuts it on load), not once the server has loaded the table.
import { createPrivateKey } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import canonicalize from "canonicalize";
import { openKeyring, type Sealer } from "../../../server/store/sealer.js";
import { openSealedJournal } from "../../../server/store/journaledFile.js";

export interface FileReport {
  problems: string[];
  /** Files read and found whole. */
  files: number;
  /** Log or update files ending in a partial line (never acknowledged). */
  partialTails: string[];
  /** Temp files of writes the kill interrupted (never renamed into place, never read). */
  leftoverTemps: string[];
}

async function walk(dir: string, base = ""): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(path.join(dir, base), { withFileTypes: true })) {
    const rel = base ? `${base}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await walk(dir, rel)));
    else if (e.isFile()) out.push(rel);
  }
  return out;
}

/** Complete lines of a line file; the partial tail (if any) is reported. */
function linesOf(text: string, rel: string, report: FileReport, allowPartialTail: (rel: string) => boolean): string[] {
  if (text.length > 0 && !text.endsWith("\n")) {
    if (allowPartialTail(rel)) report.partialTails.push(rel);
    else report.problems.push(`${rel} ends in a partial line after the server loaded it`);
    text = text.slice(0, text.lastIndexOf("\n") + 1);
  }
  return text.split("\n").filter((l) => l.length > 0);
}

/** `allowPartialTail` says which line files may still end in a partial line (those the server has not loaded since the kill). */
export async function inspectDataDir(dataDir: string, keyFile: string, options: { allowPartialTail: (rel: string) => boolean }): Promise<FileReport> {
  const sealer: Sealer = await openKeyring(keyFile);
  const report: FileReport = { problems: [], files: 0, partialTails: [], leftoverTemps: [] };
  for (const rel of await walk(dataDir)) {
    const bytes = await readFile(path.join(dataDir, rel));
    const name = path.posix.basename(rel);
    const fail = (what: string, err?: unknown) => report.problems.push(`${rel}: ${what}${err instanceof Error ? ` (${err.message})` : ""}`);
    try {
      if (/^\..+\.tmp$/.test(name)) {
        report.leftoverTemps.push(rel);
        continue;
      }
      if (rel === "tafel.json" || rel === "tafel.pid") {
        JSON.parse(bytes.toString("utf8"));
      } else if (rel === "log-signing-key.pem") {
        createPrivateKey(bytes.toString("utf8"));
      } else if (/^tables\/[^/]+\/table\.json$/.test(rel)) {
        JSON.parse(Buffer.from(sealer.open(bytes, rel)).toString("utf8"));
      } else if (/^tables\/[^/]+\/log\.jsonl$/.test(rel)) {
        const lines = linesOf(bytes.toString("utf8"), rel, report, options.allowPartialTail);
        lines.forEach((line, i) => {
          const entry = JSON.parse(line) as { seq?: unknown };
          if (canonicalize(entry) !== line) fail(`line ${i + 1} is not canonical JSON`);
          if (entry.seq !== i) fail(`line ${i + 1} carries seq ${String(entry.seq)}`);
        });
      } else if (/^tables\/[^/]+\/table\.journal$/.test(rel)) {
        // A header naming the snapshot it continues, then one sealed line per update.
        linesOf(bytes.toString("utf8"), rel, report, options.allowPartialTail);
        for (const line of openSealedJournal(sealer, rel.replace(/\.journal$/, ".json"), bytes.toString("utf8"))) JSON.parse(line);
      } else if (/^tables\/[^/]+\/collab\/[^/]+\.updates$/.test(rel)) {
        const lines = linesOf(bytes.toString("utf8"), rel, report, options.allowPartialTail);
        lines.forEach((line, i) => {
          if (!/^[A-Za-z0-9+/]*={0,2}$/.test(line)) fail(`line ${i + 1} is not base64`);
          else sealer.open(Buffer.from(line, "base64"), rel);
        });
      } else if (/^tables\/[^/]+\/(collab|blobs)\/[^/]+$/.test(rel)) {
        sealer.open(bytes, rel);
      } else {
        // Files other features add: they must at least be readable; nothing more is known.
      }
      report.files += 1;
    } catch (err) {
      fail("cannot be read as Tafel writes it", err);
    }
  }
  return report;
}
