// The ranking's peers in the benchmark, each on the same data as Peitao's own ranking:
// (a0) Peitao's own query sent straight to Meilisearch, (b) Meilisearch's _geoRadius filter and _geoPoint sort, (c) a PostgreSQL haversine
// query, (d) PostGIS ST_DWithin with a KNN `<->` order on a GiST index.
import http from "node:http";
import pg from "pg";
import { sql } from "kysely";
import { boundingBox, EARTH_RADIUS_KM, haversineKm, type LatLng } from "../../app/domain/geo";
import type { DB } from "../../db/connection.server";
import { settle, type Search } from "../../search/client.server";
import { loadSupplierDocuments } from "../../search/documents.server";
import { and } from "../../search/filter";

export interface RankQuery {
  plant: LatLng & { code: string };
  category: string;
  radius: number;
}

/** Sort key shared by every method: distance, then supplier id. */
const byDistance = (a: { km: number; id: string }, b: { km: number; id: string }) =>
  a.km - b.km || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

// ---------------------------------------------------------------------------- (a0)

/**
 * (a)'s search body sent straight to Meilisearch: node:http on a keep-alive socket, Nagle
 * off, the answer parsed and its supplier ids read, nothing else. (a) − (a0) is what the
 * product adds on top of Meilisearch (its client, filter building, the hits' mapping).
 */
export function meiliRaw(url: string, apiKey: string, uid: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const target = new URL(`${url}/indexes/${encodeURIComponent(uid)}/search`);
  return (body: object): Promise<string[]> => {
    const text = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        target,
        {
          method: "POST",
          agent,
          headers: {
            "content-type": "application/json",
            authorization: `Bearer ${apiKey}`,
            "content-length": Buffer.byteLength(text),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", reject);
          res.on("end", () => {
            const answer = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { hits?: { supplier_id: string }[] };
            if (res.statusCode !== 200 || !answer.hits) return reject(new Error(`Meilisearch ${res.statusCode}`));
            resolve(answer.hits.map((h) => h.supplier_id));
          });
        },
      );
      req.setNoDelay(true);
      req.on("error", reject);
      req.end(text);
    });
  };
}

// ---------------------------------------------------------------------------- (b)

/** A copy of the suppliers index with `_geo` filterable and sortable, which Peitao's own index leaves out. */
export async function buildGeoIndex(db: DB, search: Search, uid: string, batch = 10_000): Promise<number> {
  await settle(search, search.client.createIndex(uid, { primaryKey: "id" }));
  await settle(
    search,
    search.client.index(uid).updateSettings({
      distinctAttribute: "supplier_id",
      // As (a)'s ranking index: no words to index (the peer at its strongest).
      searchableAttributes: [],
      prefixSearch: "disabled",
      filterableAttributes: [
        "supplier_id",
        "category_codes",
        "category_groups",
        "certifications",
        "verification_status",
        "site_status",
        "_geo",
      ],
      sortableAttributes: ["_geo", "supplier_id"],
    }),
  );
  let afterSupplier: string | null = null;
  let n = 0;
  let last: ReturnType<ReturnType<Search["client"]["index"]>["addDocuments"]> | undefined;
  for (;;) {
    const { directory: docs, lastSupplier } = await loadSupplierDocuments(db, { afterSupplier, suppliers: batch });
    if (lastSupplier === null) break;
    afterSupplier = lastSupplier;
    if (docs.length === 0) continue;
    if (last) await settle(search, last, 600_000);
    last = search.client
      .index(uid)
      .addDocuments(docs.map(({ plant_hm: _p, location, ...d }) => ({ ...d, location, _geo: location })));
    n += docs.length;
  }
  if (last) await settle(search, last, 600_000);
  return n;
}

export async function meiliGeoRadius(
  search: Search,
  uid: string,
  filter: string,
  q: RankQuery,
  k: number,
): Promise<string[]> {
  const res = await search.client.index(uid).search("", {
    filter: and(filter, `_geoRadius(${q.plant.lat}, ${q.plant.lng}, ${Math.round(q.radius * 1000)})`),
    sort: [`_geoPoint(${q.plant.lat}, ${q.plant.lng}):asc`, "supplier_id:asc"],
    // Meilisearch measures on its own sphere and rounds to whole metres: a few more than
    // k, re-measured with Peitao's haversine, so near-ties are ordered the same way.
    limit: k + 10,
    attributesToRetrieve: [
      "supplier_id",
      "name_zh",
      "name_en",
      "verification_status",
      "certifications",
      "category_codes",
      "county_adcode",
      "city_adcode",
      "is_sample",
      "location",
    ],
  });
  return res.hits
    .map((h) => ({ id: h.supplier_id as string, km: haversineKm(q.plant, h.location as LatLng) }))
    .filter((h) => h.km <= q.radius)
    .sort(byDistance)
    .slice(0, k)
    .map((h) => h.id);
}

// ---------------------------------------------------------------------------- (c)

