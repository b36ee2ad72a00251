// Measure the ranking and the sync lag against a benchmark data set that is already loaded:
// the PostgreSQL and Meilisearch of a run (`npm run bench`) that was stopped after its load,
// still running. For a size whose load alone takes an hour (1M on 2 cores), so that the
// measurements need not wait for the rest of that run.
// `node --import tsx tests/bench/attach.ts --pg-url postgres://… --meili-url http://… --meili-key … --meili-pid N --out f.json`
import fs from "node:fs";
import { parseArgs } from "node:util";
import { createDb } from "../../db/connection.server";
import { createSearch } from "../../search/client.server";
import { nearestWithin, nearestWithinParams, rankingFilter } from "../../search/ranking.server";
import { reindexSuppliers } from "../../search/reindex.server";
import { startOutboxWorker } from "../../search/sync.server";
import { sampleRss } from "./memory";
import { meiliRaw, pgHaversine, setupPostGis, type RankQuery } from "./peers";
import { percentiles, timed, timedInterleaved } from "./stats";
import { measureSyncLag } from "./sync-lag";
import { rankQueries } from "./dataset";

const { values } = parseArgs({
  options: {
    "pg-url": { type: "string" },
    "meili-url": { type: "string" },
    "meili-key": { type: "string" },
    "meili-pid": { type: "string" },
    prefix: { type: "string", default: "bench_" },
    queries: { type: "string", default: "300" },
    "postgis-url": {
      type: "string",
      default: process.env.PEITAO_BENCH_POSTGIS_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    },
    reindex: { type: "boolean", default: false },
    // (c), the plain-SQL peer: about a second a query at 1M, so only when asked.
    haversine: { type: "boolean", default: false },
    out: { type: "string", default: "attach.json" },
  },
});
const log = (m: string) => console.log(`[attach] ${m}`);
const db = createDb(values["pg-url"]!, { max: 20 });
const search = createSearch({
  url: values["meili-url"]!,
  apiKey: values["meili-key"],
  prefix: values.prefix!,
  timeoutMs: 600_000,
});
const rss = sampleRss(() => (values["meili-pid"] ? Number(values["meili-pid"]) : undefined));
const r: Record<string, unknown> = { started: new Date().toISOString() };
try {
  const size = Number(
    (
      await db
        .selectFrom("supplier_sites")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
  r.size = size;
  log(`${size} sites`);
  // The same queries as tests/bench/run.ts.
  const QUERIES = Number(values.queries);
  const queries = await rankQueries(db, QUERIES);
  const K = 20;
  const filterOf = (q: RankQuery) => rankingFilter({ category: q.category, requiredCerts: [] });
  const gis = await setupPostGis(db, values["postgis-url"]!, `peitao_bench_gis_${size}`);
  if ("skipped" in gis) log(`(d) not run: ${gis.skipped}`);
  else {
    r.postgis = { version: gis.version, rows: gis.rows, loadMs: gis.loadMs };
    log(`(d) PostGIS ${gis.version}: ${gis.rows} rows in ${gis.loadMs} ms`);
  }
  const raw = meiliRaw(values["meili-url"]!, values["meili-key"]!, search.uid("ranking"));
  const methods: Record<string, (q: RankQuery) => Promise<string[]>> = {
    peitao: async (q) =>
      (await nearestWithin(search, filterOf(q), q.plant, q.radius, K)).hits.map((h) => h.supplier_id),
    meiliRaw: (q) => raw({ q: "", ...nearestWithinParams(filterOf(q), q.plant, q.radius, K) }),
    ...(values.haversine ? { pgHaversine: (q: RankQuery) => pgHaversine(db, q, K) } : {}),
    ...("rank" in gis ? { postgis: (q: RankQuery) => gis.rank(q, K) } : {}),
  };
  // Not (a0): (a)'s first query alone, in 100 m bands with a margin (decision 021).
  const agreement: Record<string, number> = {};
  const compared = Object.entries(methods).filter(([name]) => name !== "meiliRaw");
  for (const q of queries) {
    const answers = await Promise.all(compared.map(([, m]) => m(q)));
    compared.forEach(([name], j) => {
      if (JSON.stringify(answers[j]) === JSON.stringify(answers[0])) agreement[name] = (agreement[name] ?? 0) + 1;
    });
  }
  r.rankingAgreement = Object.fromEntries(compared.map(([name]) => [name, `${agreement[name] ?? 0}/${QUERIES}`]));
  const each = (fn: (q: RankQuery) => Promise<string[]>) => (i: number) => fn(queries[i % queries.length]!);
  const all = Object.fromEntries(Object.entries(methods).map(([k, fn]) => [k, each(fn)]));
  const ranking: Record<string, unknown> = {};
  await timedInterleaved(50, all); // warm up
  for (const [k, v] of Object.entries(await timedInterleaved(QUERIES, all))) ranking[`${k}@1`] = percentiles(v);
  for (const [k, fn] of Object.entries(all)) {
    await timed(50, 8, fn);
    ranking[`${k}@8`] = percentiles(await timed(QUERIES, 8, fn));
  }
  r.ranking = ranking;
  log(`ranking ${JSON.stringify(ranking)} agreement ${JSON.stringify(r.rankingAgreement)}`);
  if ("close" in gis) await gis.close();

  const worker = startOutboxWorker(db, search, { listenUrl: values["pg-url"]! });
  Object.assign(r, await measureSyncLag(db, search));
  await worker.stop();
  log(`sync lag ranking ${JSON.stringify(r.syncLagRanking)} directory ${JSON.stringify(r.syncLag)}`);
  log(`indexing batches during it ${JSON.stringify(r.syncBatches)}`);

  if (values.reindex) {
    const t0 = performance.now();
    const re = await reindexSuppliers(db, search, { batchSize: 10_000 });
    r.reindexMs = Math.round(performance.now() - t0);
    r.reindexDocuments = re.documents;
    log(`reindex ${r.reindexMs} ms for ${re.documents} documents`);
  }
} finally {
  r.meilisearchSampled = rss.stop();
  fs.writeFileSync(values.out!, `${JSON.stringify(r, null, 2)}\n`);
  await db.destroy();
}
process.exit(0);
