import { createRequestHandler, writeReadableStreamToWritable, type ServerBuild } from "@remix-run/node";
import express from "express";
import type { PeitaoContext } from "../app/context";
import { isConnectionError, trackDatabase } from "./db-health";
import { checkHealth } from "./health";
import { bodyLimit, bodyLimitOf, limitedBody, refuseTooLarge, resolveActor, sameOriginOnly } from "./request-guards";
import { securityHeaders } from "./security-headers";

const UNAVAILABLE_PAGE = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>服务暂不可用 · 配套 Peitao</title></head>
<body style="font-family:system-ui,sans-serif;text-align:center;padding:4rem 1rem"><h1>服务暂不可用 / Service unavailable</h1>
<p>数据库暂时无法访问，请稍后重试。The database cannot be reached right now; please try again shortly.</p></body></html>`;

/**
 * The Express app: security headers, static assets, /healthz, request guards, and Remix for
 * everything else. `context.trustProxy` is TRUST_PROXY (server/config.ts; default: no proxy believed).
 */
export function createApp(build: ServerBuild, context: PeitaoContext): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // The client's address (throttling, audit) is the socket's peer unless TRUST_PROXY names
  // the proxies whose X-Forwarded-For (and X-Forwarded-Proto, for HSTS) to believe.
  app.set("trust proxy", context.trustProxy);
  // CSP with a nonce per response, HSTS over TLS, nosniff, frame and referrer rules.
  app.use(securityHeaders({ tileUrl: context.publicConfig.mapTileUrl }));
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));

  app.get("/healthz", async (_req, res) => {
    const health = await checkHealth(context.db, context.search);
    res.status(health.down.length === 0 ? 200 : 503).json(health);
  });

  // While PostgreSQL is unreachable every page answers 503 at once, and recovers by itself.
  const database = trackDatabase(context.db);
  app.locals.database = database;
  app.use((req, res, next) => {
    if (database.isUp()) return next();
    res.status(503).setHeader("Retry-After", "5");
    if (req.path.startsWith("/api/")) {
      res.json({ error: "database_unavailable", message: "The database cannot be reached; try again shortly." });
      return;
    }
    res.type("html").send(UNAVAILABLE_PAGE);
  });

  app.use(bodyLimit, sameOriginOnly, resolveActor(context.db, context.sessionLifetime));
  const handleRequest = createRequestHandler(build, process.env.NODE_ENV);
  app.all("*", async (req, res, next) => {
    let tooLarge = false;
    try {
      const request = remixRequest(req, res, () => {
        tooLarge = true;
        refuseTooLarge(req, res, bodyLimitOf(req));
      });
      const response = await handleRequest(request, {
        ...context,
        actor: res.locals.actor ?? null,
        // Taken before the request ran: an action (POST) may read some, so then the header counts again.
        unreadNotifications:
          req.method === "GET" || req.method === "HEAD" ? (res.locals.unreadNotifications ?? null) : null,
        clientIp: req.ip ?? "unknown",
        cspNonce: String(res.locals.cspNonce ?? ""),
        reportError: (err: unknown) => void database.report(err),
      });
      // An oversized body was answered with 413 already; what the route made of it is dropped.
      if (tooLarge) return;
      await sendResponse(res, response);
    } catch (error) {
      if (tooLarge) return;
      next(error);
    }
  });
  // A connection error in the guards (session lookup) is a 503 too, never a 500.
  // A wait for a pool slot that ran out (load) is a 503 for that request alone.
  app.use(async (err: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    const connection = isConnectionError(err);
    await database.report(err);
    if (res.headersSent) return next(err);
    res
      .status(connection ? 503 : 500)
      .type("html")
      .send(UNAVAILABLE_PAGE);
  });
  return app;
}

/**
 * The Fetch request Remix sees (as @remix-run/express builds it), with the body read through
 * `limitedBody`: a body over the route's limit, chunked or not, is cut on the stream. The
 * request's signal is aborted then, so the route's failure to read it is not logged as an error.
 */
function remixRequest(req: express.Request, res: express.Response, onTooLarge: () => void): Request {
  const [, forwardedPort] = req.get("X-Forwarded-Host")?.split(":") ?? [];
  const [, hostPort] = req.get("host")?.split(":") ?? [];
  const port = [forwardedPort, hostPort].map((p) => Number.parseInt(p ?? "", 10)).find(Number.isSafeInteger);
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  let controller: AbortController | null = new AbortController();
  const init: RequestInit & { duplex?: "half" } = {
    method: req.method,
    headers: remixHeaders(req.headers),
    signal: controller.signal,
  };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = limitedBody(req, bodyLimitOf(req), () => {
      controller?.abort();
      onTooLarge();
    });
    init.duplex = "half";
  }
  // As in @remix-run/express: abort loaders and actions once no response can be written.
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  return new Request(url.href, init);
}

function remixHeaders(source: express.Request["headers"]): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(source)) {
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else if (values) headers.set(key, values);
  }
  return headers;
}

async function sendResponse(res: express.Response, response: globalThis.Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.headers.get("Content-Type")?.match(/text\/event-stream/i)) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
