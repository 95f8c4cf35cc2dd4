// `npm start [-- flags]`: builds the client if it is not built yet, then runs the server.
// Plain JavaScript so that it runs before anything is compiled.
import { existsSync } from "node:fs";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

if (!existsSync("dist/client/index.html")) {
  process.stdout.write("Building the client (first start only)…\n");
  const { build } = await import("vite");
  await build({ logLevel: "warn" });
}
const tsx = createRequire(import.meta.url).resolve("tsx/cli");
// Every fsync (log appends, table documents, Yjs updates) blocks a libuv pool thread
// while the disk works; with the default 4 threads, tables wait for each other's fsyncs
// (bench/RESULTS.md). More threads let the kernel batch concurrent fsyncs in one journal
// commit. Set before the server starts: the pool is sized on first use.
const env = { UV_THREADPOOL_SIZE: "64", ...process.env };
// A larger young generation: a release allocates briefly (request, log entries, frames
// to each recipient), and with V8's default 16 MB semi-spaces the scavenger ran often
// enough to be a tenth of the server's time at 100 releases/s (bench/RESULTS.md).
// bench/latency.ts starts its servers with the same flag.
const node = ["--max-semi-space-size=64"];
const server = spawn(process.execPath, [...node, tsx, "server/index.ts", ...process.argv.slice(2)], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
