// A real Tafel on port 0 with its own data directory, and every line it logs.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTafel, type Tafel } from "../../server/app.js";
import type { Config, RateLimits } from "../../server/config.js";
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

/**
 * Tests make far more requests a minute than a person; limits are off (very high) unless
 * a test sets its own to prove them.
 */
export const TEST_RATE_LIMITS: RateLimits = { perAccountPerMinute: 1_000_000, perAddressPerMinute: 1_000_000, socketEventsPerMinute: 1_000_000 };

/** 2^12: ~20 ms a hash instead of ~800 ms. */
export const TEST_PASSWORD_WORK_FACTOR = 12;

export async function startServer(
  options: {
    dataDir?: string;
    lines?: string[];
    port?: number;
    idleMinutes?: number;
    /** The clock retention runs on. */ now?: () => Date;
    rateLimits?: RateLimits;
    /** The production cost instead of TEST_PASSWORD_WORK_FACTOR (config left without one). */
    productionPasswordCost?: boolean;
  } = {},
): Promise<TestServer> {
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
    rateLimits: options.rateLimits ?? TEST_RATE_LIMITS,
    // The same scrypt at a lower cost: the suite creates hundreds of accounts.
    // tests/integration/password-hashes-use-production-cost.test.ts covers the default.
    ...(options.productionPasswordCost ? {} : { passwordWorkFactor: TEST_PASSWORD_WORK_FACTOR }),
  };
  const tafel = await createTafel(config, memoryLogger(lines), options.now ? { now: options.now } : {});
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
      return startServer({ dataDir, lines, port: Number(new URL(url).port), ...(options.now ? { now: options.now } : {}), rateLimits: options.rateLimits, productionPasswordCost: options.productionPasswordCost });
    },
  };
  return server;
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
