// Is a password a person chooses too easy to guess? Asked wherever one is chosen
// (setup of the first administrator, replacing a temporary password, a change), after
// the schema's length check (shared/schemas.ts: 12 to 256 characters, no composition
// rules, ASVS 6.2.5). Refused, with the reason named (ASVS 6.2.4, 6.2.11, 6.1.2):
//
// - one of the most common passwords, or a common word or name (commonPasswords.ts)
//   with digits and symbols around it, written with look-alike characters (`P@ssw0rd`),
//   twice, or two of them together;
// - a keyboard walk, a sequence or a repetition, or at most three such pieces in a row;
// - context-specific words: the name of the application (Tafel), the username, the
//   person's name and their organisation's name, unless the password is mostly other
//   characters (a long passphrase that happens to contain one of them stays allowed).
//
// Never logs or returns the password, or the word it matched.
import { COMMON_WORDS, FULL_PASSWORDS, SEQUENCES } from "./commonPasswords.js";

export type PasswordProblem =
  | "is one of the most commonly used passwords"
  | "is a keyboard pattern, a sequence or a repetition"
  | "is a common word or password with a few characters added"
  | "contains the name of this application (Tafel)"
  | "contains your username"
  | "contains your name"
  | "contains the name of your organisation";

export interface PasswordContext {
  username: string;
  name: string;
  organisationName: string;
}

/** Words every Tafel password is checked against, whoever chooses it. */
const APPLICATION_WORDS = ["tafel", "casusoverleg"];

/** A part of a name shorter than this is not checked (too many passwords contain "an" or "de"). */
const MIN_CONTEXT_WORD = 4;
/** What a password must hold besides a context word to pass, in letters and digits. */
const MIN_REMAINDER = 8;

const LOOK_ALIKES: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", $: "s", "!": "i", "|": "l", "+": "t" };

function lower(text: string): string {
  return text.normalize("NFC").toLowerCase();
}

/** Spaces, dashes, dots and underscores between words do not make a password harder. */
function withoutSeparators(text: string): string {
  return text.replace(/[\s\-_.]+/gu, "");
}

function unLeet(text: string): string {
  return [...text].map((c) => LOOK_ALIKES[c] ?? c).join("");
}

/** `abcabc`, `passwordpassword`: the same piece twice or more. */
function isRepetition(s: string): boolean {
  for (let unit = 1; unit <= s.length / 2; unit += 1) {
    if (s.length % unit === 0 && s.slice(0, unit).repeat(s.length / unit) === s) return true;
  }
  return false;
}

const MAX_PATTERN_LENGTH = 64;
const RUNS = [...SEQUENCES, ...SEQUENCES.map((s) => [...s].reverse().join(""))];

/** 3 or more characters of a keyboard row, walk or sequence, or a repeated piece. */
function isRun(s: string): boolean {
  if (s.length < 3) return false;
  return isRepetition(s) || RUNS.some((r) => r.includes(s));
}

/** Whether s is made of at most `pieces` runs (`qwerty123456`, `1q2w3e4r5t6y`, `aaaa1234bbbb`). */
function isPattern(s: string, pieces = 3): boolean {
  // Three runs longer than this together are a repetition (the longest walk is 36).
  if (s.length > MAX_PATTERN_LENGTH) return isRepetition(s);
  // fewest[i]: the fewest runs that make up s[0, i)
  const fewest = new Array<number>(s.length + 1).fill(Infinity);
  fewest[0] = 0;
  for (let end = 3; end <= s.length; end += 1) {
    for (let start = 0; start <= end - 3; start += 1) {
      const before = fewest[start] ?? Infinity;
      if (before + 1 < (fewest[end] ?? Infinity) && isRun(s.slice(start, end))) fewest[end] = before + 1;
    }
  }
  return (fewest[s.length] ?? Infinity) <= pieces;
}

/** A common word, twice, or two of them together (`ilovefootball`, `welkomwelkom`). */
function isCommonWords(core: string): boolean {
  if (COMMON_WORDS.has(core)) return true;
  if (isRepetition(core)) {
    for (let unit = 1; unit <= core.length / 2; unit += 1) {
      if (core.length % unit === 0 && core.slice(0, unit).repeat(core.length / unit) === core && COMMON_WORDS.has(core.slice(0, unit))) return true;
    }
  }
  for (let cut = 3; cut <= core.length - 3; cut += 1) {
    if (COMMON_WORDS.has(core.slice(0, cut)) && COMMON_WORDS.has(core.slice(cut))) return true;
  }
  return false;
}

/** `thisismypassword`, `mynewpassword`: fillers in front of a common word. */
const FILLERS = /^(?:this|is|my|the|your|our|new|its|it)+/u;

function commonProblem(password: string): PasswordProblem | null {
  const typed = withoutSeparators(lower(password));
  if (FULL_PASSWORDS.has(typed) || FULL_PASSWORDS.has(unLeet(typed))) return "is one of the most commonly used passwords";
  // A pattern with a few digits or symbols after it (`azertyuiop12`) is still one.
  if (isPattern(typed) || isPattern(typed.replace(/[^\p{L}]{1,4}$/u, ""))) return "is a keyboard pattern, a sequence or a repetition";
  // The words in the middle: digits and symbols around them stripped, and inside either
  // read as look-alike letters (`p@ssw0rd`) or dropped (`voetbal!anderlecht`, `zomer2025zomer`).
  const middle = typed.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  const cores = [unLeet(middle).replace(/[^\p{L}]+/gu, ""), middle.replace(/[^\p{L}]+/gu, "")];
  for (const core of cores) {
    if (core.length === 0) continue;
    if (isCommonWords(core) || isCommonWords(core.replace(FILLERS, ""))) return "is a common word or password with a few characters added";
  }
  return null;
}

/** The parts of a name worth checking: "Anna De Smet" → anna, smet, annadesmet. */
function contextWords(text: string): string[] {
  const whole = withoutSeparators(lower(text)).replace(/[^\p{L}\p{N}]+/gu, "");
  const parts = lower(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((p) => p.length >= MIN_CONTEXT_WORD);
  return [...new Set([whole, ...parts])].filter((w) => w.length >= MIN_CONTEXT_WORD || w === whole && w.length >= 3);
}

/**
 * Contains `word` (as typed, or read with look-alikes as letters), and without it too
 * few letters are left: digits and symbols around a name add little.
 */
function leansOn(typed: string, word: string): boolean {
  const form = typed.includes(word) ? typed : unLeet(typed).includes(word) ? unLeet(typed) : null;
  if (form === null) return false;
  return form.split(word).join("").replace(/[^\p{L}]+/gu, "").length < MIN_REMAINDER;
}

function contextProblem(password: string, context: PasswordContext): PasswordProblem | null {
  const typed = withoutSeparators(lower(password));
  const checks: [string[], PasswordProblem][] = [
    [APPLICATION_WORDS, "contains the name of this application (Tafel)"],
    [contextWords(context.username), "contains your username"],
    [contextWords(context.name), "contains your name"],
    [contextWords(context.organisationName), "contains the name of your organisation"],
  ];
  for (const [words, problem] of checks) if (words.some((w) => leansOn(typed, w))) return problem;
  return null;
}

/** Why this password may not be chosen, or null when it may. */
export function passwordProblem(password: string, context: PasswordContext): PasswordProblem | null {
  return contextProblem(password, context) ?? commonProblem(password);
}
