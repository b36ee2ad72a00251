import { sql, type Transaction } from "kysely";
import { boundingBox, EARTH_RADIUS_KM } from "../app/domain/geo";
import type { DB } from "./connection.server";
import type { Database } from "./schema";

type Handle = DB | Transaction<Database>;

export interface PlantWithCircle {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  oem_id: string;
  oem_name_zh: string;
  oem_name_en: string | null;
  lat: number;
  lng: number;
  precision_km: number | null;
  place_zh: string | null;
  place_en: string | null;
  retired_at: Date | null;
  suppliers_in_circle: number;
}

/**
 * Plants (retired ones last) with their OEM, place and the number of suppliers with a site
 * inside the circle that is not closed.
 */
export async function listPlantsWithCircle(db: DB, radiusKm = 100): Promise<PlantWithCircle[]> {
  const plants = await db
    .selectFrom("plants as p")
    .innerJoin("organizations as o", "o.id", "p.oem_id")
    .leftJoin("places as pl", "pl.adcode", "p.adcode")
    .select([
      "p.id",
      "p.code",
      "p.name_zh",
      "p.name_en",
      "p.oem_id",
      "p.lat",
      "p.lng",
      "p.precision_km",
      "o.name_zh as oem_name_zh",
      "o.name_en as oem_name_en",
      "pl.name_zh as place_zh",
      "pl.name_en as place_en",
      "p.retired_at",
    ])
    .orderBy(sql`p.retired_at is not null`)
    .orderBy("p.code")
    .execute();
  return Promise.all(
    plants.map(async (p) => {
      const box = boundingBox(p, radiusKm);
      const row = await db
        .selectFrom("supplier_sites as s")
        .select(sql<number>`count(distinct s.supplier_id)`.as("n"))
        .where("s.operating_status", "!=", "closed")
        .where("s.lat", ">=", box.minLat)
        .where("s.lat", "<=", box.maxLat)
        .where("s.lng", ">=", box.minLng)
        .where("s.lng", "<=", box.maxLng)
        .where(
          sql<boolean>`2 * ${EARTH_RADIUS_KM} * asin(least(1, sqrt(
            power(sin(radians(s.lat - ${p.lat}) / 2), 2) +
            cos(radians(${p.lat})) * cos(radians(s.lat)) * power(sin(radians(s.lng - ${p.lng}) / 2), 2)))) <= ${radiusKm}`,
        )
        .executeTakeFirstOrThrow();
      return { ...p, suppliers_in_circle: Number(row.n) };
    }),
  );
}

const PLANT_COLUMNS = [
  "p.id",
  "p.code",
  "p.oem_id",
  "p.name_zh",
  "p.name_en",
  "p.lat",
  "p.lng",
  "p.adcode",
  "p.precision_km",
  "p.retired_at",
  "p.reference_values",
] as const;

/** One plant by its code, with its OEM's code (any OEM's: administrators manage them all). */
export async function findPlantByCode(db: Handle, code: string) {
  return db
    .selectFrom("plants as p")
    .innerJoin("organizations as o", "o.id", "p.oem_id")
    .select([...PLANT_COLUMNS, "o.code as oem_code"])
    .where("p.code", "=", code)
    .executeTakeFirst();
}

/** Lock one plant for a change (a concurrent move or retirement waits). */
export async function lockPlant(db: Transaction<Database>, plantId: string): Promise<void> {
  await db.selectFrom("plants").select("id").where("id", "=", plantId).forUpdate().execute();
}

/** An OEM's plants, retired ones included, with their place, for the administrators' page. */
export async function listPlantsOfOemForAdmin(db: Handle, oemId: string) {
  return db
    .selectFrom("plants as p")
    .leftJoin("places as pl", "pl.adcode", "p.adcode")
    .select([...PLANT_COLUMNS, "pl.name_zh as place_zh", "pl.name_en as place_en"])
    .where("p.oem_id", "=", oemId)
    .orderBy(sql`p.retired_at is not null`)
    .orderBy("p.code")
    .execute();
}

/** A place a plant may stand in: any county or prefecture of the gazetteer, not a province. */
export async function findPlantPlace(db: Handle, adcode: number) {
  return db
    .selectFrom("places")
    .select(["adcode", "name_zh", "name_en", "level"])
    .where("adcode", "=", adcode)
    .where("level", "!=", "province")
    .executeTakeFirst();
}

export interface PlantRow {
  code: string;
  oemId: string;
  nameZh: string;
  nameEn: string;
  lat: number;
  lng: number;
  adcode: number;
  precisionKm: number;
}

/** Insert a plant: its id, or undefined when the code is taken. */
export async function insertPlant(db: Handle, p: PlantRow): Promise<string | undefined> {
  const row = await db
    .insertInto("plants")
    .values({
      code: p.code,
      oem_id: p.oemId,
      name_zh: p.nameZh,
      name_en: p.nameEn,
      lat: p.lat,
      lng: p.lng,
      adcode: p.adcode,
      precision_km: p.precisionKm,
    })
    .onConflict((oc) => oc.column("code").doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id;
}

/** Set a plant's names and location. */
export async function updatePlantRow(db: Handle, plantId: string, p: Omit<PlantRow, "code" | "oemId">) {
  await db
    .updateTable("plants")
    .set({
      name_zh: p.nameZh,
      name_en: p.nameEn,
      lat: p.lat,
      lng: p.lng,
      adcode: p.adcode,
      precision_km: p.precisionKm,
      updated_at: new Date(),
    })
    .where("id", "=", plantId)
    .execute();
}

/** Retire a plant (once): true when it was active. */
export async function retirePlantRow(db: Handle, plantId: string, userId: string | null): Promise<boolean> {
  const res = await db
    .updateTable("plants")
    .set({ retired_at: new Date(), retired_by: userId, updated_at: new Date() })
    .where("id", "=", plantId)
    .where("retired_at", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Set some of a plant's reference fields (an administrator accepted the reference value). */
export async function setPlantFields(
  db: Handle,
  plantId: string,
  fields: Partial<{
    name_zh: string;
    name_en: string;
    lat: number;
    lng: number;
    adcode: number | null;
    precision_km: number | null;
  }>,
): Promise<void> {
  await db
    .updateTable("plants")
    .set({ ...fields, updated_at: new Date() })
    .where("id", "=", plantId)
    .execute();
}

/** A plant by id with its reference values (for a reference decision). */
export async function findPlantById(db: Handle, plantId: string) {
  return db
    .selectFrom("plants as p")
    .innerJoin("organizations as o", "o.id", "p.oem_id")
    .select([...PLANT_COLUMNS, "o.code as oem_code"])
    .where("p.id", "=", plantId)
    .executeTakeFirst();
}
