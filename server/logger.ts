// The server's only log output: pino JSON lines (ASVS 5 V16). Callers choose what to
// say; request bodies and fragment content are never passed here (invariant 1), and
// the integration tests capture every line to prove it.
//
// Two forms:
// - `info/warn/error(line)`: a sentence, kept for callers that only say what happened;
// - `event(name, fields, level)`: a named event with attribution fields (request id,
//   account id, session id, route pattern, status, …). Fields are scalars only, so a
//   record or a body cannot be handed over whole by mistake.
// Redaction is belt and braces: nothing passes bodies, cookies or secrets, and if a
// caller ever did under one of the usual names, pino writes "[redacted]" instead.
import { pino, type DestinationStream, type LoggerOptions } from "pino";

export type LogValue = string | number | boolean | null | undefined;
export type LogFields = Readonly<Record<string, LogValue>>;
export type LogLevel = "info" | "warn" | "error";

export interface Logger {
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
  /** A named event with attribution fields (ids, codes, numbers; never content). */
  event(name: string, fields?: LogFields, level?: LogLevel): void;
}

/** Names under which a secret or content could travel; pino replaces their values. */
const SECRET_KEYS = ["cookie", "authorization", "body", "password", "current", "next", "code", "secret", "token", "title", "text", "recoveryCodes"];
export const REDACT_PATHS = [
  "req.headers.cookie",
  "req.headers.authorization",
  'req.headers["set-cookie"]',
  "headers.cookie",
  "headers.authorization",
  "req.body",
  "res.body",
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
];

/** The options production and tests share, so tests see exactly what production writes. */
export function loggerOptions(): LoggerOptions {
  return {
    level: "info",
    base: { service: "tafel" },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    formatters: { level: (label) => ({ level: label }) },
  };
}

function wrap(log: pino.Logger): Logger {
  return {
    info: (line) => log.info(line),
    warn: (line) => log.warn(line),
    error: (line) => log.error(line),
    event: (name, fields = {}, level = "info") => log[level]({ ...fields, event: name }, name),
  };
}

/** Production: JSON lines to stdout. */
export function consoleLogger(): Logger {
  return wrap(pino(loggerOptions(), pino.destination({ dest: 1, sync: true })));
}

/** The same JSON lines, each handed to `write` (without its newline) as pino writes it. */
export function streamLogger(write: (line: string) => void): Logger {
  const stream: DestinationStream = { write: (line: string) => write(line.trimEnd()) };
  return wrap(pino(loggerOptions(), stream));
}

/** Collects every JSON line in memory; used by tests to assert what the server said. */
export function memoryLogger(lines: string[]): Logger {
  return streamLogger((line) => void lines.push(line));
}

/** A parsed log line (tests and tools read lines back with this). */
export interface LogRecord {
  level: string;
  time: string;
  msg?: string;
  event?: string;
  [field: string]: unknown;
}

export function parseLogLine(line: string): LogRecord | null {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as LogRecord) : null;
  } catch {
    return null;
  }
}
