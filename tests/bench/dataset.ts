import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb, type DB } from "../../db/connection.server";
import { startEmbeddedPostgres } from "../../db/embedded.server";
import { migrateToLatest } from "../../db/migrate.server";
import { loadReferenceData } from "../../db/reference.server";
import { prng, seedOemsAndPlants } from "../../db/seed.server";
import { createSearch, reconcileIndexes } from "../../search/client.server";
import { startEmbeddedMeili } from "../../search/embedded.server";
import type { RankQuery } from "./peers";

/**
 * A fresh embedded PostgreSQL and Meilisearch in a temporary folder, migrated, with the
 * reference data, the indexes and the OEMs and plants: what every benchmark script starts on.
 */
export async function startBenchStores(name: string, opts: { pool?: number; timeoutMs?: number } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `peitao-${name}-`));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dir: path.join(dir, "pg"), database: "peitao" });
  const meili = await startEmbeddedMeili({ dir: path.join(dir, "meili") });
  const db = createDb(pg.url("peitao"), { max: opts.pool ?? 20 });
  const search = createSearch({
    url: meili.url,
    apiKey: meili.masterKey,
    prefix: "bench_",
    timeoutMs: opts.timeoutMs ?? 60_000,
  });
  await migrateToLatest(db);
  await loadReferenceData(db);
  await reconcileIndexes(search);
  await seedOemsAndPlants(db);
  return {
    dir,
    pg,
    meili,
    db,
    search,
    async stop() {
      await db.destroy();
      await meili.stop();
      await pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The benchmark's ranking queries: a plant, a leaf category and 100 km, drawn from seed 99 (the same in every script). */
export async function rankQueries(db: DB, n: number): Promise<RankQuery[]> {
  const plants = await db.selectFrom("plants").select(["id", "code", "lat", "lng"]).execute();
  const cats = (
    await db.selectFrom("part_categories").select("code").where("level", "=", 2).orderBy("code").execute()
  ).map((c) => c.code);
  const rand = prng(99);
  return Array.from({ length: n }, () => ({
    plant: plants[Math.floor(rand() * plants.length)]!,
    category: cats[Math.floor(rand() * cats.length)]!,
    radius: 100,
  }));
}
