import fs from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import exitHook from "async-exit-hook";
import { seedDemoIfEmpty } from "../db/seed.server";
import { createApp } from "./app";
import { ConfigError, loadConfig } from "./config";
import { startServices, type Services } from "./services";

const log = (msg: string) => console.log(`[peitao] ${msg}`);

async function main() {
  const config = loadConfig();
  const buildPath = path.resolve("build/index.js");
  if (!fs.existsSync(buildPath)) throw new Error("build/index.js is missing: run `npm run build` (npm start does it for you)");

  let services: Services | undefined;
  let server: Server | undefined;
  let stopping = false;
  exitHook((done: () => void) => {
    if (stopping) return done();
    stopping = true;
    log("stopping …");
    const closed = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server?.closeAllConnections();
    closed
      .then(() => services?.stop())
      .catch((e) => log(`shutdown: ${String(e)}`))
      .finally(() => {
        log("stopped");
        done();
      });
  });
  exitHook.forceExitTimeout(20_000);
  // A crash still stops PostgreSQL and Meilisearch through the hook above.
  exitHook.uncaughtExceptionHandler((err) => console.error("[peitao] uncaught exception:", err));
  exitHook.unhandledRejectionHandler((err) => console.error("[peitao] unhandled rejection:", err));

  services = await startServices(config, { worker: true, log });
  if (config.env.PEITAO_SEED === "demo" && (await seedDemoIfEmpty(services.db))) {
    log("demo data seeded (sample suppliers are marked 示例)");
  }
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  const app = createApp(build, {
    db: services.db,
    search: services.search,
    publicConfig: { mapTileUrl: config.env.MAP_TILE_URL ?? null },
  });
  server = app.listen(config.env.PORT ?? 3000, config.env.HOST, () => {
    const host = config.env.HOST === "0.0.0.0" ? "localhost" : config.env.HOST;
    log(`Peitao 配套 is ready at http://${host}:${config.env.PORT}`);
  });
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
