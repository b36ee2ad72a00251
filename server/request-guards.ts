import type { NextFunction, Request, Response } from "express";
import { clearSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from "../app/auth/cookie.server";
import type { Actor } from "../app/domain/policy";
import type { SessionLifetime } from "../app/domain/session-lifetime";
import { actorForApiToken } from "../db/api-tokens.server";
import type { DB } from "../db/connection.server";
import { validateSessionToken } from "../db/sessions.server";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
export const MAX_BODY_BYTES = 1024 * 1024;
/** File uploads (supplier and ledger imports) may be larger. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024 + 64 * 1024;
const UPLOAD_PATHS = ["/imports", "/ledger", "/api/v1/ledger/imports"];

const isLoopback = (host: string) => /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host);
const secureFor = (req: Request) => req.protocol === "https" || !isLoopback(req.get("host") ?? "");

/** Refuse oversized bodies before anything reads them. */
export function bodyLimit(req: Request, res: Response, next: NextFunction) {
  const length = Number(req.get("content-length") ?? 0);
  const limit = UPLOAD_PATHS.includes(req.path) ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES;
  if (!SAFE_METHODS.has(req.method) && length > limit) {
    res
      .status(413)
      .type("text/plain; charset=utf-8")
      .send(
        `请求过大：上限 ${Math.floor(limit / 1024 / 1024)} MB。The request exceeds ${Math.floor(limit / 1024 / 1024)} MB.`,
      );
    return;
  }
  next();
}

/**
 * CSRF: a state-changing request must come from this origin, by its Origin header or
 * Sec-Fetch-Site. API calls that carry a Bearer token and no cookie are exempt: a
 * browser never adds that header on its own.
 */
export function sameOriginOnly(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next();
  const bearer = /^Bearer\s/i.test(req.get("authorization") ?? "");
  if (bearer && !req.get("cookie")) return next();
  const origin = req.get("origin");
  const expected = `${req.protocol}://${req.get("host")}`;
  const fetchSite = req.get("sec-fetch-site");
  const ok = origin ? origin === expected : fetchSite === "same-origin";
  if (!ok) {
    res.status(403).type("text/plain; charset=utf-8").send("Forbidden: cross-origin request refused (跨站请求已拒绝)");
    return;
  }
  next();
}

/** Who is asking: the Bearer token's organization on /api, else the session cookie's user. */
export function resolveActor(db: DB, lifetime: SessionLifetime) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      let actor: Actor | null = null;
      const auth = req.get("authorization") ?? "";
      if (req.path.startsWith("/api/") && /^Bearer\s/i.test(auth)) {
        actor = await actorForApiToken(db, auth.replace(/^Bearer\s+/i, "").trim());
      } else {
        const token = readCookie(req.get("cookie"), SESSION_COOKIE);
        if (token) {
          const now = new Date();
          const validated = await validateSessionToken(db, token, now, lifetime);
          if (validated) {
            actor = validated.actor;
            if (validated.renewed) {
              res.append("Set-Cookie", sessionCookie(token, secureFor(req), { at: validated.session.expiresAt, now }));
            }
          } else {
            res.append("Set-Cookie", clearSessionCookie(secureFor(req)));
          }
        }
      }
      res.locals.actor = actor;
      next();
    } catch (err) {
      next(err);
    }
  };
}
