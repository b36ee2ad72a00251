import type { DB } from "../../../db/connection.server";
import type { Search } from "../../../search/client.server";
import { nearestWithin, rankingFilter } from "../../../search/ranking.server";
import { and, eq } from "../../../search/filter";
import { outsideSearchRadiusKm } from "../../domain/geo";

export interface GapRow {
  demandId: string;
  partName: string;
  categoryCode: string;
  categoryZh: string;
  plantZh: string;
  oemZh: string;
  annualVolume: number | null;
  unit: string;
  radiusKm: number;
  verifiedInside: number;
  nearestOutside: { supplierId: string; nameZh: string; distanceKm: number }[];
}

/**
 * 缺链清单: open demands whose category has fewer than `gapMin` verified suppliers
 * inside the demanding plant's circle, with the nearest verified suppliers beyond it.
 */
export async function gapList(db: DB, search: Search, opts: { gapMin: number; oemId?: string; limit?: number }): Promise<GapRow[]> {
  let q = db
    .selectFrom("demands as d")
    .innerJoin("plants as p", "p.id", "d.plant_id")
    .innerJoin("organizations as o", "o.id", "d.oem_id")
    .innerJoin("part_categories as c", "c.code", "d.category_code")
    .select(["d.id", "d.part_name", "d.category_code", "d.annual_volume", "d.unit", "d.radius_km", "p.code as plant_code", "p.name_zh as plant_zh", "o.name_zh as oem_zh", "c.name_zh as category_zh"])
    .where("d.status", "=", "open")
    .orderBy("d.created_at", "desc")
    .limit(opts.limit ?? 100);
  if (opts.oemId) q = q.where("d.oem_id", "=", opts.oemId);
  const demands = await q.execute();
  const rows: GapRow[] = [];
  for (const d of demands) {
    const filter = and(rankingFilter({ category: d.category_code, requiredCerts: [] }), eq("verification_status", "verified"))!;
    const plant = { code: d.plant_code };
    const inside = await nearestWithin(search, filter, plant, d.radius_km, opts.gapMin);
    if (inside.hits.length >= opts.gapMin) continue;
    const outer = await nearestWithin(search, filter, plant, outsideSearchRadiusKm(d.radius_km), inside.hits.length + 3);
    rows.push({
      demandId: d.id, partName: d.part_name, categoryCode: d.category_code, categoryZh: d.category_zh, plantZh: d.plant_zh, oemZh: d.oem_zh,
      annualVolume: d.annual_volume, unit: d.unit, radiusKm: d.radius_km, verifiedInside: inside.hits.length,
      nearestOutside: outer.hits.filter((h) => h.distance_km > d.radius_km).slice(0, 3).map((h) => ({ supplierId: h.supplier_id, nameZh: h.name_zh, distanceKm: Math.round(h.distance_km * 10) / 10 })),
    });
  }
  return rows;
}
