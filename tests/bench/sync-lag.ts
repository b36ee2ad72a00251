import type { DB } from "../../db/connection.server";
import { renameSupplier } from "../../db/suppliers.server";
import type { Search } from "../../search/client.server";
import { inList } from "../../search/filter";
import { batchDurations } from "./batches";
import { percentiles } from "./stats";

/**
 * Sync lag under a write load: 200 renames at ~20/s, each timed from commit to searchable in
 * the ranking index and in the text directory. An outbox worker must be running.
 */
export async function measureSyncLag(db: DB, search: Search) {
  const ids = (
    await db.selectFrom("organizations").select("id").where("kind", "=", "supplier").orderBy("id").limit(200).execute()
  ).map((x) => x.id);
  const syncStart = performance.now();
  const syncStartedAt = new Date();
  // One checker per index asks for every pending write in a single query every 20 ms (a
  // poller per write would itself load Meilisearch with a thousand searches a second): the
  // ranking (what a demand's ranking reads) and the text directory, each timed on its own.
  const pending = {
    ranking: new Map<string, { name: string; at: number }>(),
    suppliers: new Map<string, { name: string; at: number }>(),
  };
  const lags = { ranking: [] as number[], suppliers: [] as number[] };
  let writing = true;
  const checker = (name: "ranking" | "suppliers") =>
    (async () => {
      const waiting = pending[name];
      while (writing || waiting.size > 0) {
        if (waiting.size > 0) {
          const res = await search.client.index(search.uid(name)).search("", {
            filter: inList("supplier_id", [...waiting.keys()]),
            attributesToRetrieve: ["supplier_id", "name_zh"],
            limit: 1000,
          });
          const now = performance.now();
          for (const h of res.hits) {
            const p = waiting.get(h.supplier_id as string);
            if (p && h.name_zh === p.name) {
              lags[name].push(now - p.at);
              waiting.delete(h.supplier_id as string);
            }
          }
        }
        await new Promise((res) => setTimeout(res, 20));
      }
    })();
  const checkers = [checker("ranking"), checker("suppliers")];
  for (const [i, id] of ids.entries()) {
    const due = i * 50;
    await new Promise((res) => setTimeout(res, Math.max(0, due - (performance.now() - syncStart))));
    const name = `基准测试改名${i}有限公司`;
    await renameSupplier(db, id, { nameZh: name });
    const at = performance.now();
    pending.ranking.set(id, { name, at });
    pending.suppliers.set(id, { name, at });
  }
  writing = false;
  await Promise.all(checkers);
  return {
    syncLag: percentiles(lags.suppliers),
    syncLagRanking: percentiles(lags.ranking),
    // Meilisearch's own indexing time per batch during that load, by index: how long a
    // change waits behind the other index's batch (Meilisearch indexes one batch at a time).
    syncBatches: await batchDurations(search, syncStartedAt),
  };
}
