// Browser tests need the built client; `npm test` builds it first, and a lone
// `vitest run tests/e2e` builds it here if it is missing.
import { existsSync } from "node:fs";

export async function ensureClientBuilt(): Promise<void> {
  // A client built elsewhere (TAFEL_TEST_CLIENT_DIR) is used as it is.
  if (process.env.TAFEL_TEST_CLIENT_DIR || existsSync("dist/client/index.html")) return;
  const { build } = await import("vite");
  await build({ logLevel: "warn" });
}
