import { sql } from "kysely";
import { boundingBox, EARTH_RADIUS_KM } from "../app/domain/geo";
import type { DB } from "./connection.server";

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
  suppliers_in_circle: number;
}

/** Plants with their OEM, place and the number of suppliers with a site inside the circle. */
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
    ])
    .orderBy("p.code")
    .execute();
  return Promise.all(
    plants.map(async (p) => {
      const box = boundingBox(p, radiusKm);
      const row = await db
        .selectFrom("supplier_sites as s")
        .select(sql<number>`count(distinct s.supplier_id)`.as("n"))
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
