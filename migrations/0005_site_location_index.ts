import { sql, type Kysely } from "kysely";

// A btree on site coordinates for bounding-box prefilters (plants page, PostgreSQL peers
// in the benchmark). Never edit after it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index supplier_sites_lat_lng_idx on supplier_sites (lat, lng)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index supplier_sites_lat_lng_idx`.execute(db);
}