export async function pgHaversine(db: DB, q: RankQuery, k: number): Promise<string[]> {
  const box = boundingBox(q.plant, q.radius);
  const dist = sql<number>`2 * ${EARTH_RADIUS_KM} * asin(least(1, sqrt(power(sin(radians(s.lat - ${q.plant.lat}) / 2), 2) + cos(radians(${q.plant.lat})) * cos(radians(s.lat)) * power(sin(radians(s.lng - ${q.plant.lng}) / 2), 2))))`;
  const rows = await db
    .selectFrom("supplier_sites as s")
    .innerJoin("supplier_categories as sc", (j) =>
      j.onRef("sc.supplier_id", "=", "s.supplier_id").on("sc.category_code", "=", q.category),
    )
    .innerJoin("organizations as o", "o.id", "s.supplier_id")
    .select(["s.supplier_id", sql<number>`min(${dist})`.as("km")])
    .where("o.verification_status", "!=", "rejected")
    .where("s.operating_status", "!=", "closed")
    .where("s.lat", ">=", box.minLat)
    .where("s.lat", "<=", box.maxLat)
    .where("s.lng", ">=", box.minLng)
    .where("s.lng", "<=", box.maxLng)
    .where(dist, "<=", q.radius)
    .groupBy("s.supplier_id")
    .orderBy("km")
    .orderBy("s.supplier_id")
    .limit(k)
    .execute();
  return rows.map((x) => x.supplier_id);
}

// ---------------------------------------------------------------------------- (d)

export interface PostGis {
  rank: (q: RankQuery, k: number) => Promise<string[]>;
  version: string;
  rows: number;
  loadMs: number;
  close: () => Promise<void>;
}

/**
 * Copy every supplier site (one row per site and category) into a fresh database on a
 * PostgreSQL server with PostGIS, with a GiST index on (category, geography); null with the
 * reason when that server or its PostGIS is not there.
 */
export async function setupPostGis(db: DB, adminUrl: string, database: string): Promise<PostGis | { skipped: string }> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
  } catch (err) {
    return { skipped: `no PostgreSQL at ${adminUrl.replace(/\/\/[^@]*@/, "//")} (${String(err)})` };
  }
  try {
    const avail = await admin.query("select 1 from pg_available_extensions where name = 'postgis'");
    if (avail.rowCount === 0)
      return { skipped: "the external PostgreSQL has no PostGIS (Debian: apt-get install postgresql-15-postgis-3)" };
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.query(`create database ${database}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 10 });
  const t0 = performance.now();
  await pool.query("create extension postgis; create extension btree_gist");
  const version = (await pool.query("select postgis_lib_version() as v")).rows[0].v as string;
  await pool.query(
    `create table site_cat (supplier_id uuid not null, category_code text not null, rejected boolean not null, geog geography(Point, 4326) not null)`,
  );
  let after = "00000000-0000-0000-0000-000000000000";
  let rows = 0;
  for (;;) {
    const batch = await db
      .selectFrom("supplier_sites as s")
      .innerJoin("organizations as o", "o.id", "s.supplier_id")
      .select([
        "s.id",
        "s.supplier_id",
        "s.lat",
        "s.lng",
        "o.verification_status",
        sql<
          string[]
        >`coalesce((select array_agg(sc.category_code) from supplier_categories sc where sc.supplier_id = s.supplier_id), '{}')`.as(
          "cats",
        ),
      ])
      .where("s.id", ">", after)
      .where("s.operating_status", "!=", "closed") // a closed site is never ranked, as in (a)
      .orderBy("s.id")
      .limit(20_000)
      .execute();
    if (batch.length === 0) break;
    const flat = batch.flatMap((b) =>
      b.cats.map((c) => [b.supplier_id, c, b.verification_status === "rejected", b.lng, b.lat] as const),
    );
    await pool.query(
      `insert into site_cat select s, c, r, ST_SetSRID(ST_MakePoint(x, y), 4326)::geography
       from unnest($1::uuid[], $2::text[], $3::boolean[], $4::float8[], $5::float8[]) as t(s, c, r, x, y)`,
      [
        flat.map((f) => f[0]),
        flat.map((f) => f[1]),
        flat.map((f) => f[2]),
        flat.map((f) => f[3]),
        flat.map((f) => f[4]),
      ],
    );
    rows += flat.length;
    after = batch[batch.length - 1]!.id;
  }
  await pool.query("create index site_cat_knn on site_cat using gist (category_code, geog); analyze site_cat");
  // KNN returns sites; a supplier has at most this many, so k × this rows hold its k nearest suppliers.
  const { rows: m } = await sql<{
    m: number;
  }>`select coalesce(max(n), 1)::int as m from (select count(*) as n from supplier_sites group by supplier_id) x`.execute(
    db,
  );
  const maxSites = m[0]?.m ?? 1;
  // PostGIS's sphere has the mean radius 6371008.8 m; Peitao's haversine uses 6371 km.
  const scale = 6371008.8 / (EARTH_RADIUS_KM * 1000);
  // The textbook KNN form: ORDER BY <-> LIMIT on the GiST index (an index-ordered scan),
  // the radius applied to those nearest rows. (With ST_DWithin inside the KNN query the
  // planner chose a bitmap scan of the whole circle and a sort instead.) Prepared once.
  const rank = async (q: RankQuery, k: number) => {
    const res = await pool.query({
      name: "postgis_knn",
      text: `select supplier_id, min(km) as km from (
         select supplier_id, ST_Distance(geog, p, false) / $4 / 1000 as km
         from site_cat, (select ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography as p) pt
         where category_code = $3 and not rejected
         order by geog <-> p
         limit $5
       ) near where km <= $6 group by supplier_id order by km, supplier_id limit $7`,
      values: [q.plant.lng, q.plant.lat, q.category, scale, k * maxSites, q.radius, k],
    });
    return res.rows.map((r) => r.supplier_id as string);
  };
  return { rank, version, rows, loadMs: Math.round(performance.now() - t0), close: () => pool.end() };
}
