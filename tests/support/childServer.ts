// Tafel in a child process, for crash tests: the test can `kill -9` it (SIGKILL: no
// shutdown hook runs, nothing is flushed) and start another on the same data directory.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

export interface ChildServer {
  url: string;
  origin: string;
  process: ChildProcess;
  /** Everything the server logged (stderr). */
  lines: string[];
  /** SIGKILL, and wait until the process is gone. */
  kill9(): Promise<void>;
}

/** `env` is added to this process's environment (e.g. a test-only switch read by childServerMain.ts). */
export async function spawnServer(dataDir: string, timeoutMs = 20_000, env: Record<string, string> = {}): Promise<ChildServer> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/childServerMain.ts", dataDir], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  const lines: string[] = [];
  createInterface({ input: child.stderr }).on("line", (l) => lines.push(l));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child server did not start: ${lines.join("\n")}`)), timeoutMs);
    createInterface({ input: child.stdout }).on("line", (line) => {
      const m = /^TAFEL_URL (\S+)$/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`child server exited (${code}): ${lines.join("\n")}`));
    });
  });
  return {
    url,
    origin: url,
    process: child,
    lines,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
