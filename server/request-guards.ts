import type { NextFunction, Request, Response } from "express";
import { clearSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from "../app/auth/cookie.server";
import type { Actor } from "../app/domain/policy";
import type { SessionLifetime } from "../app/domain/session-lifetime";
import { actorForApiToken } from "../db/api-tokens.server";
import type { DB } from "../db/connection.server";
import { validateSessionToken } from "../db/sessions.server";
import { translate } from "../app/lib/i18n";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
export const MAX_BODY_BYTES = 1024 * 1024;
/** File uploads (supplier and ledger imports) may be larger. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024 + 64 * 1024;
const UPLOAD_PATHS = ["/imports", "/ledger", "/api/v1/ledger/imports"];

const isLoopback = (host: string) => /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host);
const secureFor = (req: Request) => req.protocol === "https" || !isLoopback(req.get("host") ?? "");

/** How many bytes this request's body may have. */
export const bodyLimitOf = (req: Request) => (UPLOAD_PATHS.includes(req.path) ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES);

/** How long a refused body is still read (and dropped) before its connection is closed. */
const LINGER_MS = 1_000;

/**
 * The 413 answer, in both languages (from the catalogue). The connection is closed a moment
 * after the answer, not at once: closing a socket with unread data resets it, and the
 * client could lose the answer; meanwhile what still arrives is read and dropped.
 */
export function refuseTooLarge(req: Request, res: Response, limit: number) {
  const vars = { mb: Math.floor(limit / 1024 / 1024) };
  res.once("finish", () => {
    // A body that arrived whole leaves the connection usable: the client may send its next
    // request on it (keep-alive). One still arriving is drained for a moment, then cut.
    if (req.complete) return;
    req.resume();
    const cut = setTimeout(() => req.socket.destroy(), LINGER_MS);
    cut.unref();
    req.once("end", () => clearTimeout(cut));
  });
  // No "Connection: close": Node would close the socket as soon as the answer is written.
  res
    .status(413)
    .type("text/plain; charset=utf-8")
    .send(`${translate("zh", "http.tooLarge", vars)} ${translate("en", "http.tooLarge", vars)}`);
}

/** Refuse a body whose declared length is over the limit before anything reads it. */
export function bodyLimit(req: Request, res: Response, next: NextFunction) {
  const length = Number(req.get("content-length") ?? 0);
  const limit = bodyLimitOf(req);
  if (!SAFE_METHODS.has(req.method) && length > limit) {
    refuseTooLarge(req, res, limit);
    return;
  }
  next();
}

/** Raised into the body stream of a request that sent more than its limit. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/**
 * The request's body as a web stream that counts what it passes on. A body without a
 * Content-Length (chunked) or one that lies about it is cut at the limit: the stream errors,
 * the request is paused (nothing more is read from the socket) and `onTooLarge` answers.
 * Whatever reads the body (Remix's formData, the multipart parser, arrayBuffer) therefore
 * never holds more than the limit, for every content type.
 */
export function limitedBody(req: Request, limit: number, onTooLarge: () => void): ReadableStream<Uint8Array> {
  let seen = 0;
  let done = false;
  const detach = () => {
    req.off("data", onData);
    req.off("end", onEnd);
    req.off("error", onError);
  };
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const onData = (chunk: Buffer) => {
    if (done) return;
    seen += chunk.length;
    if (seen > limit) {
      done = true;
      detach();
      req.pause();
      controller.error(new BodyTooLargeError(limit));
      onTooLarge();
      return;
    }
    controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if ((controller.desiredSize ?? 0) <= 0) req.pause();
  };
  const onEnd = () => {
    if (done) return;
    done = true;
    detach();
    controller.close();
  };
  const onError = (err: Error) => {
    if (done) return;
    done = true;
    detach();
    controller.error(err);
  };
  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        req.on("data", onData);
        req.once("end", onEnd);
        req.once("error", onError);
      },
      pull() {
        if (!done) req.resume();
      },
      cancel() {
        done = true;
        detach();
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
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
            res.locals.unreadNotifications = validated.unread;
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
