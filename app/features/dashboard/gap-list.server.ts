import type { DB } from "../../../db/connection.server";
import { openDemandsWithNames } from "../../../db/stats.server";
import type { Search } from "../../../search/client.server";
import { nearestWithin, rankingFilter } from "../../../search/ranking.server";
import { and, eq } from "../../../search/filter";
import { outsideSearchRadiusKm } from "../../domain/geo";

export interface GapRow {
  demandId: string;
  partName: string;
  categoryCode: string;
  categoryZh: string;
  categoryEn: string | null;
  plantZh: string;
  plantEn: string | null;
  oemZh: string;
  oemEn: string | null;
  annualVolume: number | null;
  unit: string;
  radiusKm: number;
  verifiedInside: number;
  nearestOutside: { supplierId: string; nameZh: string; nameEn: string; distanceKm: number }[];
}

/**
 * 缺链清单: open demands whose category has fewer than `gapMin` verified suppliers
 * inside the demanding plant's circle, with the nearest verified suppliers beyond it.
 */
export async function gapList(
  db: DB,
  search: Search,
  opts: { gapMin: number; oemId?: string; limit?: number },
): Promise<GapRow[]> {
  const demands = await openDemandsWithNames(db, { oemId: opts.oemId, limit: opts.limit ?? 100 });
  const rows: GapRow[] = [];
  for (const d of demands) {
    const filter = and(
      rankingFilter({ category: d.category_code, requiredCerts: [] }),
      eq("verification_status", "verified"),
    )!;
    const plant = { code: d.plant_code };
    const inside = await nearestWithin(search, filter, plant, d.radius_km, opts.gapMin);
    if (inside.hits.length >= opts.gapMin) continue;
    const outer = await nearestWithin(
      search,
      filter,
      plant,
      outsideSearchRadiusKm(d.radius_km),
      inside.hits.length + 3,
    );
    rows.push({
      demandId: d.id,
      partName: d.part_name,
      categoryCode: d.category_code,
      categoryZh: d.category_zh,
      categoryEn: d.category_en,
      plantZh: d.plant_zh,
      plantEn: d.plant_en,
      oemZh: d.oem_zh,
      oemEn: d.oem_en,
      annualVolume: d.annual_volume,
      unit: d.unit,
      radiusKm: d.radius_km,
      verifiedInside: inside.hits.length,
      nearestOutside: outer.hits
        .filter((h) => h.distance_km > d.radius_km)
        .slice(0, 3)
        .map((h) => ({
          supplierId: h.supplier_id,
          nameZh: h.name_zh,
          nameEn: h.name_en,
          distanceKm: Math.round(h.distance_km * 10) / 10,
        })),
    });
  }
  return rows;
}
