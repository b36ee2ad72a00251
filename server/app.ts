import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import type { PeitaoContext } from "../app/context";
import { checkHealth } from "./health";
import { bodyLimit, resolveActor, sameOriginOnly } from "./request-guards";

/** The Express app: static assets, /healthz, request guards, and Remix for everything else. */
export function createApp(build: ServerBuild, context: PeitaoContext): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use((_req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    next();
  });
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));

  app.get("/healthz", async (_req, res) => {
    const health = await checkHealth(context.db, context.search);
    res.status(health.down.length === 0 ? 200 : 503).json(health);
  });

  app.use(bodyLimit, sameOriginOnly, resolveActor(context.db));
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV,
      getLoadContext: (req, res) => ({ ...context, actor: res.locals.actor ?? null, clientIp: req.ip ?? "unknown" }),
    }),
  );
  return app;
}
