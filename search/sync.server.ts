import { sql } from "kysely";
import pg from "pg";
import type { DB } from "../db/connection.server";
import { settle, type Search } from "./client.server";
import { loadSupplierDocuments } from "./documents.server";
import type { EnqueuedTaskPromise } from "meilisearch";
import { inList } from "./filter";
import { reindexSuppliers, suppliersIndexIsStale } from "./reindex.server";

/** One drain at a time across all app processes (transaction-scoped advisory lock). */
const DRAIN_LOCK = 0x7065_6974; // "peit"

/** Outbox rows one drain takes (one transaction; a bulk import drains in steps of this). */
export const DRAIN_ROWS = 50_000;
/** Suppliers per Meilisearch task within a drain. */
export const SUPPLIERS_PER_TASK = 5_000;
/** Indexed sites read per request when looking for vanished ones. */
const PAGE = 10_000;

export interface DrainResult {
  processed: number;
  /** false when another process held the lock. */
  ran: boolean;
}

/**
 * Apply pending outbox rows to Meilisearch. Each changed entity is re-read from
 * PostgreSQL as it is now (never from the outbox payload), its documents upserted
 * and its vanished documents deleted; the rows are marked done only after the
 * Meilisearch tasks succeeded, in the same transaction that held the lock. A `plants` row
 * (a plant added, moved or retired) rebuilds the index when its distances are stale.
 */
