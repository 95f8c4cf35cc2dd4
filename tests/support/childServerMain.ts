// Runs Tafel in its own process for tests that kill it (`kill -9`): started by
// childServer.ts as `node --import tsx tests/support/childServerMain.ts <dataDir>`,
// it prints `TAFEL_URL <url>` once listening. Server log lines go to stderr.
import path from "node:path";
import { createTafel } from "../../server/app.js";
import type { Logger } from "../../server/logger.js";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: childServerMain.ts <dataDir>");

const logger: Logger = {
  info: (line) => process.stderr.write(`${line}\n`),
  warn: (line) => process.stderr.write(`WARN ${line}\n`),
  error: (line) => process.stderr.write(`ERROR ${line}\n`),
};

const tafel = await createTafel(
  { host: "127.0.0.1", port: 0, dataDir, origins: [], trustProxy: false, sessionHours: 8, sessionIdleMinutes: 30, demo: false, clientDir: path.resolve("dist/client"), keyFile: `${dataDir}.key` },
  logger,
);
process.stdout.write(`TAFEL_URL ${await tafel.listen()}\n`);
