// The pages alone, for working on them: `node --import tsx tests/bench/pages.ts --size 100000
// [--ledger 1000000] [--seconds 5] [--workers N] [--out pages.json]`. The same data set and
// HTTP measurement as `npm run bench` (tests/bench/http.ts), without the ranking's peers,
// the sync lag and the reindex; `npm run build` first.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { rebuildChainCells } from "../../db/chain.server";
import { seedSuppliers } from "../../db/seed.server";
import { drainOutbox } from "../../search/sync.server";
import { startBenchStores } from "./dataset";
import { measurePages } from "./http";
import { importBenchLedger } from "./ledger";

const { values } = parseArgs({
  options: {
    size: { type: "string", default: "10000" },
    ledger: { type: "string" },
    seconds: { type: "string", default: "5" },
    workers: { type: "string" },
    out: { type: "string" },
  },
});
const size = Number(values.size);
const ledger = Number(values.ledger ?? Math.min(1_000_000, size * 10));
const log = (m: string) => console.log(`[pages] ${m}`);
const stores = await startBenchStores(`pages-${size}`);
try {
  const { db, search } = stores;
  let t0 = performance.now();
  await seedSuppliers(db, { count: size, seed: 2026, batch: 2000 });
  while ((await drainOutbox(db, search)).processed > 0);
  log(`${size} suppliers written and indexed in ${Math.round(performance.now() - t0)} ms`);
  t0 = performance.now();
  await importBenchLedger(db, ledger);
  await sql`analyze ledger_entries`.execute(db);
  await rebuildChainCells(db);
  log(`${ledger} ledger entries imported in ${Math.round(performance.now() - t0)} ms`);
  const pages = await measurePages(stores, { seconds: Number(values.seconds), workers: values.workers });
  const result = { started: new Date().toISOString(), size, ledger, seconds: Number(values.seconds), ...pages };
  for (const [page, v] of Object.entries(pages.http)) log(`${page} ${JSON.stringify(v)}`);
  if (values.out) fs.writeFileSync(values.out, JSON.stringify(result, null, 2) + "\n");
} finally {
  await stores.stop();
}
