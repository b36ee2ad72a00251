import type { DB } from "./connection.server";

/** The taxonomy, groups first then leaves, in code order. */
export async function listCategories(db: DB) {
  return db
    .selectFrom("part_categories")
    .select(["code", "parent_code", "level", "name_zh", "name_en", "nev_key"])
    .orderBy("code")
    .execute();
}

/** The gazetteer: provinces (Jilin and the neighbours'), prefecture-level cities and counties. */
export async function listPlaces(db: DB) {
  return db
    .selectFrom("places")
    .select(["adcode", "name_zh", "name_en", "level", "parent_adcode", "lat", "lng"])
    .orderBy("adcode")
    .execute();
}

/** The plants suppliers are ranked against (not retired), with their OEM. */
export async function listPlantsBasic(db: DB) {
  return db
    .selectFrom("plants as p")
    .innerJoin("organizations as o", "o.id", "p.oem_id")
    .select([
      "p.id",
      "p.code",
      "p.name_zh",
      "p.name_en",
      "p.lat",
      "p.lng",
      "p.oem_id",
      "o.name_zh as oem_name_zh",
      "o.name_en as oem_name_en",
    ])
    .where("p.retired_at", "is", null)
    .orderBy("p.code")
    .execute();
}
