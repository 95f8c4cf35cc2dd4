// A real Tafel on port 0 with its own data directory, and every line it logs.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTafel, type Tafel } from "../../server/app.js";
import type { Config } from "../../server/config.js";
import { memoryLogger } from "../../server/logger.js";

export interface TestServer {
  url: string;
  origin: string;
  tafel: Tafel;
  dataDir: string;
  /** Every line the server logged, for canary checks. */
  lines: string[];
  stop(): Promise<void>;
  /** Stops and starts a new server on the same data directory. */
  restart(): Promise<TestServer>;
}

export async function tempDir(prefix = "tafel-test-"): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

export async function startServer(options: { dataDir?: string; lines?: string[]; port?: number; idleMinutes?: number } = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await tempDir());
  const lines = options.lines ?? [];
  const config: Config = {
    host: "127.0.0.1",
    port: options.port ?? 0,
    dataDir,
    origins: [],
    trustProxy: false,
    sessionHours: 8,
    sessionIdleMinutes: options.idleMinutes ?? 30,
    demo: false,
    // A helper building its own client elsewhere points here; npm test builds dist/client.
    clientDir: path.resolve(process.env.TAFEL_TEST_CLIENT_DIR ?? "dist/client"),
    keyFile: `${dataDir}.key`,
  };
  const tafel = await createTafel(config, memoryLogger(lines));
  const url = await tafel.listen();
  const server: TestServer = {
    url,
    origin: url,
    tafel,
    dataDir,
    lines,
    stop: () => tafel.close(),
    async restart() {
      await tafel.close();
      // The same port: a browser keeps its cookies and local storage per origin.
      return startServer({ dataDir, lines, port: Number(new URL(url).port) });
    },
  };
  return server;
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
