import cluster, { type Worker } from "node:cluster";
import fs from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import exitHook from "async-exit-hook";
import { refreshChainCells } from "../db/chain.server";
import { createDb } from "../db/connection.server";
import { DEMO_PASSWORD, listDemoAccounts } from "../db/demo-accounts.server";
import { seedDemoIfEmpty } from "../app/features/demo/seed-demo.server";
import { startChainRefresh } from "./chain-refresh";
import { startImportRecovery } from "./import-recovery";
import { createSearch } from "../search/client.server";
import { COMMON_PASSWORDS_PACKAGE, loadCommonPasswords } from "../app/auth/common-passwords.server";
import { CHAIN_REFRESH_EVERY_MS } from "../app/features/chain/config";
import { createApp } from "./app";
import { ConfigError, loadConfig, entrantRewardOf, sessionLifetimeOf, type Config } from "./config";
import { startServices, type Services } from "./services";

// One primary process starts (or connects to) PostgreSQL and Meilisearch, migrates, seeds and
// runs the search sync; PEITAO_WORKERS worker processes serve HTTP on the shared port
// (node:cluster). Server-side rendering is CPU-bound, so one process per core serves
// several times the pages one process can (decision 009).

const log = (msg: string) => console.log(`[peitao] ${msg}`);
const BUILD_PATH = path.resolve("build/index.js");

function prepare(): Config {
  const config = loadConfig();
  // React and Remix choose their production builds from process.env at load time; an unset
  // NODE_ENV would leave React's development build (several times slower) in production.
  process.env.NODE_ENV = config.env.NODE_ENV;
  if (!fs.existsSync(BUILD_PATH))
    throw new Error("build/index.js is missing: run `npm run build` (npm start does it for you)");
  return config;
}

// ------------------------------------------------------------------------------ primary

let services: Services | undefined;
let starting: Promise<Services> | undefined;
let stopping: Promise<void> | undefined;
/** Set by SIGTERM, SIGINT and SIGHUP: a stop that was asked for ends with exit code 0. */
let stopRequested = false;
const workers = new Set<Worker>();

/**
 * Stop the HTTP workers (each drains its requests for up to 5 s), then the sync worker, the
 * pool, Meilisearch and PostgreSQL (fast shutdown); once. A start still under way is
 * finished first, so that what it started is stopped too.
 */
function shutdownPrimary(): Promise<void> {
  stopping ??= (async () => {
    const started = services ?? (await starting?.catch(() => undefined));
    if (!started && workers.size === 0) return; // nothing was started (a refused start)
    log("stopping …");
    await Promise.all(
      [...workers].map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            const kill = setTimeout(() => w.process.kill("SIGKILL"), 8_000);
            w.once("exit", () => {
              clearTimeout(kill);
              resolve();
            });
            w.process.kill("SIGTERM");
          }),
      ),
    );
    await started?.stop();
    log("stopped");
  })().catch((e) => log(`shutdown: ${String(e)}`));
  return stopping;
}

/**
 * Under `npm start`, npm is the parent: a supervisor that signals npm alone, or kills it,
 * must not leave the server behind. When the parent is gone (this process was handed to
 * init or a subreaper), stop as on SIGTERM. Run directly (`node server/index.ts`, a
 * supervisor's ExecStart, `nohup`), the server keeps running whatever its parent does.
 */
function stopWhenParentExits() {
  if (!process.env.npm_lifecycle_event) return;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    log(`the parent process ${parent} (npm) is gone; stopping`);
    process.kill(process.pid, "SIGTERM");
  }, 250);
  timer.unref();
}

