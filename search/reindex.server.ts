import crypto from "node:crypto";
import type { DB } from "../db/connection.server";
import { applyIndexSettings, settle, type Search } from "./client.server";
import { countSupplierDocuments, loadSupplierDocuments } from "./documents.server";
import type { Progress } from "./progress";
import { DOCUMENT_VERSION } from "./settings";

/**
 * Rebuild the suppliers index from PostgreSQL into a fresh index and swap it in, so
 * search stays up throughout. Changes committed while the rebuild ran may have gone
 * to the old index only; their outbox rows are queued again after the swap.
 */
export async function reindexSuppliers(
  db: DB,
  search: Search,
  opts: {
    batchSize?: number;
    /** test seam: runs after the rebuild, before the swap */ beforeSwap?: () => Promise<void>;
    /** After each batch Meilisearch has indexed (for `npm run reindex`'s progress lines). */
    onProgress?: (p: Progress) => void;
  } = {},
) {
  const started = Date.now();
  const plantsAtStart = await plantsFingerprint(db);
  const live = search.uid("suppliers");
  const fresh = `${live}_rebuild_${started}`;
  const mark = await db
    .selectFrom("search_outbox")
    .select((eb) => eb.fn.max("id").as("max"))
    .executeTakeFirst();

  await applyIndexSettings(search, "suppliers", live); // the live index must exist to swap
  await applyIndexSettings(search, "suppliers", fresh);
  const index = search.client.index(fresh);
  let after: string | null = null;
  let documents = 0;
  let lastTask: ReturnType<typeof index.addDocuments> | undefined;
  const total = opts.onProgress ? await countSupplierDocuments(db) : 0;
  const indexed = async () => {
    if (!lastTask) return;
    await settle(search, lastTask);
    opts.onProgress?.({ documents, total: Math.max(total, documents), elapsedMs: Date.now() - started });
  };
  for (;;) {
    const docs = await loadSupplierDocuments(db, { after, limit: opts.batchSize ?? 5_000 });
    if (docs.length === 0) break;
    await indexed();
    lastTask = index.addDocuments(docs);
    documents += docs.length;
    after = docs[docs.length - 1]!.id;
  }
  await indexed();
  await opts.beforeSwap?.();

  await settle(search, search.client.swapIndexes([{ indexes: [live, fresh], rename: false }]));
  await settle(search, search.client.deleteIndex(fresh));

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
