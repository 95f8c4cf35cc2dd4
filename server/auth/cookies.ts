// The session cookie: HttpOnly (no script reads it), SameSite=Strict (no cross-site
// request carries it), Secure whenever the request came over TLS.
import { parseCookie, stringifySetCookie } from "cookie";

export const SESSION_COOKIE = "tafel_session";

export function sessionTokenFrom(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  return parseCookie(cookieHeader)[SESSION_COOKIE];
}

export function sessionCookie(token: string, expires: Date, secure: boolean): string {
  return stringifySetCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: "strict", secure, path: "/", expires });
}

export function clearedSessionCookie(secure: boolean): string {
  return stringifySetCookie(SESSION_COOKIE, "", { httpOnly: true, sameSite: "strict", secure, path: "/", expires: new Date(0) });
}
