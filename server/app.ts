import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import type { PeitaoContext } from "../app/context";
import { trackDatabase } from "./db-health";
import { checkHealth } from "./health";
import { bodyLimit, resolveActor, sameOriginOnly } from "./request-guards";
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
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV,
      getLoadContext: (req, res) => ({
        ...context,
        actor: res.locals.actor ?? null,
        clientIp: req.ip ?? "unknown",
        cspNonce: String(res.locals.cspNonce ?? ""),
        reportError: (err: unknown) => database.report(err),
      }),
    }),
  );
  // A connection error in the guards (session lookup) is a 503 too, never a 500.
  app.use((err: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    database.report(err);
    if (res.headersSent) return next(err);
    res
      .status(database.isUp() ? 500 : 503)
      .type("html")
      .send(UNAVAILABLE_PAGE);
  });
  return app;
}
