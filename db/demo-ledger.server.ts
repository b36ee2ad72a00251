import type { Insertable } from "kysely";
import { haversineKm } from "../app/domain/geo";
import { circleLocality, inJilin, provinceOf } from "../app/domain/locality";
import { cityAdcodeOf } from "../app/domain/places";
import type { DB } from "./connection.server";
import type { Database } from "./schema";
import { prng } from "./seed.server";

const OUTSIDE = [
  { name: "辽宁示例汽车部件有限公司（示例）", province: "辽宁省", lat: 41.8, lng: 123.43 },
  { name: "上海示例电池系统有限公司（示例）", province: "上海市", lat: 31.23, lng: 121.47 },
  { name: "江苏示例精密制造有限公司（示例）", province: "江苏省", lat: 31.3, lng: 120.6 },
  { name: "广东示例电子有限公司（示例）", province: "广东省", lat: 22.54, lng: 114.06 },
  { name: "浙江示例汽配有限公司（示例）", province: "浙江省", lat: 30.27, lng: 120.15 },
  { name: "黑龙江示例铸造有限公司（示例）", province: "黑龙江省", lat: 45.75, lng: 126.63 },
];

/**
 * Believable procurement history for the demo (2023–2026, per quarter, per OEM): local
 * shares that start in the low 40s and rise, so the dashboard has trends and gaps to show.
 * All entries are imports with DEMO- document numbers, deterministic from the seed.
 */
export async function seedDemoLedger(db: DB, seed = 2026): Promise<number> {
  const plants = await db.selectFrom("plants").select(["id", "oem_id", "lat", "lng", "code"]).orderBy("code").execute();
  const suppliers = await db
    .selectFrom("supplier_sites as s")
    .innerJoin("organizations as o", "o.id", "s.supplier_id")
    .leftJoin("places as pl", "pl.adcode", "s.adcode")
    .select([
      "s.supplier_id",
      "s.lat",
      "s.lng",
      "s.adcode",
      "pl.parent_adcode",
      "pl.level",
      (eb) =>
        eb
          .selectFrom("supplier_categories as sc")
          .select("sc.category_code")
          .whereRef("sc.supplier_id", "=", "s.supplier_id")
          .orderBy("sc.category_code")
          .limit(1)
          .as("category"),
    ])
    .where("o.is_sample", "=", true)
    .where("s.is_primary", "=", true)
    .orderBy("s.supplier_id")
    .execute();
  const leaves = await db
    .selectFrom("part_categories")
    .select(["code", "nev_key"])
    .where("level", "=", 2)
    .orderBy("code")
    .execute();
  if (plants.length === 0 || suppliers.length === 0) return 0;
  const rows: Insertable<Database["ledger_entries"]>[] = [];
  plants.forEach((plant, pi) => {
    const rand = prng(seed * 7919 + pi);
    const base = 0.36 + rand() * 0.12;
    for (const year of [2023, 2024, 2025, 2026]) {
      const quarters = year === 2026 ? [1, 2, 3] : [1, 2, 3, 4];
      const share = Math.min(0.85, base + (year - 2023) * (0.015 + rand() * 0.03));
      for (const quarter of quarters) {
        for (let n = 0; n < 6; n++) {
          const amountFen = Math.round(50_000 + rand() * 4_950_000) * 100;
          const local = rand() < share;
          const doc = `DEMO-${plant.code}-${year}Q${quarter}-${n + 1}`;
          if (local) {
            const s = suppliers[Math.floor(rand() * suppliers.length)]!;
            rows.push({
              oem_id: plant.oem_id,
              plant_id: plant.id,
              supplier_id: s.supplier_id,
              // A sample supplier may sit across the border (昌图县): its own province.
              supplier_province: provinceOf(s.adcode) ?? "未知",
              supplier_city_adcode: s.level
                ? cityAdcodeOf({ adcode: s.adcode, level: s.level, parent_adcode: s.parent_adcode })
                : null,
              supplier_in_jilin: inJilin(s.adcode),
              ...circleLocality(haversineKm(plant, s)),
              category_code: s.category ?? leaves[0]!.code,
              amount_fen: amountFen,
              period_year: year,
              period_quarter: quarter,
              source: "import",
              document_no: doc,
            });
          } else {
            const o = OUTSIDE[Math.floor(rand() * OUTSIDE.length)]!;
            const cat = leaves[Math.floor(rand() * leaves.length)]!;
            rows.push({
              oem_id: plant.oem_id,
              plant_id: plant.id,
              outside_supplier_name: o.name,
              supplier_province: o.province,
              supplier_city_adcode: null,
              supplier_in_jilin: false,
              ...circleLocality(haversineKm(plant, o)),
              category_code: cat.code,
              amount_fen: amountFen,
              period_year: year,
              period_quarter: quarter,
              source: "import",
              document_no: doc,
            });
          }
        }
      }
    }
  });
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("ledger_entries")
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.columns(["oem_id", "document_no", "import_revision"]).where("source", "=", "import").doNothing(),
      )
      .execute();
  }
  return rows.length;
}
