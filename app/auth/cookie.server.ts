export const SESSION_COOKIE = "peitao_session";

/** Secure everywhere but plain-HTTP loopback (local development and tests). */
export function cookieIsSecure(request: Request): boolean {
  const url = new URL(request.url);
  return url.protocol === "https:" || !["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

/** The session's cookie, kept until the session's expiry (`{ at }`), or for a number of milliseconds. */
export function sessionCookie(token: string, secure: boolean, expires: { at: Date; now?: Date } | number): string {
  const maxAgeMs =
    typeof expires === "number" ? expires : Math.max(0, expires.at.getTime() - (expires.now ?? new Date()).getTime());
  return [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${Math.floor(maxAgeMs / 1000)}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

export function clearSessionCookie(secure: boolean): string {
  return sessionCookie("", secure, 0);
}

export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}
