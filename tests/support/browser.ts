// A real headless Chromium for the browser tests, found without any download:
// $TAFEL_CHROMIUM, then Debian's chromium, then the one @sparticuz/chromium ships
// inside its npm package (unpacked to /tmp on first use).
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

const DEBIAN = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

// Flags for a closed network and a root user in a container: no sandbox (root), no
// background networking (its connections are refused here and slow the start).
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
  "--no-zygote",
];

export async function findChromium(): Promise<string> {
  const fromEnv = process.env.TAFEL_CHROMIUM;
  if (fromEnv) return fromEnv;
  const debian = DEBIAN.find((p) => existsSync(p));
  if (debian) return debian;
  const { default: packaged } = await import("@sparticuz/chromium");
  return packaged.executablePath();
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: await findChromium(), args: ARGS, headless: true });
}
