// Assembles Tafel: one HTTP server with the REST API, socket.io on /realtime, the Yjs
// collaboration server on /collab and the built client. `createTafel` is what
// `npm start` and every integration test run.
import { PASSWORD_WORK_FACTOR } from "./auth/passwords.js";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync } from "node:fs";
import path from "node:path";
import express from "express";
import helmet from "helmet";
import { LIMITS } from "../shared/schemas.js";
import { REALTIME_PATH } from "../shared/protocol.js";
import { COLLAB_PATH } from "../shared/collab.js";
import type { ApiError } from "../shared/types.js";
import { sessionTokenFrom } from "./auth/cookies.js";
import { originAllowed, originsFor, type Origins } from "./auth/origin.js";
import { DEFAULT_RATE_LIMITS, type Config } from "./config.js";
import { loggedOrigin, requestLog, securityEvent } from "./routes/attribution.js";
import { apiRateLimit } from "./routes/rateLimit.js";
import { issueSetupToken, resolveSession } from "./domain/accounts.js";
import { gateFor, passesGate } from "./policies/accountGate.js";
import type { Context } from "./domain/context.js";
import type { Logger } from "./logger.js";
import { Realtime } from "./realtime/realtime.js";
import { CollabServer } from "./collab/collabServer.js";
import { fanOutNotifier } from "./domain/notifiers.js";
import { adminRoutes } from "./routes/admin.js";
import { authRoutes } from "./routes/auth.js";
import { secondFactorRoutes } from "./routes/secondFactor.js";
import { preferencesRoutes } from "./routes/preferences.js";
import { errorHandler, notFoundHandler } from "./routes/errors.js";
import { tableRoutes } from "./routes/tables.js";
import { riskRoutes } from "./routes/risk.js";
import { retentionRoutes } from "./routes/retention.js";
import { RetentionJob } from "./domain/retentionJob.js";
import { openLowdbStore } from "./store/lowdbStore.js";
import { openSigner } from "./log/signer.js";
import { openKeyring } from "./store/sealer.js";
import { claimDataDir } from "./store/pidFile.js";
import { SessionActivity } from "./auth/activity.js";
import { logRoutes } from "./routes/log.js";
import { dpoRoutes } from "./routes/dpo.js";
import { agreementRoutes } from "./routes/agreements.js";
import { feedbackRoutes } from "./routes/feedback.js";
import { organisationRoutes } from "./routes/organisations.js";
import { meetingRoutes } from "./routes/meetings.js";
import { referralRoutes } from "./routes/referrals.js";
import { caseRoutes } from "./routes/cases.js";

export interface Tafel {
  ctx: Context;
  http: HttpServer;
  realtime: Realtime;
  collab: CollabServer;
  /** The daily retention job; tests call `run()` after moving the injected clock. */
  retention: RetentionJob;
  origins: Origins;
  /** The one-time setup token while no administrator exists. */
  setupToken: string | null;
  listen(): Promise<string>;
  close(): Promise<void>;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Test seams: the clock retention runs on (default: the system clock). */
export interface TafelOptions {
  now?: () => Date;
}

export async function createTafel(config: Config, logger: Logger, options: TafelOptions = {}): Promise<Tafel> {
  const sealer = await openKeyring(config.keyFile);
  const store = await openLowdbStore(config.dataDir, logger, sealer);
  const signer = await openSigner(config.dataDir);
  // data/tafel.pid says which process serves this directory (npm run restore refuses while it lives).
  const releaseDataDir = await claimDataDir(config.dataDir);
  const app = express();
  // Every API answer is Cache-Control: no-store (below), so no browser ever revalidates
  // one: an ETag would be a SHA-1 of each JSON body computed for nothing. The client's
  // static files keep theirs (express.static sets its own).
  app.set("etag", false);
  const http = createServer(app);
  const port = () => (http.address() as AddressInfo | null)?.port ?? config.port;
  const origins = originsFor(config.origins, config.host, port);
  const realtime = new Realtime(http, origins, logger, { eventsPerMinute: (config.rateLimits ?? DEFAULT_RATE_LIMITS).socketEventsPerMinute });
  const collab = new CollabServer(origins, config.dataDir, logger, sealer);
  // Every command's side effects reach both channels: an ended access closes sockets and Yjs connections.
  const notifier = fanOutNotifier([realtime, collab], logger);
  const ctx: Context = {
    store,
    logger,
    notifier,
    liveChannels: (files, recipientIds) => realtime.liveChannels(files, recipientIds),
    signer,
    sessionHours: config.sessionHours,
    activity: new SessionActivity(config.sessionIdleMinutes * 60_000),
    boardState: (tableId) => collab.boardState(tableId),
    now: options.now ?? (() => new Date()),
    sealer,
    passwordWorkFactor: config.passwordWorkFactor ?? PASSWORD_WORK_FACTOR,
  };
  realtime.start(ctx);
  collab.start(ctx);
  // Deletes expired content: once now (catching up after downtime), then daily.
  const retention = new RetentionJob(ctx);
  retention.start();

  app.disable("x-powered-by");
  if (config.trustProxy) app.set("trust proxy", 1);
  app.use(
    helmet({
      contentSecurityPolicy: {
        // Own origin only. Inline style *attributes* stay allowed: the editor (TipTap)
        // sets them on node views; no inline script is allowed anywhere.
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'"],
          "style-src": ["'self'", "'unsafe-inline'"],
          "font-src": ["'self'", "data:"],
          "img-src": ["'self'", "data:"],
          "connect-src": ["'self'"],
          "object-src": ["'none'"],
          "base-uri": ["'none'"],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
          "upgrade-insecure-requests": null,
        },
      },
      strictTransportSecurity: config.trustProxy,
    }),
  );

