// The one way the client talks REST: same origin, JSON, the session cookie. Every
// failure becomes an ApiRequestError carrying the server's ApiError, so a page can show
// `error.message` and put each field message next to its field.
import type { ApiError, ErrorCode } from "../../../shared/types";
import i18n from "../i18n";
import { localiseApiError, localiseFieldMessage } from "../format/apiError";

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
    /** Already in the person's language (made here, not by the server). */
    localised = false,
  ) {
    super(localised ? body.error.message : localiseApiError(body.error));
    this.name = "ApiRequestError";
  }

  get code(): ErrorCode {
    return this.body.error.code;
  }

  /** Field messages keyed by the first segment of their path ("personsConcerned.0.pseudonym" → also under the full path). */
  get fields(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of this.body.error.fields ?? []) {
      const message = localiseFieldMessage(f.message);
      out[f.path] ??= message;
      const head = f.path.split(".")[0] ?? f.path;
      out[head] ??= message;
    }
    return out;
  }
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Called when the server says the session is gone, so the app can go back to sign in. */
let onSignedOut: (() => void) | null = null;
export function setSignedOutHandler(handler: (() => void) | null): void {
  onSignedOut = handler;
}

function isApiError(value: unknown): value is ApiError {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === "object" && error !== null && "message" in error && "code" in error;
}

function synthetic(code: ErrorCode, message: string): ApiError {
  return { error: { code, message } };
}

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  // The server accepts state-changing requests only as JSON (and checks Origin).
  if (method !== "GET") headers["Content-Type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      cache: "no-store",
      body: method === "GET" ? undefined : JSON.stringify(body ?? {}),
    });
  } catch {
    throw new ApiRequestError(0, synthetic("internal", i18n.t("errors.network")), true);
  }
  if (response.status === 204) return undefined as T;
  let parsed: unknown = null;
  const text = await response.text();
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (response.ok) return parsed as T;
  if (response.status === 401 && !path.startsWith("/api/auth/")) onSignedOut?.();
  if (!isApiError(parsed)) throw new ApiRequestError(response.status, synthetic("internal", i18n.t("errors.unexpected", { status: response.status })), true);
  throw new ApiRequestError(response.status, parsed);
}

export const http = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, body),
  put: <T>(path: string, body?: unknown) => request<T>("PUT", path, body),
  patch: <T>(path: string, body?: unknown) => request<T>("PATCH", path, body),
  delete: (path: string) => request<void>("DELETE", path),
};

/** The message to show for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiRequestError) return err.message;
  return i18n.t("errors.unexpected", { status: 0 });
}
