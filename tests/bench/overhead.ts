// Where the ranking's time goes beyond the raw Meilisearch query (issue 16): the product's
// nearestWithin (a) against the same body sent straight to Meilisearch (a0) and against
// steps in between, interleaved on one client, at one size.
// `node --import tsx tests/bench/overhead.ts --size 100000 --queries 1000`
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb } from "../../db/connection.server";
import { startEmbeddedPostgres } from "../../db/embedded.server";
import { migrateToLatest } from "../../db/migrate.server";
import { loadReferenceData } from "../../db/reference.server";
import { prng, seedOemsAndPlants, seedSuppliers } from "../../db/seed.server";
import { createSearch, reconcileIndexes } from "../../search/client.server";
import { startEmbeddedMeili } from "../../search/embedded.server";
import { postJson } from "../../search/http-client.server";
import { nearestWithin, nearestWithinParams, rankingFilter } from "../../search/ranking.server";
import { reindexSuppliers } from "../../search/reindex.server";
import { meiliRaw, type RankQuery } from "./peers";
import { percentiles, timedInterleaved } from "./stats";

const { values } = parseArgs({
  options: { size: { type: "string", default: "100000" }, queries: { type: "string", default: "1000" } },
});
const size = Number(values.size);
const N = Number(values.queries);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), `peitao-overhead-${size}-`));
fs.chmodSync(dir, 0o755);
const pg = await startEmbeddedPostgres({ dir: path.join(dir, "pg"), database: "peitao" });
const meili = await startEmbeddedMeili({ dir: path.join(dir, "meili") });
const db = createDb(pg.url("peitao"), { max: 10 });
const search = createSearch({ url: meili.url, apiKey: meili.masterKey, prefix: "bench_", timeoutMs: 60_000 });
try {
  await migrateToLatest(db);
  await loadReferenceData(db);
  await reconcileIndexes(search);
  await seedOemsAndPlants(db);
  await seedSuppliers(db, { count: size, seed: 2026, batch: 2000 });
  await reindexSuppliers(db, search, { batchSize: 10_000 });
  const plants = await db.selectFrom("plants").select(["id", "code", "lat", "lng"]).execute();
  const cats = (
    await db.selectFrom("part_categories").select("code").where("level", "=", 2).orderBy("code").execute()
  ).map((c) => c.code);
  const rand = prng(99);
  const queries: RankQuery[] = Array.from({ length: N }, () => ({
    plant: plants[Math.floor(rand() * plants.length)]!,
    category: cats[Math.floor(rand() * cats.length)]!,
    radius: 100,
  }));
  const body = (q: RankQuery) => ({
    q: "",
    ...nearestWithinParams(rankingFilter({ category: q.category, requiredCerts: [] }), q.plant, q.radius, 20),
  });
  const raw = meiliRaw(meili.url, meili.masterKey, search.uid("ranking"));
  const url = new URL(`${meili.url}/indexes/${search.uid("ranking")}/search`);
  const headers = { authorization: `Bearer ${meili.masterKey}` };
  const methods: Record<string, (i: number) => Promise<unknown>> = {
    "(a) nearestWithin": (i) =>
      nearestWithin(
        search,
        rankingFilter({ category: queries[i]!.category, requiredCerts: [] }),
        queries[i]!.plant,
        100,
        20,
      ),
    "searchRaw (the product's HTTP path, no mapping)": (i) => search.searchRaw("ranking", body(queries[i]!)),
    "postJson (same path, called directly)": (i) => postJson(url, headers, body(queries[i]!), 60_000),
    "(a0) node:http, own agent": (i) => raw(body(queries[i]!)),
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
  await db.destroy();
  await meili.stop();
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
