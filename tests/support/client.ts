// Browser tests need the built client; `npm test` builds it first, and a lone
// `vitest run tests/e2e` builds it here if it is missing.
import { existsSync } from "node:fs";

export async function ensureClientBuilt(): Promise<void> {
  if (existsSync("dist/client/index.html")) return;
  const { build } = await import("vite");
  await build({ logLevel: "warn" });
}