  // Request log: one JSON line per request with its attribution (request id, account,
  // session id, route pattern, status, ms). Bodies, query strings and tokens never.
  app.use(requestLog(logger));

  const api = express.Router();
  // A state-changing request must come from our own pages (with SameSite=Strict this
  // is defence in depth against cross-site requests).
  api.use((req, res, next) => {
    if (SAFE_METHODS.has(req.method) || originAllowed(req.headers.origin, origins)) return next();
    securityEvent(logger, req, res, "origin-refused", { channel: "rest", origin: loggedOrigin(req.headers.origin) });
    const body: ApiError = { error: { code: "bad-origin", message: "Requests that change data must come from Tafel's own pages (Origin header)." } };
    res.status(403).json(body);
  });
  api.use(express.json({ limit: LIMITS.messageBytes, strict: true, type: "application/json" }));
  api.use((req, res, next) => {
    const found = resolveSession(ctx, sessionTokenFrom(req.headers.cookie));
    if (found) {
      res.locals.signed = found;
      ctx.activity.touch(found.session.id);
      // With the administrator's temporary password only choosing one's own works; without
      // a second factor the organisation requires, only the enrolment (policies/accountGate.ts).
      const gate = gateFor(ctx.store.global.data, found.account);
      if (gate && !passesGate(gate, req.path)) {
        const body: ApiError = { error: { code: gate.code, message: gate.message } };
        res.status(403).json(body);
        return;
      }
    }
    res.setHeader("Cache-Control", "no-store");
    next();
  });
  // Per account when signed in, per address otherwise (routes/rateLimit.ts).
  api.use(apiRateLimit(config.rateLimits ?? DEFAULT_RATE_LIMITS, logger));
  api.use(authRoutes(ctx));
  api.use(secondFactorRoutes(ctx));
  api.use(preferencesRoutes(ctx));
  api.use("/admin", adminRoutes(ctx));
  api.use("/tables/:tableId/feedback-sheets", feedbackRoutes(ctx));
  api.use("/tables/:tableId", meetingRoutes(ctx));
  api.use("/tables/:tableId", riskRoutes(ctx));
  api.use("/tables/:tableId", retentionRoutes(ctx));
  api.use("/tables", tableRoutes(ctx));
  api.use(logRoutes(ctx));
  api.use("/dpo", dpoRoutes(ctx));
  api.use("/agreements", agreementRoutes(ctx));
  api.use("/organisations", organisationRoutes(ctx));
  api.use(referralRoutes(ctx), caseRoutes(ctx)); // issue 9: partnerships, referrals, triage, case files
  api.use(notFoundHandler());
  api.use(errorHandler(logger));
  app.use("/api", api);

  if (existsSync(path.join(config.clientDir, "index.html"))) {
    app.use(express.static(config.clientDir, { index: false, maxAge: "1h" }));
    // The client routes by path; every other GET gets the app shell.
    app.get(/^\/(?!api\/|realtime\/|collab\/).*/, (_req, res) => {
      res.setHeader("Cache-Control", "no-store");
      res.sendFile(path.join(config.clientDir, "index.html"));
    });
  } else {
    app.get("/", (_req, res) => {
      res.type("text/plain").send("Tafel's client is not built. Run `npm run build` (npm start does this for you).");
    });
  }

  // socket.io handles its own upgrades and leaves foreign ones alone (destroyUpgrade:
  // false); /collab/ goes to the Yjs server, every other upgrade is ended here.
  http.on("upgrade", (req, socket, head) => {
    if (req.url?.startsWith(`${REALTIME_PATH}/`)) return;
    if (req.url?.startsWith(`${COLLAB_PATH}/`)) return collab.handleUpgrade(req, socket, head);
    socket.destroy();
  });

  const setupToken = await issueSetupToken(ctx);

  return {
    ctx,
    http,
    realtime,
    collab,
    retention,
    origins,
    setupToken,
    listen: () =>
      new Promise((resolve, reject) => {
        http.once("error", reject);
        http.listen(config.port, config.host, () => {
          const host = config.host === "0.0.0.0" ? "127.0.0.1" : config.host;
          resolve(`http://${host}:${port()}`);
        });
      }),
    close: async () => {
      await retention.stop();
      await collab.close();
      await realtime.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await releaseDataDir();
    },
  };
}
