import crypto from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { createDb, type DB } from "../../db/connection.server";
import { migrateToLatest } from "../../db/migrate.server";
import { loadReferenceData } from "../../db/reference.server";
import { createSearch, reconcileIndexes, type Search } from "../../search/client.server";

export interface TestServices {
  db: DB;
  search: Search;
  databaseUrl: string;
  databaseName: string;
  prefix: string;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A fresh database (migrated, with reference data) and a fresh index prefix for one
 * test file, on the run's real servers; both are dropped after the file.
 */
export async function testServices(opts: { reconcile?: boolean } = {}): Promise<TestServices> {
  const id = crypto.randomBytes(5).toString("hex");
  const databaseName = `peitao_t_${id}`;
  const adminUrl = inject("pgAdminUrl");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${databaseName}`);
  await admin.end();

  const databaseUrl = withDatabase(adminUrl, databaseName);
  const db = createDb(databaseUrl, { max: 5 });
  await migrateToLatest(db);
  await loadReferenceData(db);
  const prefix = `t${id}_`;
  const search = createSearch({ url: inject("meiliUrl"), apiKey: inject("meiliKey"), prefix });
  if (opts.reconcile !== false) await reconcileIndexes(search);

  afterAll(async () => {
    await db.destroy();
    const { results } = await search.client.getIndexes({ limit: 1000 });
    for (const index of results.filter((i) => i.uid.startsWith(prefix))) {
      await search.client
        .deleteIndex(index.uid)
        .waitTask()
        .catch(() => {});
    }
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${databaseName} with (force)`);
    await cleanup.end();
  });

  return { db, search, databaseUrl, databaseName, prefix };
}
