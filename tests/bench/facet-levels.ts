// What the ranking index's facets cost per indexing batch as the index grows (issue 16,
// decisions 020 and 021). The same ranking documents go into a fresh index per variant, in batches
// of `--batch` sites, each batch waited for (as a load of many small drains would); then
// one single-site update (a user's change). Meilisearch's progress trace says how much of
// each batch was "post processing facets", the part that rebuilds facet levels.
// `node --import tsx tests/bench/facet-levels.ts --size 100000 --batch 5000`
import { parseArgs } from "node:util";
import { seedSuppliers } from "../../db/seed.server";
import { startBenchStores } from "./dataset";
import { loadSupplierDocuments } from "../../search/documents.server";
import { INDEXES, type RankingDocument } from "../../search/settings";
import { settle } from "../../search/client.server";
import { durationMs, parseTraceMs } from "./batches";

const { values } = parseArgs({
  options: {
    size: { type: "string", default: "100000" },
    batch: { type: "string", default: "5000" },
  },
});
const size = Number(values.size);
const batch = Number(values.batch);

// Before decision 021 the filtered and sorted field held the exact distance: one distinct value a site.
const exact = (doc: RankingDocument): RankingDocument => ({ ...doc, plant_hm: doc.plant_km });
const variants: { name: string; settings: object; map: (d: RankingDocument) => RankingDocument }[] = [
  { name: "exact distances (decision 020)", settings: {}, map: exact },
  { name: "distances rounded to 100 m (decision 021, shipped)", settings: {}, map: (d) => d },
];

const stores = await startBenchStores(`facets-${size}`, { pool: 4, timeoutMs: 600_000 });
const { db, search } = stores;
try {
  await seedSuppliers(db, { count: size, seed: 2026, batch: 2000 });
  const docs: RankingDocument[] = [];
  for (let afterSupplier: string | null = null; ;) {
    const page = await loadSupplierDocuments(db, { afterSupplier, suppliers: 10_000 });
    if (page.lastSupplier === null) break;
    docs.push(...page.ranking);
    afterSupplier = page.lastSupplier;
  }
  console.log(`${docs.length} ranking documents, batches of ${batch}`);
  console.log(
    `| variant | load ms | post processing facets, all batches ms | last tenth of batches: batch p50 ms (facets ms) | one-site update ms (facets ms) |`,
  );
  console.log(`| --- | --- | --- | --- | --- |`);
  for (const [i, v] of variants.entries()) {
    const uid = `bench_facets_${i}`;
    await settle(search, search.client.createIndex(uid, { primaryKey: "id" }));
    await settle(search, search.client.index(uid).updateSettings({ ...INDEXES.ranking.settings, ...v.settings }));
    const index = search.client.index(uid);
    const t0 = performance.now();
    const per: { ms: number; facets: number }[] = [];
    const traced = async (task: ReturnType<typeof index.addDocuments>) => {
      const done = await settle(search, task, 600_000, 25);
      const b = await search.client.batches.getBatch(done.batchUid!);
      const facets = String(b.stats.progressTrace?.["processing tasks > indexing > post processing facets"] ?? "0s");
      return { ms: durationMs(b.duration) ?? 0, facets: parseTraceMs(facets) ?? 0 };
    };
    for (let k = 0; k < docs.length; k += batch)
      per.push(await traced(index.addDocuments(docs.slice(k, k + batch).map(v.map))));
    const loadMs = Math.round(performance.now() - t0);
    // A user's change: the site moved half a kilometre.
    const moved = {
      ...docs[0]!,
      plant_hm: Object.fromEntries(Object.entries(docs[0]!.plant_hm).map(([c, d]) => [c, d + 5])),
      plant_km: Object.fromEntries(Object.entries(docs[0]!.plant_km).map(([c, d]) => [c, d + 0.5])),
    };
    const one = await traced(index.addDocuments([v.map(moved)]));
    const tail = per.slice(Math.floor(per.length * 0.9)).sort((a, b) => a.ms - b.ms);
    const mid = tail[Math.floor(tail.length / 2)]!;
    const facetsAll = Math.round(per.reduce((s, p) => s + p.facets, 0));
    console.log(
      `| ${v.name} | ${loadMs} | ${facetsAll} | ${Math.round(mid.ms)} (${Math.round(mid.facets)}) | ${Math.round(one.ms)} (${Math.round(one.facets)}) |`,
    );
    await settle(search, search.client.deleteIndex(uid));
  }
} finally {
  await stores.stop();
}
process.exit(0);
