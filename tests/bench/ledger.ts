import { importProcurement } from "../../app/features/ledger/import-procurement.server";
import { inJilin, provinceOf } from "../../app/domain/locality";
import type { DB } from "../../db/connection.server";
import { prng } from "../../db/seed.server";

/**
 * `n` deterministic procurement rows spread over every plant, four years and all leaf
 * categories, imported with `importProcurement` as OEM files are: about half from suppliers
 * in Jilin counties (located by county code, so distance and circle are computed), the
 * rest from the neighbouring provinces' counties of the gazetteer (located the same way)
 * and from Liaoning cities by coordinates (Liaoning reaches within 100 km of Siping, so
 * the province alone would not tell the circle).
 */
const LIAONING = [
  { lat: "41.8", lng: "123.43" }, // 沈阳
  { lat: "38.91", lng: "121.61" }, // 大连
  { lat: "41.11", lng: "122.99" }, // 鞍山
  { lat: "42.29", lng: "123.84" }, // 铁岭
];
export async function importBenchLedger(db: DB, n: number): Promise<void> {
  const plants = await db.selectFrom("plants").select(["code", "oem_id"]).orderBy("code").execute();
  const cats = (
    await db.selectFrom("part_categories").select("code").where("level", "=", 2).orderBy("code").execute()
  ).map((c) => c.code);
  const counties = (
    await db
      .selectFrom("places")
      .select("adcode")
      .where("level", "not in", ["province", "prefecture_city", "autonomous_prefecture"])
      .orderBy("adcode")
      .execute()
  ).map((p) => String(p.adcode));
  const jilinCounties = counties.filter((c) => inJilin(c));
  const neighbourCounties = counties.filter((c) => !inJilin(c));
  const rand = prng(2027);
  const byOem = new Map<string, { row: number; record: Record<string, string> }[]>();
  const flush = async (oemId: string) => {
    const records = byOem.get(oemId) ?? [];
    byOem.set(oemId, []);
    if (records.length) {
      const res = await importProcurement({ db, ip: null }, { userId: null, organizationId: oemId }, { records });
      if (res.rejected > 0) throw new Error(`bench ledger rows refused: ${JSON.stringify(res.report.slice(0, 3))}`);
    }
  };
  const acrossBorder = (rand: () => number): Record<string, string> => {
    if (neighbourCounties.length === 0 || rand() >= 0.3)
      return { province: "辽宁省", ...LIAONING[Math.floor(rand() * LIAONING.length)]! };
    const county = neighbourCounties[Math.floor(rand() * neighbourCounties.length)]!;
    return { province: provinceOf(county)!, county };
  };
  for (let g = 0; g < n; g++) {
    const plant = plants[g % plants.length]!;
    const local = rand() < 0.55;
    const record = {
      documentNo: `BENCH-${g}`,
      year: String(2023 + (g % 4)),
      quarter: String(1 + (Math.floor(g / 4) % 4)),
      plant: plant.code,
      category: cats[Math.floor(rand() * cats.length)]!,
      amount: `${1000 + Math.floor(rand() * 500_000)}.00`,
      supplierName: `基准供应商${g % 5000}`,
      ...(local
        ? { province: "吉林省", county: jilinCounties[Math.floor(rand() * jilinCounties.length)]! }
        : acrossBorder(rand)),
    };
    const list = byOem.get(plant.oem_id) ?? [];
    list.push({ row: g, record });
    byOem.set(plant.oem_id, list);
    if (list.length >= 20_000) await flush(plant.oem_id);
  }
  for (const oemId of byOem.keys()) await flush(oemId);
}
