// Runs Tafel in its own process for tests that kill it (`kill -9`): started by
// childServer.ts as `node --import tsx tests/support/childServerMain.ts <dataDir>`,
// it prints `TAFEL_URL <url>` once listening. Server log lines go to stderr.
import path from "node:path";
import { createTafel } from "../../server/app.js";
import { streamLogger, type Logger } from "../../server/logger.js";
import { TEST_PASSWORD_WORK_FACTOR } from "./server.js";
import { ackBeforeWriteRequested, installAckBeforeWrite } from "./crash/ackBeforeWrite.js";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: childServerMain.ts <dataDir>");

// The JSON lines production writes, on stderr.
const logger: Logger = streamLogger((line) => void process.stderr.write(`${line}\n`));

// Test-only: a server that acknowledges before writing, for the crash harness's meta-test.
const lag = ackBeforeWriteRequested();
if (lag !== null) installAckBeforeWrite(lag);

const tafel = await createTafel(
  { host: "127.0.0.1", port: 0, dataDir, origins: [], trustProxy: false, sessionHours: 8, sessionIdleMinutes: 30, demo: false, clientDir: path.resolve("dist/client"), keyFile: `${dataDir}.key`, passwordWorkFactor: TEST_PASSWORD_WORK_FACTOR },
  logger,
);
process.stdout.write(`TAFEL_URL ${await tafel.listen()}\n`);
