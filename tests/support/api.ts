// A REST client that behaves like a browser session (cookie, Origin) and keeps every
// response body it received, so tests can assert what never reached it.
import type { ApiError, SessionView } from "../../shared/types.js";
import type { TestServer } from "./server.js";

export interface Reply<T> {
  status: number;
  body: T;
  text: string;
}

export class ApiClient {
  cookie: string | undefined;
  origin: string;
  /** Raw text of every response this client received. */
  readonly received: string[] = [];

  /** Only the address is used: a server in a child process (tests/support/crash) passes an endpoint that follows its restarts. */
  constructor(readonly server: Pick<TestServer, "url" | "origin">, options: { origin?: string } = {}) {
    this.origin = options.origin ?? server.origin;
  }

  async request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const res = await fetch(`${this.server.url}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        origin: this.origin,
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) {
      const [pair] = setCookie.split(";");
      this.cookie = pair && !pair.endsWith("=") ? pair : undefined;
    }
    const text = await res.text();
    this.received.push(text);
    const parsed = text.length > 0 && res.headers.get("content-type")?.includes("json") ? (JSON.parse(text) as T) : (text as T);
    return { status: res.status, body: parsed, text };
  }

  get<T = unknown>(path: string) {
    return this.request<T>("GET", path);
  }
  post<T = unknown>(path: string, body?: unknown) {
    return this.request<T>("POST", path, body ?? {});
  }
  put<T = unknown>(path: string, body: unknown) {
    return this.request<T>("PUT", path, body);
  }
  delete<T = unknown>(path: string) {
    return this.request<T>("DELETE", path);
  }

  /** Like request, but fails the test with the server's message unless the status is 2xx. */
  async ok<T>(method: string, path: string, body?: unknown): Promise<T> {
    const reply = await this.request<T | ApiError>(method, path, body);
    if (reply.status >= 300) throw new Error(`${method} ${path} → ${reply.status}: ${reply.text}`);
    return reply.body as T;
  }

  async signIn(username: string, password: string): Promise<SessionView> {
    return this.ok<SessionView>("POST", "/api/auth/login", { username, password });
  }
}
