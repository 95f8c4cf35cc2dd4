// Configuration from flags and environment, validated once at start.
// Flags win over environment; both are documented in README.md.
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { defaultKeyFile } from "./store/sealer.js";

export interface Config {
  host: string;
  /** 0 asks the OS for a free port (tests). */
  port: number;
  dataDir: string;
  /** Origins allowed on WebSockets and state-changing requests; empty = derived from host and port. */
  origins: string[];
  /** Trust X-Forwarded-* from one proxy (TLS terminated in front of Tafel). */
  trustProxy: boolean;
  sessionHours: number;
  /** A session unused this long ends (idle expiry). */
  sessionIdleMinutes: number;
  demo: boolean;
  clientDir: string;
  /** The keyring that seals content at rest; outside the data directory. */
  keyFile: string;
  /** Request and event rate limits; DEFAULT_RATE_LIMITS when absent. */
  rateLimits?: RateLimits;
  /** log2 of scrypt's N for new password hashes; 17 when absent. Only tests lower it (never read from the environment). */
  passwordWorkFactor?: number;
}

/** Generous limits: far above what a person at a table does, low enough to blunt a script. */
export interface RateLimits {
  /** REST requests per minute of one signed-in account (all its sessions and addresses). */
  perAccountPerMinute: number;
  /** REST requests per minute from one address without a session (sign-in page, setup). */
  perAddressPerMinute: number;
  /** socket.io events per minute on one socket; past it the socket is told and disconnected. */
  socketEventsPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { perAccountPerMinute: 600, perAddressPerMinute: 300, socketEventsPerMinute: 300 };

const Env = z.object({
  HOST: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  TAFEL_DATA_DIR: z.string().min(1).optional(),
  TAFEL_ORIGINS: z.string().optional(),
  TAFEL_TRUST_PROXY: z.enum(["0", "1", "true", "false"]).optional(),
  TAFEL_SESSION_HOURS: z.coerce.number().positive().max(24 * 7).optional(),
  TAFEL_SESSION_IDLE_MINUTES: z.coerce.number().positive().max(24 * 60).optional(),
  TAFEL_KEY_FILE: z.string().min(1).optional(),
  TAFEL_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().optional(),
  TAFEL_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().positive().optional(),
  TAFEL_SOCKET_EVENTS_PER_MINUTE: z.coerce.number().int().positive().optional(),
});

export function configFrom(argv: string[], env: NodeJS.ProcessEnv): Config {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: "string" },
      port: { type: "string" },
      data: { type: "string" },
      origin: { type: "string", multiple: true },
      "trust-proxy": { type: "boolean" },
      demo: { type: "boolean" },
      "key-file": { type: "string" },
    },
    strict: true,
  });
  const e = Env.parse(env);
  const port = values.port === undefined ? (e.PORT ?? 3000) : z.coerce.number().int().min(0).max(65535).parse(values.port);
  const origins = values.origin ?? (e.TAFEL_ORIGINS ? e.TAFEL_ORIGINS.split(",").map((s) => s.trim()).filter(Boolean) : []);
  const dataDir = path.resolve(values.data ?? e.TAFEL_DATA_DIR ?? "data");
  return {
    host: values.host ?? e.HOST ?? "127.0.0.1",
    port,
    dataDir,
    keyFile: path.resolve(values["key-file"] ?? e.TAFEL_KEY_FILE ?? defaultKeyFile(dataDir)),
    origins,
    trustProxy: values["trust-proxy"] ?? (e.TAFEL_TRUST_PROXY === "1" || e.TAFEL_TRUST_PROXY === "true"),
    sessionHours: e.TAFEL_SESSION_HOURS ?? 8,
    sessionIdleMinutes: e.TAFEL_SESSION_IDLE_MINUTES ?? 30,
    demo: values.demo ?? false,
    clientDir: path.resolve("dist/client"),
    rateLimits: {
      perAccountPerMinute: e.TAFEL_RATE_LIMIT_PER_MINUTE ?? DEFAULT_RATE_LIMITS.perAccountPerMinute,
      perAddressPerMinute: e.TAFEL_RATE_LIMIT_PER_ADDRESS_PER_MINUTE ?? DEFAULT_RATE_LIMITS.perAddressPerMinute,
      socketEventsPerMinute: e.TAFEL_SOCKET_EVENTS_PER_MINUTE ?? DEFAULT_RATE_LIMITS.socketEventsPerMinute,
    },
  };
}
