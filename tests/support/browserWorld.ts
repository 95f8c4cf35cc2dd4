// What every browser test file starts with: a real server on port 0, a world of people
// at one table (factories.ts), one headless Chromium, and pages that are closed with it.
// The hooks are registered by the call; the fields are there once beforeAll has run.
import { afterAll, beforeAll } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "./browser.js";
import { ensureClientBuilt } from "./client.js";
import { buildWorld, PASSWORD, type Member, type World } from "./factories.js";
import { removeDir, startServer, type TestServer } from "./server.js";

export interface BrowserWorld {
  server: TestServer;
  browser: Browser;
  world: World;
  /** A page in a context of its own (its own cookies: another person, another device). */
  newPage(options?: { locale?: string; width?: number; height?: number }): Promise<Page>;
}

export function useBrowserWorld(members: number): BrowserWorld {
  const contexts: BrowserContext[] = [];
  let started: { server: TestServer; browser: Browser; world: World } | null = null;
  const ready = () => {
    if (!started) throw new Error("useBrowserWorld: used before its beforeAll ran");
    return started;
  };

  beforeAll(async () => {
    await ensureClientBuilt();
    const server = await startServer();
    const world = await buildWorld(server, members);
    started = { server, world, browser: await launchBrowser() };
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await started?.browser.close();
    await started?.server.stop();
    if (started) await removeDir(started.server.dataDir);
  });

  return {
    get server() {
      return ready().server;
    },
    get browser() {
      return ready().browser;
    },
    get world() {
      return ready().world;
    },
    async newPage(options = {}) {
      const context = await ready().browser.newContext({
        viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
        ...(options.locale ? { locale: options.locale } : {}),
      });
      contexts.push(context);
      return context.newPage();
    },
  };
}

/** Signs in on the sign-in page the page is showing, and waits for the header to say so. */
export async function signInAs(page: Page, member: Pick<Member, "username">, password = PASSWORD): Promise<void> {
  await page.getByTestId("signin-username").fill(member.username);
  await page.getByTestId("signin-password").fill(password);
  await page.getByTestId("signin-submit").click();
  await page.getByTestId("nav-user").waitFor();
}

export interface Traffic {
  /** Everything the page received so far: response bodies and WebSocket frames. */
  seen: string[];
  /** `seen`, once every response body that had arrived has been read. */
  allSeen(): Promise<string[]>;
}

/** Records what reaches a page, for canary checks: every response body and every frame. */
export function recordTraffic(page: Page): Traffic {
  const seen: string[] = [];
  // A body is read asynchronously: keep the reads, so a check can wait for the last ones.
  const reads: Promise<void>[] = [];
  page.on("response", (res) => {
    reads.push(res.text().then((body) => void seen.push(body), () => {}));
  });
  page.on("websocket", (ws) => ws.on("framereceived", (f) => seen.push(typeof f.payload === "string" ? f.payload : f.payload.toString("utf8"))));
  return {
    seen,
    allSeen: async () => {
      await Promise.all(reads);
      return seen;
    },
  };
}
