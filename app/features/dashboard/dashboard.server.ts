import type { DB } from "../../../db/connection.server";
import { ledgerSums, type SumsRow } from "../../../db/ledger.server";
import type { Search } from "../../../search/client.server";
import { nearestWithin, rankingFilter } from "../../../search/ranking.server";
import { and, eq } from "../../../search/filter";
import { outsideSearchRadiusKm } from "../../domain/geo";
import { policyCheck, rate, sumsOn, type Basis, type PolicyCheck, type Sums } from "../../domain/rates";


const sums = (r: SumsRow | undefined, basis: Basis): Sums => sumsOn(r, basis);
const nevSums = (r: SumsRow | undefined, basis: Basis): Sums => sumsOn(r, basis, { nev: true });

export interface OemRow {
  oemId: string;
  nameZh: string;
  nameEn: string | null;
  totalFen: number;
  localFen: number;
  check: PolicyCheck;
}

/** Everything the rates dashboard shows, for one year and basis, scoped to one OEM or all. */
export async function dashboardData(db: DB, opts: { year: number; basis: Basis; oemId?: string }) {
  const { year, basis, oemId } = opts;
  const filter = { oemId };
  const [byYear, byQuarter, byOemYear, byGroup, byCity, oems, groups, places] = await Promise.all([
    ledgerSums(db, ["year"], filter),
    ledgerSums(db, ["quarter"], { ...filter, years: [year] }),
    ledgerSums(db, ["oem", "year"], { ...filter, years: [year, year - 1] }),
    ledgerSums(db, ["group"], { ...filter, years: [year] }),
    ledgerSums(db, ["city"], { ...filter, years: [year] }),
    db.selectFrom("organizations").select(["id", "name_zh", "name_en"]).where("kind", "=", "oem").execute(),
    db.selectFrom("part_categories").select(["code", "name_zh", "name_en"]).where("level", "=", 1).orderBy("code").execute(),
    db.selectFrom("places").select(["adcode", "name_zh", "name_en"]).execute(),
  ]);
  const yearRow = (y: number) => byYear.find((r) => r.year === y);
  const overview = {
    current: sums(yearRow(year), basis),
    previous: sums(yearRow(year - 1), basis),
    check: policyCheck(sums(yearRow(year), basis), sums(yearRow(year - 1), basis), nevSums(yearRow(year), basis)),
    nev: nevSums(yearRow(year), basis),
  };
  const trend = byYear.map((r) => ({ year: r.year!, province: rate(sums(r, "province")), circle: rate(sums(r, "circle")) }));
  const quarters = [1, 2, 3, 4].map((q) => {
    const r = byQuarter.find((x) => x.quarter === q);
    return { quarter: q, ...sums(r, basis), rate: rate(sums(r, basis)) };
  });
  const oemName = new Map(oems.map((o) => [o.id, o]));
  const oemRows: OemRow[] = [...new Set(byOemYear.map((r) => r.oem!))]
    .map((id) => {
      const cur = byOemYear.find((r) => r.oem === id && r.year === year);
      const prev = byOemYear.find((r) => r.oem === id && r.year === year - 1);
      const s = sums(cur, basis);
      return { oemId: id, nameZh: oemName.get(id)?.name_zh ?? id, nameEn: oemName.get(id)?.name_en ?? null, ...s, check: policyCheck(s, sums(prev, basis), nevSums(cur, basis)) };
    })
    .sort((a, b) => (b.check.rate ?? -1) - (a.check.rate ?? -1));
  const groupName = new Map(groups.map((g) => [g.code, g]));
  const groupRows = byGroup.map((r) => ({ code: r.group!, nameZh: groupName.get(r.group!)?.name_zh ?? r.group!, nameEn: groupName.get(r.group!)?.name_en ?? r.group!, ...sums(r, basis), rate: rate(sums(r, basis)) }));
  const placeName = new Map(places.map((p) => [p.adcode, p]));
  const totalYear = overview.current.totalFen;
  const cityRows = byCity
    .map((r) => ({
      adcode: r.city ?? null,
      nameZh: r.city ? placeName.get(r.city)?.name_zh ?? String(r.city) : "吉林省外及未登记",
      nameEn: r.city ? placeName.get(r.city)?.name_en ?? String(r.city) : "Outside Jilin / unregistered",
      totalFen: r.total_fen,
      share: totalYear > 0 ? r.total_fen / totalYear : null,
    }))
    .sort((a, b) => b.totalFen - a.totalFen);
  return { year, basis, overview, trend, quarters, oemRows, groupRows, cityRows };
}

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
