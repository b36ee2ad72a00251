// Where the ranking's time goes beyond the raw Meilisearch query (issue 16): the product's
// nearestWithin (a) against the same body sent straight to Meilisearch (a0) and against
// steps in between, interleaved on one client, at one size.
// `node --import tsx tests/bench/overhead.ts --size 100000 --queries 1000`
import { parseArgs } from "node:util";
import { seedSuppliers } from "../../db/seed.server";
import { postJson } from "../../search/http-client.server";
import { nearestWithin, nearestWithinParams, rankingFilter } from "../../search/ranking.server";
import { reindexSuppliers } from "../../search/reindex.server";
import { meiliRaw, type RankQuery } from "./peers";
import { percentiles, timedInterleaved } from "./stats";
import { rankQueries, startBenchStores } from "./dataset";

const { values } = parseArgs({
  options: { size: { type: "string", default: "100000" }, queries: { type: "string", default: "1000" } },
});
const size = Number(values.size);
const N = Number(values.queries);
const stores = await startBenchStores(`overhead-${size}`);
const { meili, db, search } = stores;
try {
  await seedSuppliers(db, { count: size, seed: 2026, batch: 2000 });
  await reindexSuppliers(db, search, { batchSize: 10_000 });
  const queries = await rankQueries(db, N);
  const body = (q: RankQuery) => ({
    q: "",
    ...nearestWithinParams(rankingFilter({ category: q.category, requiredCerts: [] }), q.plant, q.radius, 20),
  });
  const raw = meiliRaw(meili.url, meili.masterKey, search.uid("ranking"));
  const url = new URL(`${meili.url}/indexes/${search.uid("ranking")}/search`);
  const headers = { authorization: `Bearer ${meili.masterKey}` };
  // The warm-up may ask for more calls than there are queries: they wrap around.
  const query = (i: number) => queries[i % queries.length]!;
  const methods: Record<string, (i: number) => Promise<unknown>> = {
    "(a) nearestWithin": (i) =>
      nearestWithin(search, rankingFilter({ category: query(i).category, requiredCerts: [] }), query(i).plant, 100, 20),
    "searchRaw (the product's HTTP path, no mapping)": (i) => search.searchRaw("ranking", body(query(i))),
    "postJson (same path, called directly)": (i) => postJson(url, headers, body(query(i)), 60_000),
    "(a0) node:http, own agent": (i) => raw(body(query(i))),
  };
  await timedInterleaved(100, methods);
  const out = await timedInterleaved(N, methods);
  console.log(`${size} suppliers, ${N} queries each, one client, interleaved (ms):`);
  console.log(`| path | p50 | p95 | p99 |`);
  console.log(`| --- | --- | --- | --- |`);
  for (const [k, v] of Object.entries(out)) {
    const p = percentiles(v);
    console.log(`| ${k} | ${p.p50} | ${p.p95} | ${p.p99} |`);
  }
} finally {
  await stores.stop();
}
process.exit(0);
