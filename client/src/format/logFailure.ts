// Failed log checks in words, for the alarm and the Log tab. Rows that failed the same
// way are named in one sentence.
import type { TFunction } from "i18next";
import type { Failure } from "../log/failures";
import { fingerprint } from "../log/logKey";

const LISTED = 10;

function seqList(t: TFunction, seqs: number[]): string {
  const shown: string[] = seqs.slice(0, LISTED).map((seq) => t("logAlarm.seq", { seq }));
  if (seqs.length > LISTED) shown.push(t("logAlarm.more", { count: seqs.length - LISTED }));
  return shown.join(t("common.listSeparator"));
}

export interface FailureLine {
  key: string;
  check: Failure["check"];
  text: string;
}

export function describeFailures(t: TFunction, failures: readonly Failure[]): FailureLine[] {
  const lines: FailureLine[] = [];
  const rows = { inclusion: [] as number[], entry: [] as number[] };
  for (const f of failures) {
    switch (f.check) {
      case "inclusion":
      case "entry":
        if (rows[f.check].length === 0) lines.push({ key: f.check, check: f.check, text: "" });
        rows[f.check].push(f.seq);
        break;
      default:
        lines.push({ key: JSON.stringify(f), check: f.check, text: describe(t, f) });
    }
  }
  return lines.map((line) =>
    line.check === "inclusion" || line.check === "entry"
      ? { ...line, text: t(`logAlarm.checks.${line.check}`, { count: rows[line.check].length, list: seqList(t, rows[line.check]) }) }
      : line,
  );
}

function describe(t: TFunction, f: Exclude<Failure, { check: "inclusion" | "entry" }>): string {
  switch (f.check) {
    case "key-changed":
      return t("logAlarm.checks.key-changed", { pinned: fingerprint(f.pinned), served: fingerprint(f.served) });
    case "signature":
      return t("logAlarm.checks.signature", { size: f.size });
    case "size":
      return t("logAlarm.checks.size", { treeSize: f.treeSize, entries: f.entries });
    case "sequence":
      return t("logAlarm.checks.sequence", { index: f.index, seq: f.seq });
    case "root":
      return t("logAlarm.checks.root");
    case "shrunk":
      return t("logAlarm.checks.shrunk", { earlierSize: f.earlierSize, size: f.size });
    case "forked":
      return t("logAlarm.checks.forked", { size: f.size });
    case "inconsistent":
      return t("logAlarm.checks.inconsistent", { earlierSize: f.earlierSize, size: f.size });
  }
}
