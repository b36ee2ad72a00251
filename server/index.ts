import fs from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import exitHook from "async-exit-hook";
import { DEMO_PASSWORD, listDemoAccounts } from "../db/demo-accounts.server";
import { seedDemoIfEmpty } from "../db/seed.server";
import { createApp } from "./app";
import { ConfigError, loadConfig } from "./config";
import { startServices, type Services } from "./services";

const log = (msg: string) => console.log(`[peitao] ${msg}`);

let services: Services | undefined;
let server: Server | undefined;
let stopping: Promise<void> | undefined;

/** Stop taking requests, then the worker, the pool, Meilisearch and PostgreSQL; once. */
function shutdown(): Promise<void> {
  stopping ??= (async () => {
    log("stopping …");
    if (server?.listening) {
      const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    }
    await services?.stop();
    log("stopped");
  })().catch((e) => log(`shutdown: ${String(e)}`));
  return stopping;
}

exitHook((done: () => void) => void shutdown().finally(done));
exitHook.forceExitTimeout(20_000);
// A crash still stops PostgreSQL and Meilisearch through the hook above.
exitHook.uncaughtExceptionHandler((err) => console.error("[peitao] uncaught exception:", err));
exitHook.unhandledRejectionHandler((err) => console.error("[peitao] unhandled rejection:", err));

async function main() {
  const config = loadConfig();
  const buildPath = path.resolve("build/index.js");
  if (!fs.existsSync(buildPath)) throw new Error("build/index.js is missing: run `npm run build` (npm start does it for you)");

  services = await startServices(config, { worker: true, log });
  if (config.env.PEITAO_SEED === "demo" && (await seedDemoIfEmpty(services.db))) {
    log("demo data seeded (sample suppliers are marked 示例)");
  }
  const demo = await listDemoAccounts(services.db);
  if (demo.length > 0) {
    log(`demo accounts (password ${DEMO_PASSWORD}):`);
    for (const a of demo) log(`  ${a.role.padEnd(16)} ${a.email}`);
  }
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  const app = createApp(build, {
    db: services.db,
    search: services.search,
    publicConfig: { mapTileUrl: config.env.MAP_TILE_URL ?? null },
    thresholds: { minInside: config.env.PEITAO_MIN_INSIDE, gapMin: config.env.PEITAO_GAP_MIN },
  });
  const port = config.env.PORT ?? 3000;
  server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, config.env.HOST, () => resolve(s));
    s.once("error", (err: NodeJS.ErrnoException) =>
      reject(err.code === "EADDRINUSE" ? new ConfigError(`Port ${port} is in use: set PORT to a free port`) : err),
    );
  });
  const host = config.env.HOST === "0.0.0.0" ? "localhost" : config.env.HOST;
  log(`Peitao 配套 is ready at http://${host}:${port}`);
}

main().catch(async (err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  await shutdown();
  process.exit(1);
});
