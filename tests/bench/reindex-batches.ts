// How the full reindex's time depends on its batch size and on how many batches wait in
// Meilisearch's queue (issue 16: ≤ 3 min at 1M). One data set, each setting in turn:
// `node --import tsx tests/bench/reindex-batches.ts --size 100000 --batches 5000,10000,20000 --in-flight 1,3,8 --formats json,ndjson`
import { parseArgs } from "node:util";
import { seedSuppliers } from "../../db/seed.server";
import { startBenchStores } from "./dataset";
import { reindexSuppliers } from "../../search/reindex.server";
import { loadSupplierDocuments } from "../../search/documents.server";
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
const stores = await startBenchStores(`reindex-${size}`, { pool: 10, timeoutMs: 600_000 });
const { meili, db, search } = stores;
try {
  await seedSuppliers(db, { count: size, seed: 2026, batch: 2000 });
  // The floor under any reindex: reading every document from PostgreSQL and building it, no Meilisearch.
  for (const batchSize of values.batches!.split(",").map(Number)) {
    const t0 = performance.now();
    let afterSupplier: string | null = null;
    let n = 0;
    for (;;) {
      const docs = await loadSupplierDocuments(db, { afterSupplier, suppliers: batchSize });
      if (docs.lastSupplier === null) break;
      n += docs.directory.length;
      afterSupplier = docs.lastSupplier;
    }
    const ms = Math.round(performance.now() - t0);
    console.log(
      `read and build only, batches of ${batchSize} suppliers: ${n} documents in ${ms} ms (${Math.round((n * 1000) / ms)}/s)`,
    );
  }
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
  await stores.stop();
}
process.exit(0);
