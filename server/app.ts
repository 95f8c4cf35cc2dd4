// Assembles Tafel: one HTTP server with the REST API, socket.io on /realtime, the Yjs
// collaboration server on /collab and the built client. `createTafel` is what
// `npm start` and every integration test run.
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
import type { Config } from "./config.js";
import { issueSetupToken, resolveSession } from "./domain/accounts.js";
import type { Context } from "./domain/context.js";
import type { Logger } from "./logger.js";
import { Realtime } from "./realtime/realtime.js";
import { CollabServer } from "./collab/collabServer.js";
import { fanOutNotifier } from "./domain/notifiers.js";
import { adminRoutes } from "./routes/admin.js";
import { authRoutes } from "./routes/auth.js";
import { errorHandler, notFoundHandler } from "./routes/errors.js";
import { tableRoutes } from "./routes/tables.js";
import { openLowdbStore } from "./store/lowdbStore.js";
import { openSigner } from "./log/signer.js";
import { openKeyring } from "./store/sealer.js";
import { SessionActivity } from "./auth/activity.js";
import { logRoutes } from "./routes/log.js";
import { dpoRoutes } from "./routes/dpo.js";
import { agreementRoutes } from "./routes/agreements.js";
import { feedbackRoutes } from "./routes/feedback.js";
import { organisationRoutes } from "./routes/organisations.js";
import { meetingRoutes } from "./routes/meetings.js";

export interface Tafel {
  ctx: Context;
  http: HttpServer;
  realtime: Realtime;
  collab: CollabServer;
  origins: Origins;
  /** The one-time setup token while no administrator exists. */
  setupToken: string | null;
  listen(): Promise<string>;
  close(): Promise<void>;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** What a person with a temporary password may still reach. */
const PASSWORD_CHANGE_PATHS = new Set(["/auth/session", "/auth/password", "/auth/logout", "/setup"]);

export async function createTafel(config: Config, logger: Logger): Promise<Tafel> {
  const sealer = await openKeyring(config.keyFile);
  const store = await openLowdbStore(config.dataDir, logger, sealer);
  const signer = await openSigner(config.dataDir);
  const app = express();
  const http = createServer(app);
  const port = () => (http.address() as AddressInfo | null)?.port ?? config.port;
  const origins = originsFor(config.origins, config.host, port);
  const realtime = new Realtime(http, origins, logger);
  const collab = new CollabServer(origins, config.dataDir, logger, sealer);
  // Every command's side effects reach both channels: an ended access closes sockets and Yjs connections.
  const notifier = fanOutNotifier([realtime, collab], logger);
  const ctx: Context = {
    store,
    logger,
    notifier,
    signer,
    sessionHours: config.sessionHours,
    activity: new SessionActivity(config.sessionIdleMinutes * 60_000),
    boardState: (tableId) => collab.boardState(tableId),
  };
  realtime.start(ctx);
  collab.start(ctx);

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

  // Request log: method, path and status only. Bodies and query strings are never logged.
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(`${req.method} ${req.baseUrl}${req.path} ${res.statusCode} ${ms.toFixed(1)}ms`);
    });
    next();
  });

  const api = express.Router();
  // A state-changing request must come from our own pages (with SameSite=Strict this
  // is defence in depth against cross-site requests).
  api.use((req, res, next) => {
    if (SAFE_METHODS.has(req.method) || originAllowed(req.headers.origin, origins)) return next();
    const body: ApiError = { error: { code: "bad-origin", message: "Requests that change data must come from Tafel's own pages (Origin header)." } };
    res.status(403).json(body);
  });
  api.use(express.json({ limit: LIMITS.messageBytes, strict: true, type: "application/json" }));
  api.use((req, res, next) => {
    const found = resolveSession(ctx, sessionTokenFrom(req.headers.cookie));
    if (found) {
      res.locals.signed = found;
      ctx.activity.touch(found.session.id);
      // With the administrator's temporary password, only choosing one's own works.
      if (found.account.mustChangePassword && !PASSWORD_CHANGE_PATHS.has(req.path)) {
        const body: ApiError = { error: { code: "password-change-required", message: "Choose your own password first: the one you received was set by an administrator." } };
        res.status(403).json(body);
        return;
      }
    }
    res.setHeader("Cache-Control", "no-store");
    next();
  });
  api.use(authRoutes(ctx));
  api.use("/admin", adminRoutes(ctx));
  api.use("/tables/:tableId/feedback-sheets", feedbackRoutes(ctx));
  api.use("/tables/:tableId", meetingRoutes(ctx));
  api.use("/tables", tableRoutes(ctx));
  api.use(logRoutes(ctx));
  api.use("/dpo", dpoRoutes(ctx));
  api.use("/agreements", agreementRoutes(ctx));
  api.use("/organisations", organisationRoutes(ctx));
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
      await collab.close();
      await realtime.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
