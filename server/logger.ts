// The server's only log output. It takes whole lines from callers that choose what to
// say; request bodies and fragment content are never passed here (invariant 1), and
// the integration tests capture every line to prove it.
export interface Logger {
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

export function consoleLogger(): Logger {
  const stamp = () => new Date().toISOString();
  return {
    info: (line) => process.stdout.write(`${stamp()} ${line}\n`),
    warn: (line) => process.stderr.write(`${stamp()} WARN ${line}\n`),
    error: (line) => process.stderr.write(`${stamp()} ERROR ${line}\n`),
  };
}

/** Collects lines in memory; used by tests to assert what the server said. */
export function memoryLogger(lines: string[]): Logger {
  return {
    info: (line) => lines.push(line),
    warn: (line) => lines.push(`WARN ${line}`),
    error: (line) => lines.push(`ERROR ${line}`),
  };
}
