import crypto from "node:crypto";
import type { DB } from "../db/connection.server";
import { applyIndexSettings, settle, type Search } from "./client.server";
import { countSupplierDocuments, loadSupplierDocuments } from "./documents.server";
import type { Progress } from "./progress";
import type { EnqueuedTaskPromise } from "meilisearch";
import { DOCUMENT_VERSION } from "./settings";

/**
 * Suppliers a batch, every site of each (a site's ranking document depends on its supplier's
 * other sites; tests/bench/reindex-batches.ts at 100k: 38.6 s at 20,000 against 55.7 s at 5,000; decision 020).
 */
const BATCH = 20_000;
/** How many batches may wait in Meilisearch's queue while the next is read (it merges them into one indexing batch). */
const IN_FLIGHT = 3;

/**
 * Rebuild the supplier indexes (the text directory and the ranking, decision 018) from
 * PostgreSQL into fresh indexes and swap both in at once, so search stays up throughout.
 * Changes committed while the rebuild ran may have gone to the old indexes only; their
 * outbox rows are queued again after the swap.
 */
export async function reindexSuppliers(
  db: DB,
  search: Search,
  opts: {
    /** Suppliers a batch (default BATCH). */
    batchSize?: number;
    /** Batches queued in Meilisearch while the next is read (default IN_FLIGHT). */
    inFlight?: number;
    /** The payload: a JSON array (default) or NDJSON, a document a line. */
    format?: "json" | "ndjson";
    /** test seam: runs after the rebuild, before the swap */ beforeSwap?: () => Promise<void>;
    /** After each batch Meilisearch has indexed (for `npm run reindex`'s progress lines). */
    onProgress?: (p: Progress) => void;
  } = {},
) {
  const started = Date.now();
  const plantsAtStart = await plantsFingerprint(db);
  const pairs = (["suppliers", "ranking"] as const).map((name) => ({
    name,
    live: search.uid(name),
    fresh: `${search.uid(name)}_rebuild_${started}`,
  }));
  const mark = await db
    .selectFrom("search_outbox")
    .select((eb) => eb.fn.max("id").as("max"))
    .executeTakeFirst();

  for (const p of pairs) {
    await applyIndexSettings(search, p.name, p.live); // the live index must exist to swap
    await applyIndexSettings(search, p.name, p.fresh);
  }
  const [directory, ranking] = pairs.map((p) => search.client.index(p.fresh)) as [
    ReturnType<typeof search.client.index>,
    ReturnType<typeof search.client.index>,
  ];
  let afterSupplier: string | null = null;
  let documents = 0;
  // Batches enqueued and not yet known to be indexed: their directory task (enqueued after
  // the ranking's, so done last) and the documents counted once it is.
  const inFlight: { task: EnqueuedTaskPromise; ranking: EnqueuedTaskPromise; upTo: number }[] = [];
  const total = opts.onProgress ? await countSupplierDocuments(db) : 0;
  const oldest = async () => {
    const batch = inFlight.shift();
    if (!batch) return;
    await settle(search, batch.ranking);
    await settle(search, batch.task);
    opts.onProgress?.({ documents: batch.upTo, total: Math.max(total, batch.upTo), elapsedMs: Date.now() - started });
  };
  for (;;) {
    const docs = await loadSupplierDocuments(db, { afterSupplier, suppliers: opts.batchSize ?? BATCH });
    if (docs.lastSupplier === null) break;
    afterSupplier = docs.lastSupplier;
    if (docs.directory.length === 0) continue; // suppliers without sites
    while (inFlight.length >= (opts.inFlight ?? IN_FLIGHT)) await oldest();
    documents += docs.directory.length;
    const send = (index: typeof directory, payload: object[]) =>
      opts.format === "ndjson"
        ? index.addDocumentsFromString(payload.map((d) => JSON.stringify(d)).join("\n"), "application/x-ndjson")
        : index.addDocuments(payload);
    const rankingTask = send(ranking, docs.ranking);
    await rankingTask; // enqueued before the directory's
    inFlight.push({ ranking: rankingTask, task: send(directory, docs.directory), upTo: documents });
  }
  while (inFlight.length > 0) await oldest();
  await opts.beforeSwap?.();

  await settle(search, search.client.swapIndexes(pairs.map((p) => ({ indexes: [p.live, p.fresh], rename: false }))));
  for (const p of pairs) await settle(search, search.client.deleteIndex(p.fresh));

  await db
    .updateTable("search_outbox")
    .set({ processed_at: null })
    .where("id", ">", String(mark?.max ?? 0))
    .where("processed_at", "is not", null)
    .execute();

  const state = { document_version: DOCUMENT_VERSION.suppliers, plants_fingerprint: plantsAtStart };
  await db
    .insertInto("search_state")
    .values({ index_name: "suppliers", ...state })
    .onConflict((oc) => oc.column("index_name").doUpdateSet(state))
    .execute();
  return { documents, ms: Date.now() - started };
}

/** The active plants' codes and coordinates, hashed: the documents' distances depend on exactly these. */
export async function plantsFingerprint(db: DB): Promise<string> {
  const plants = await db
    .selectFrom("plants")
    .select(["code", "lat", "lng"])
    .where("retired_at", "is", null)
    .orderBy("code")
    .execute();
  return crypto
    .createHash("sha256")
    .update(JSON.stringify(plants.map((p) => [p.code, p.lat, p.lng])))
    .digest("hex")
    .slice(0, 16);
}

/** Whether the index was built with an older document shape or other plants (or never recorded). */
export async function suppliersIndexIsStale(db: DB): Promise<boolean> {
  const row = await db
    .selectFrom("search_state")
    .select(["document_version", "plants_fingerprint"])
    .where("index_name", "=", "suppliers")
    .executeTakeFirst();
  return (
    row?.document_version !== DOCUMENT_VERSION.suppliers || row.plants_fingerprint !== (await plantsFingerprint(db))
  );
}