async function primary() {
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(signal, () => (stopRequested = true));
  exitHook(
    (done: () => void) =>
      void shutdownPrimary().finally(() => {
        // A supervisor's stop is a success, not exit code 143; a crash still exits non-zero.
        if (stopRequested) process.exit(0);
        done();
      }),
  );
  exitHook.forceExitTimeout(25_000);
  // A crash still stops PostgreSQL and Meilisearch through the hook above.
  exitHook.uncaughtExceptionHandler((err) => console.error("[peitao] uncaught exception:", err));
  exitHook.unhandledRejectionHandler((err) => console.error("[peitao] unhandled rejection:", err));
  stopWhenParentExits();

  const config = prepare();
  const passwords = await loadCommonPasswords();
  log(
    passwords.source === "built-in"
      ? `common-password list: built-in (${passwords.size}); install ${COMMON_PASSWORDS_PACKAGE} for the maintained one`
      : `common-password list: ${passwords.source} (${passwords.size})`,
  );
  starting = startServices(config, { worker: true, log, kind: "server" });
  services = await starting;
  if (stopping) return;
  if (config.env.PEITAO_SEED === "demo" && (await seedDemoIfEmpty(services.db))) {
    log("demo data seeded (sample suppliers are marked 示例)");
  }
  if (stopping) return;
  // The chain map's supplier cells, complete before the first request (after a migration or
  // a registry-wide change every category is marked; decision 017).
  const chainStart = Date.now();
  const chainDone = await refreshChainCells(services.db);
  if (chainDone) log(`chain map: ${chainDone} categories computed in ${Date.now() - chainStart} ms`);
  if (stopping) return;
  const demo = await listDemoAccounts(services.db);
  if (demo.length > 0) {
    log(`demo accounts (password ${DEMO_PASSWORD}):`);
    for (const a of demo) log(`  ${a.role.padEnd(16)} ${a.email}`);
  }

  // Workers reach the same services; the key travels in the environment, not argv.
  const meili = services.embeddedMeili;
  const workerEnv = {
    DATABASE_URL: services.databaseUrl,
    ...(meili ? { MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey } : {}),
  };
  const port = config.env.PORT ?? 3000;
  const fork = () =>
    new Promise<number>((resolve, reject) => {
      const w = cluster.fork(workerEnv);
      workers.add(w);
      let listening = false;
      w.once("listening", (address) => {
        listening = true;
        resolve(address.port);
      });
      w.once("message", (m: { error?: string }) => m.error && reject(new ConfigError(m.error)));
      w.once("exit", (code, signal) => {
        workers.delete(w);
        if (!listening) return reject(new Error(`an HTTP worker exited (${signal ?? code}) before listening`));
        if (stopping) return;
        // A worker that crashed while serving is replaced; the others serve meanwhile.
        log(`HTTP worker ${w.process.pid} exited (${signal ?? code}); starting another`);
        setTimeout(() => {
          if (!stopping) fork().catch((e) => log(`HTTP worker failed to start: ${String(e)}`));
        }, 500).unref();
      });
    });
  if (stopping) return;
  const ports = await Promise.all(Array.from({ length: config.env.PEITAO_WORKERS }, fork));
  if (stopping) return;
  const host = config.env.HOST === "0.0.0.0" ? "localhost" : config.env.HOST;
  // Imports whose worker died are resumed (or failed with what they wrote) from here.
  const recovery = startImportRecovery(services, config.env.PEITAO_IMPORT_LEASE_SECONDS, log);
  exitHook(() => recovery.stop());
  const chainRefresh = startChainRefresh(services.db, CHAIN_REFRESH_EVERY_MS, log);
  exitHook(() => chainRefresh.stop());
  log(`HTTP workers: ${[...workers].map((w) => w.process.pid).join(", ")}`);
  log(`Peitao 配套 is ready at http://${host}:${ports[0] ?? port}`);
}

// ------------------------------------------------------------------------------ worker

async function worker() {
  const config = prepare();
  await loadCommonPasswords();
  const env = config.env;
  if (!env.DATABASE_URL || !env.MEILI_URL)
    throw new Error("an HTTP worker needs DATABASE_URL and MEILI_URL from the primary");
  const db = createDb(env.DATABASE_URL);
  const search = createSearch({ url: env.MEILI_URL, apiKey: env.MEILI_MASTER_KEY, prefix: env.MEILI_INDEX_PREFIX });
  const build = (await import(pathToFileURL(BUILD_PATH).href)) as ServerBuild;
  const app = createApp(build, {
    db,
    search,
    publicConfig: { mapTileUrl: env.MAP_TILE_URL ?? null },
    thresholds: { minInside: env.PEITAO_MIN_INSIDE, gapMin: env.PEITAO_GAP_MIN },
    sessionLifetime: sessionLifetimeOf(env),
    trustProxy: env.TRUST_PROXY,
    imports: { leaseSeconds: env.PEITAO_IMPORT_LEASE_SECONDS },
    entrantReward: entrantRewardOf(env),
  });
  const port = env.PORT ?? 3000;
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(port, env.HOST, () => resolve(s));
    s.once("error", (err: NodeJS.ErrnoException) =>
      reject(err.code === "EADDRINUSE" ? new ConfigError(`Port ${port} is in use: set PORT to a free port`) : err),
    );
  });
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    // Drain: no new connections, idle ones closed, requests in flight get 5 s to finish.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 5_000).unref();
    await closed;
    await db.destroy().catch(() => {});
    process.exit(0);
  };
  // The primary sends SIGTERM; Ctrl-C reaches the whole process group, and the primary
  // decides the order, so SIGINT is left to it. A primary that died leaves no worker behind.
  process.on("SIGTERM", () => void close());
  process.on("SIGINT", () => {});
  process.on("disconnect", () => void close());
}

if (cluster.isPrimary) {
  primary().catch(async (err) => {
    if (stopping) return; // a stop during the start: the exit hook ends the process
    console.error(err instanceof ConfigError ? err.message : err);
    await shutdownPrimary();
    process.exit(1);
  });
} else {
  worker().catch((err) => {
    const message = err instanceof ConfigError ? err.message : String(err instanceof Error ? err.stack : err);
    process.send?.({ error: message });
    console.error(message);
    process.exit(1);
  });
}