export async function drainOutbox(
  db: DB,
  search: Search,
  batchSize = DRAIN_ROWS,
  suppliersPerTask = SUPPLIERS_PER_TASK,
): Promise<DrainResult> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${DRAIN_LOCK}) as locked`.execute(
      trx,
    );
    if (!rows[0]?.locked) return { processed: 0, ran: false };

    const pending = await trx
      .selectFrom("search_outbox")
      .select(["id", "entity", "entity_id"])
      .where("processed_at", "is", null)
      .orderBy("id")
      .limit(batchSize)
      .execute();
    if (pending.length === 0) return { processed: 0, ran: true };

    const supplierIds = [...new Set(pending.filter((p) => p.entity === "supplier").map((p) => p.entity_id))];
    if (pending.some((p) => p.entity === "plants") && (await suppliersIndexIsStale(trx))) {
      // A plant was added, moved or retired: every document's distances change. Rebuild into
      // a fresh index and swap it in (search stays up), as start-up does; the rebuild reads
      // every supplier as committed now, so this batch's supplier rows are covered as well.
      await reindexSuppliers(trx, search);
    } else if (supplierIds.length > 0) {
      // Every chunk's tasks are enqueued before any is awaited: while Meilisearch indexes one
      // chunk the next is read from PostgreSQL, and the chunks that queue up meanwhile are
      // merged by Meilisearch into one indexing batch per index (a bulk load costs a few
      // large batches instead of one small batch per chunk, each of which grows with the index).
      const tasks: EnqueuedTaskPromise[] = [];
      for (let i = 0; i < supplierIds.length; i += suppliersPerTask)
        tasks.push(...(await enqueueSuppliers(trx, search, supplierIds.slice(i, i + suppliersPerTask))));
      for (const task of tasks) await settle(search, task, 120_000, 25);
    }

    await trx
      .updateTable("search_outbox")
      .set({ processed_at: new Date(), last_error: null })
      // One array parameter, not one per row: PostgreSQL takes at most 65,535 parameters.
      .where(sql<boolean>`id = any(${pending.map((p) => p.id)}::bigint[])`)
      .execute();
    return { processed: pending.length, ran: true };
  });
}

/**
 * Enqueue the upserts of these suppliers' documents and the deletions of their vanished
 * sites, in both indexes; returns the tasks in the order they were enqueued.
 */
async function enqueueSuppliers(db: DB, search: Search, supplierIds: string[]): Promise<EnqueuedTaskPromise[]> {
  const docs = await loadSupplierDocuments(db, { supplierIds });
  const directory = search.client.index(search.uid("suppliers"));
  const ranking = search.client.index(search.uid("ranking"));
  // Documents of sites that no longer exist: found by a (cheap) filtered read, deleted by
  // id, so that the usual change costs one indexing task per index, not two.
  const keep = new Set(docs.directory.map((d) => d.id));
  const vanished: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await ranking.getDocuments({
      filter: inList("supplier_id", supplierIds),
      fields: ["id"],
      limit: PAGE,
      offset,
    });
    for (const d of page.results) if (!keep.has(String(d.id))) vanished.push(String(d.id));
    if (page.results.length < PAGE) break;
  }
  // The ranking's task is enqueued first, so Meilisearch indexes it before the directory
  // re-tokenises the same sites (decision 018). Polled every 25 ms at most: the time
  // between a task finishing and the next drain is sync lag.
  const steps: (() => EnqueuedTaskPromise)[] = [];
  if (vanished.length > 0) steps.push(() => ranking.deleteDocuments(vanished));
  if (docs.ranking.length > 0) steps.push(() => ranking.addDocuments(docs.ranking));
  if (vanished.length > 0) steps.push(() => directory.deleteDocuments(vanished));
  if (docs.directory.length > 0) steps.push(() => directory.addDocuments(docs.directory));
  const tasks: EnqueuedTaskPromise[] = [];
  for (const step of steps) {
    const task = step();
    await task; // enqueued in this order
    tasks.push(task);
  }
  return tasks;
}

async function recordFailure(db: DB, error: unknown): Promise<void> {
  const message = String(error instanceof Error ? error.message : error).slice(0, 2000);
  await db
    .updateTable("search_outbox")
    .set((eb) => ({ attempts: eb("attempts", "+", 1), last_error: message }))
    .where("id", "=", (eb) =>
      eb.selectFrom("search_outbox").select(eb.fn.min("id").as("m")).where("processed_at", "is", null),
    )
    .execute()
    .catch(() => {});
}

export interface OutboxWorker {
  stop: () => Promise<void>;
  /** Resolves once everything enqueued so far is in the index (tests, scripts). */
  idle: () => Promise<void>;
}

/** The channel migration 0007's trigger notifies on every insert into the outbox. */
export const OUTBOX_CHANNEL = "peitao_search_outbox";

/**
 * Keep draining the outbox: immediately while there is work, as soon as a new row is
 * committed (LISTEN on `listenUrl`'s database, when given), every `pollMs` otherwise, and
 * with exponential back-off (capped) while Meilisearch or PostgreSQL fails.
 */
export function startOutboxWorker(
  db: DB,
  search: Search,
  opts: { pollMs?: number; maxBackoffMs?: number; listenUrl?: string; log?: (msg: string) => void } = {},
): OutboxWorker {
  const pollMs = opts.pollMs ?? 1_000;
  const maxBackoffMs = opts.maxBackoffMs ?? 5_000;
  let stopped = false;
  let failures = 0;
  let wake: (() => void) | undefined;
  let poked = false;
  let idleWaiters: (() => void)[] = [];
  let listener: pg.Client | undefined;

  const poke = () => {
    poked = true;
    wake?.();
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (poked) return resolve();
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  /** (Re)connect the listener; while it is down, polling alone carries on. */
  const listen = async () => {
    if (!opts.listenUrl || listener || stopped) return;
    // A connect that hangs (unreachable host) must not stall the drain loop that awaits it.
    const client = new pg.Client({ connectionString: opts.listenUrl, connectionTimeoutMillis: 3_000 });
    client.on("notification", poke);
    client.on("error", () => {
      if (listener === client) listener = undefined;
      client.end().catch(() => {});
    });
    try {
      await client.connect();
      await client.query(`listen ${OUTBOX_CHANNEL}`);
      listener = client;
    } catch {
      await client.end().catch(() => {});
    }
  };

  const loop = (async () => {
    while (!stopped) {
      let delay = pollMs;
      poked = false;
      await listen();
      try {
        const result = await drainOutbox(db, search);
        if (failures > 0) opts.log?.("search sync recovered");
        failures = 0;
        if (result.processed > 0) delay = 0;
        else if (result.ran) {
          const waiters = idleWaiters;
          idleWaiters = [];
          waiters.forEach((w) => w());
        }
      } catch (err) {
        failures += 1;
        delay = Math.min(maxBackoffMs, 250 * 2 ** Math.min(failures, 10));
        if (failures === 1 || failures % 20 === 0)
          opts.log?.(`search sync failed (${failures}x), retrying: ${String(err)}`);
        await recordFailure(db, err);
      }
      if (!stopped && delay > 0) await sleep(delay);
    }
  })();

  return {
    stop: async () => {
      stopped = true;
      wake?.();
      await loop;
      await listener?.end().catch(() => {});
      listener = undefined;
    },
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        wake?.();
      }),
  };
}
