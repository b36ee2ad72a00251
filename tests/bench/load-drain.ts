// How the initial load through the outbox depends on the rows one drain takes and the
// suppliers per Meilisearch task (issue 16: ≤ 5 min at 1M). One data set; for each setting
// both indexes start empty and every supplier's outbox row is pending again:
// `node --import tsx tests/bench/load-drain.ts --size 100000 --rows 5000,20000 --per-task 2500,5000`
import { parseArgs } from "node:util";
import { seedSuppliers } from "../../db/seed.server";
import { startBenchStores } from "./dataset";
import { drainOutbox } from "../../search/sync.server";
import { reindexSuppliers } from "../../search/reindex.server";
import { reconcileIndexes, settle } from "../../search/client.server";
import { sampleRss } from "./memory";
import { batchDurations, longestBatchTrace } from "./batches";

const { values } = parseArgs({
  options: {
    size: { type: "string", default: "100000" },
    rows: { type: "string", default: "5000,20000" },
    "per-task": { type: "string", default: "2500,5000" },
    /** Then time one full reindex (default settings) on the loaded indexes. */
    reindex: { type: "boolean", default: false },
  },
});
const size = Number(values.size);
const stores = await startBenchStores(`load-${size}`, { pool: 10, timeoutMs: 600_000 });
const { meili, db, search } = stores;
try {
  await seedSuppliers(db, { count: size, seed: 2026, batch: 2000 });
  const traces: string[] = [];
  console.log(
    `| rows a drain | suppliers a task | load ms | suppliers/s | Meilisearch batches (ranking / directory) | RSS peak MiB (mapped files) |`,
  );
  console.log(`| --- | --- | --- | --- | --- | --- |`);
  for (const rows of values.rows!.split(",").map(Number))
    for (const perTask of values["per-task"]!.split(",").map(Number)) {
      for (const name of ["suppliers", "ranking"] as const)
        await settle(search, search.client.deleteIndex(search.uid(name)));
      await reconcileIndexes(search);
      await db.updateTable("search_outbox").set({ processed_at: null }).execute();
      const since = new Date();
      const rss = sampleRss(() => meili.pid());
      const t0 = performance.now();
      while ((await drainOutbox(db, search, rows, perTask)).processed > 0);
      const ms = Math.round(performance.now() - t0);
      const peak = rss.stop();
      const batches = await batchDurations(search, since);
      const of = (name: "ranking" | "suppliers") => {
        const b = batches[search.uid(name)];
        return b ? `${b.n} (p50 ${b.p50} ms, max ${b.max} ms)` : "0";
      };
      console.log(
        `| ${rows} | ${perTask} | ${ms} | ${Math.round((size * 1000) / ms)} | ${of("ranking")} / ${of("suppliers")} | ${peak.total} (${peak.file}) |`,
      );
      traces.push(`rows ${rows}, ${perTask} a task:`);
      for (const name of ["ranking", "suppliers"] as const) {
        const t = await longestBatchTrace(search, since, search.uid(name), 100);
        if (t)
          traces.push(
            `  ${name} longest batch ${t.ms} ms: ${t.steps.map(([k, v]) => `${k} ${Math.round(v)}`).join("; ")}`,
          );
      }
    }
  console.log(traces.join("\n"));
  if (values.reindex) {
    const since = new Date();
    const rss = sampleRss(() => meili.pid());
    const r = await reindexSuppliers(db, search, {
      onProgress: (p) => process.stderr.write(`reindex ${p.documents}/${p.total} in ${p.elapsedMs} ms\n`),
    });
    const peak = rss.stop();
    const b = await batchDurations(search, since);
    console.log(
      `reindex: ${r.documents} documents in ${r.ms} ms; RSS peak ${peak.total} MiB (${peak.file} mapped); batches ${JSON.stringify(b)}`,
    );
  }
} finally {
  await stores.stop();
}
process.exit(0);
