// How the full reindex's time depends on its batch size and on how many batches wait in
// Meilisearch's queue (issue 16: ≤ 3 min at 1M). One data set, each setting in turn:
// `node --import tsx tests/bench/reindex-batches.ts --size 100000 --batches 5000,10000,20000 --in-flight 1,3,8 --formats json,ndjson`
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb } from "../../db/connection.server";
import { startEmbeddedPostgres } from "../../db/embedded.server";
import { migrateToLatest } from "../../db/migrate.server";
import { loadReferenceData } from "../../db/reference.server";
import { seedOemsAndPlants, seedSuppliers } from "../../db/seed.server";
import { createSearch, reconcileIndexes } from "../../search/client.server";
import { startEmbeddedMeili } from "../../search/embedded.server";
import { reindexSuppliers } from "../../search/reindex.server";
import { sampleRss } from "./memory";

const { values } = parseArgs({
  options: {
    size: { type: "string", default: "100000" },
    batches: { type: "string", default: "5000,10000,20000" },
    "in-flight": { type: "string", default: "1,3,8" },
    formats: { type: "string", default: "json" },
  },
});
const size = Number(values.size);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), `peitao-reindex-${size}-`));
fs.chmodSync(dir, 0o755);
const pg = await startEmbeddedPostgres({ dir: path.join(dir, "pg"), database: "peitao" });
const meili = await startEmbeddedMeili({ dir: path.join(dir, "meili") });
const db = createDb(pg.url("peitao"), { max: 10 });
const search = createSearch({ url: meili.url, apiKey: meili.masterKey, prefix: "bench_", timeoutMs: 600_000 });
try {
  await migrateToLatest(db);
  await loadReferenceData(db);
  await reconcileIndexes(search);
  await seedOemsAndPlants(db);
  await seedSuppliers(db, { count: size, seed: 2026, batch: 2000 });
  console.log(
    `| payload | batch size | batches queued | reindex ms | documents/s | Meilisearch RSS peak MiB (mapped files) |`,
  );
  console.log(`| --- | --- | --- | --- | --- | --- |`);
  for (const format of values.formats!.split(",") as ("json" | "ndjson")[])
    for (const batchSize of values.batches!.split(",").map(Number)) {
      for (const inFlight of values["in-flight"]!.split(",").map(Number)) {
        const rss = sampleRss(() => meili.pid());
        const r = await reindexSuppliers(db, search, { batchSize, inFlight, format });
        const peak = rss.stop();
        console.log(
          `| ${format} | ${batchSize} | ${inFlight} | ${r.ms} | ${Math.round((r.documents * 1000) / r.ms)} | ${peak.total} (${peak.file}) |`,
        );
      }
    }
} finally {
  await db.destroy();
  await meili.stop();
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
