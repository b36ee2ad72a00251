import fs from "node:fs";
import { csvRecords } from "../app/lib/import/csv";
import type { DB } from "./connection.server";

const read = (file: string) => fs.readFileSync(new URL(`./reference/${file}`, import.meta.url), "utf8");

export interface PlantRecord {
  code: string;
  name_zh: string;
  name_en: string;
  company: string;
  adcode: number;
  lat: number;
  lng: number;
  precision_km: number;
}

export function plantRecords(): PlantRecord[] {
  return csvRecords(read("oem_plants.csv")).map((r) => ({
    code: r.plant_id!,
    name_zh: r.name_zh!,
    name_en: r.name_en!,
    company: r.company!,
    adcode: Number(r.adcode),
    lat: Number(r.lat),
    lng: Number(r.lng),
    precision_km: Number(r.precision_km),
  }));
}

/** Places and the part taxonomy: upserted on every start, so a newer copy takes effect. */
export async function loadReferenceData(db: DB): Promise<void> {
  // Jilin's gazetteer and the neighbouring provinces' units near its plants (reference/README.md).
  const placeRows = ["jilin_places.csv", "neighbour_places.csv"].flatMap((file) => csvRecords(read(file)));
  const places = placeRows.map((r) => ({
    adcode: Number(r.adcode),
    name_zh: r.name_zh!,
    name_en: r.name_en!,
    name_pinyin: r.name_pinyin!,
    level: r.level!,
    parent_adcode: r.level === "province" ? null : Number(r.parent_adcode),
    lat: Number(r.label_lat),
    lng: Number(r.label_lng),
    area_km2: r.area_km2_approx ? Number(r.area_km2_approx) : null,
  }));
  const categories = csvRecords(read("part_taxonomy.csv")).map((r) => ({
    code: r.code!,
    parent_code: r.parent_code || null,
    level: Number(r.level) as 1 | 2,
    name_zh: r.name_zh!,
    name_en: r.name_en!,
    nev_key: r.nev_key === "true",
    domain: r.domain!,
  }));
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("places")
      .values(places)
      .onConflict((oc) =>
        oc.column("adcode").doUpdateSet((eb) => ({
          name_zh: eb.ref("excluded.name_zh"),
          name_en: eb.ref("excluded.name_en"),
          name_pinyin: eb.ref("excluded.name_pinyin"),
          level: eb.ref("excluded.level"),
          parent_adcode: eb.ref("excluded.parent_adcode"),
          lat: eb.ref("excluded.lat"),
          lng: eb.ref("excluded.lng"),
          area_km2: eb.ref("excluded.area_km2"),
        })),
      )
      .execute();
    // Parents first, so the foreign key holds.
    const ordered = [...categories].sort((a, b) => a.level - b.level);
    await trx
      .insertInto("part_categories")
      .values(ordered)
      .onConflict((oc) =>
        oc.column("code").doUpdateSet((eb) => ({
          parent_code: eb.ref("excluded.parent_code"),
          level: eb.ref("excluded.level"),
          name_zh: eb.ref("excluded.name_zh"),
          name_en: eb.ref("excluded.name_en"),
          nev_key: eb.ref("excluded.nev_key"),
          domain: eb.ref("excluded.domain"),
        })),
      )
      .execute();
  });
}
