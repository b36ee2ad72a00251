import type { DB } from "./connection.server";

export interface PlatformCounts {
  suppliers: number;
  verifiedSuppliers: number;
  oems: number;
  plants: number;
  categories: number;
  /** Suppliers of the demo data (示例); none on a deployment started with PEITAO_SEED=none. */
  sampleSuppliers: number;
}

/** Live counts for the home page, straight from PostgreSQL. */
export async function platformCounts(db: DB): Promise<PlatformCounts> {
  const orgs = await db
    .selectFrom("organizations")
    .select((eb) => [
      eb.fn.count<number>("id").filterWhere("kind", "=", "supplier").as("suppliers"),
      eb.fn
        .count<number>("id")
        .filterWhere((w) => w.and([w("kind", "=", "supplier"), w("verification_status", "=", "verified")]))
        .as("verified"),
      eb.fn.count<number>("id").filterWhere("kind", "=", "oem").as("oems"),
      eb.fn
        .count<number>("id")
        .filterWhere((w) => w.and([w("kind", "=", "supplier"), w("is_sample", "=", true)]))
        .as("samples"),
    ])
    .executeTakeFirstOrThrow();
  const plants = await db
    .selectFrom("plants")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const categories = await db
    .selectFrom("part_categories")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("level", "=", 2)
    .executeTakeFirstOrThrow();
  return {
    suppliers: Number(orgs.suppliers),
    verifiedSuppliers: Number(orgs.verified),
    oems: Number(orgs.oems),
    plants: Number(plants.n),
    categories: Number(categories.n),
    sampleSuppliers: Number(orgs.samples),
  };
}

// The officials' dashboard: names for its aggregates, the demands of its gap list, the
// points of its map. Figures themselves come from ledgerSums (db/ledger.server.ts).

/** Every OEM's names. */
export function oemNames(db: DB) {
  return db.selectFrom("organizations").select(["id", "name_zh", "name_en"]).where("kind", "=", "oem").execute();
}

/** The category groups (level 1) with their names, by code. */
export function categoryGroupNames(db: DB) {
  return db
    .selectFrom("part_categories")
    .select(["code", "name_zh", "name_en"])
    .where("level", "=", 1)
    .orderBy("code")
    .execute();
}

/** Every place's names (cities are looked up among them). */
export function placeNames(db: DB) {
  return db.selectFrom("places").select(["adcode", "name_zh", "name_en"]).execute();
}

/** Open demands, newest first, with plant, OEM and category names (one OEM's, or all). */
export function openDemandsWithNames(db: DB, opts: { oemId?: string; limit: number }) {
  let q = db
    .selectFrom("demands as d")
    .innerJoin("plants as p", "p.id", "d.plant_id")
    .innerJoin("organizations as o", "o.id", "d.oem_id")
    .innerJoin("part_categories as c", "c.code", "d.category_code")
    .select([
      "d.id",
      "d.part_name",
      "d.category_code",
      "d.annual_volume",
      "d.unit",
      "d.radius_km",
      "p.code as plant_code",
      "p.name_zh as plant_zh",
      "p.name_en as plant_en",
      "o.name_zh as oem_zh",
      "o.name_en as oem_en",
      "c.name_zh as category_zh",
      "c.name_en as category_en",
    ])
    .where("d.status", "=", "open")
    .orderBy("d.created_at", "desc")
    .limit(opts.limit);
  if (opts.oemId) q = q.where("d.oem_id", "=", opts.oemId);
  return q.execute();
}

/** Up to `limit` supplier sites, each with its first category's group (for the map's colour). */
export function supplierSitePoints(db: DB, limit: number) {
  return db
    .selectFrom("supplier_sites as s")
    .innerJoin("supplier_categories as sc", "sc.supplier_id", "s.supplier_id")
    .innerJoin("part_categories as c", "c.code", "sc.category_code")
    .innerJoin("organizations as o", "o.id", "s.supplier_id")
    .distinctOn("s.id")
    .select(["s.id", "s.lat", "s.lng", "c.parent_code as group", "o.name_zh", "o.name_en"])
    .orderBy("s.id")
    .orderBy("sc.category_code")
    .limit(limit)
    .execute();
}
