import path from "node:path";
import { createDb, type DB } from "../db/connection.server";
import { connectToRunningPostgres, startEmbeddedPostgres, type EmbeddedPostgresHandle } from "../db/embedded.server";
import { migrateToLatest } from "../db/migrate.server";
import { loadReferenceData } from "../db/reference.server";
import { createSearch, reconcileIndexes, SearchTaskError, type Search } from "../search/client.server";
import { findRunningMeili, startEmbeddedMeili, type EmbeddedMeiliHandle } from "../search/embedded.server";
import { reindexSuppliers, suppliersIndexIsStale } from "../search/reindex.server";
import { startOutboxWorker, type OutboxWorker } from "../search/sync.server";
import { createMailer } from "../app/features/mail/mailer.server";
import { startMailWorker, type MailWorker } from "../app/features/mail/worker.server";
import { mailSettingsOf, type Config } from "./config";
import { useDataDir, type DataDirUse } from "./instance";

export interface Services {
  db: DB;
  search: Search;
  databaseUrl: string;
  embeddedPostgres?: EmbeddedPostgresHandle;
  embeddedMeili?: EmbeddedMeiliHandle;
  /** Set when the embedded services belong to a running server: they are used, never stopped. */
  guestOf?: { pid: number };
  worker?: OutboxWorker;
  /** Sends the mail outbox (with `worker`; decision 014). */
  mail?: MailWorker;
  stop: () => Promise<void>;
}

export type Log = (msg: string) => void;

/**
 * Start (or connect to) PostgreSQL and Meilisearch, migrate, load reference data,
 * reconcile the index settings and, when asked, start the outbox worker.
 *
 * The embedded services of the data directory belong to one process (server/instance.ts):
 * a server refuses a directory another live process holds; a command (`kind: "cli"`) uses
 * the services of a running server and leaves them running.
 */
export async function startServices(
  config: Config,
  opts: { worker?: boolean; log?: Log; kind?: "server" | "cli" } = {},
): Promise<Services> {
  const log = opts.log ?? (() => {});
  const env = config.env;
  const stops: (() => Promise<void>)[] = [];
  // Once, in reverse order of start; a second call (a signal during a stop) waits for the first.
  let stopping: Promise<void> | undefined;
  const stopAll = () =>
    (stopping ??= (async () => {
      for (const stop of stops.reverse()) await stop().catch((e) => log(`shutdown: ${String(e)}`));
      stops.length = 0;
    })());

  try {
    let use: DataDirUse | undefined;
    if (!env.DATABASE_URL || !env.MEILI_URL) {
      use = await useDataDir({
        dataDir: config.dataDir,
        kind: opts.kind ?? "server",
        ...(env.DATABASE_URL
          ? {}
          : { postgres: () => connectToRunningPostgres(path.join(config.dataDir, "pg"), "peitao") }),
        ...(env.MEILI_URL ? {} : { meili: () => findRunningMeili(path.join(config.dataDir, "meili")) }),
        log,
      });
      const owned = use;
      if (owned.role === "owner") stops.push(async () => owned.release());
    }
    const guest = use?.role === "guest" ? use : undefined;

    let databaseUrl = env.DATABASE_URL ?? guest?.databaseUrl;
    let embeddedPostgres: EmbeddedPostgresHandle | undefined;
    if (!databaseUrl) {
      log("starting embedded PostgreSQL …");
      embeddedPostgres = await startEmbeddedPostgres({
        dir: path.join(config.dataDir, "pg"),
        port: env.PG_PORT,
        database: "peitao",
        stopOnExit: false,
      });
      stops.push(embeddedPostgres.stop);
      databaseUrl = embeddedPostgres.url("peitao");
    }
    const db = createDb(databaseUrl);
    stops.push(() => db.destroy());
    const applied = await migrateToLatest(db);
    if (applied.length) log(`migrations applied: ${applied.join(", ")}`);
    await loadReferenceData(db);

    let embeddedMeili: EmbeddedMeiliHandle | undefined;
    let search: Search;
    if (env.MEILI_URL) {
      search = createSearch({ url: env.MEILI_URL, apiKey: env.MEILI_MASTER_KEY, prefix: env.MEILI_INDEX_PREFIX });
    } else if (guest?.meili) {
      search = createSearch({ url: guest.meili.url, apiKey: guest.meili.masterKey, prefix: env.MEILI_INDEX_PREFIX });
    } else {
      log("starting embedded Meilisearch …");
      embeddedMeili = await startEmbeddedMeili({
        dir: path.join(config.dataDir, "meili"),
        bin: env.MEILI_BIN,
        port: env.MEILI_PORT,
        maxIndexingMemory: env.MEILI_MAX_INDEXING_MEMORY,
        supervise: true,
        log,
      });
      stops.push(embeddedMeili.stop);
      search = createSearch({
        url: embeddedMeili.url,
        apiKey: embeddedMeili.masterKey,
        prefix: env.MEILI_INDEX_PREFIX,
      });
    }

    let worker: OutboxWorker | undefined;
    const startWorker = () => {
      if (!opts.worker) return;
      worker = startOutboxWorker(db, search, { log, listenUrl: databaseUrl });
      services.worker = worker;
    };
    const services: Services = {
      db,
      search,
      databaseUrl,
      embeddedPostgres,
      embeddedMeili,
      ...(guest ? { guestOf: { pid: guest.owner.pid } } : {}),
      stop: stopAll,
    };
    stops.push(async () => services.worker?.stop());
    if (opts.worker) {
      // E-mail does not wait for search: it needs PostgreSQL alone.
      const settings = mailSettingsOf(config);
      const mailer = createMailer(settings);
      log(`e-mail: ${mailer.describe}; links start with ${settings.publicUrl}`);
      services.mail = startMailWorker(db, mailer, { publicUrl: settings.publicUrl, log });
      stops.push(async () => services.mail?.stop());
    }

    try {
      await reconcileIndexes(search);
      if (await suppliersIndexIsStale(db)) {
        // Documents of an older shape: rebuild from PostgreSQL (search stays up meanwhile).
        log("building the search index from PostgreSQL (new, or documents of an older version) …");
        const { documents, ms } = await reindexSuppliers(db, search);
        log(`index rebuilt: ${documents} documents in ${ms} ms`);
      }
      startWorker();
    } catch (err) {
      if (err instanceof SearchTaskError) throw err;
      // Search is unreachable: run without it and settle the indexes once it answers.
      log(`Meilisearch is not reachable (${String(err)}); search is down until it answers`);
      const retry = setInterval(() => {
        reconcileIndexes(search)
          .then(() => {
            clearInterval(retry);
            log("Meilisearch is reachable again; index settings reconciled");
            startWorker();
          })
          .catch(() => {});
      }, 5_000);
      retry.unref();
      stops.push(async () => clearInterval(retry));
    }
    if (use?.role === "owner") use.markReady();
    return services;
  } catch (err) {
    await stopAll();
    throw err;
  }
}
