import type { DB } from "../../../db/connection.server";
import {
  drillEntries,
  drillNames,
  drillSums,
  supplierNames,
  type DrillKey,
  type DrillSumsRow,
} from "../../../db/dashboard.server";
import { compareYear, yearCoverage, type Coverage, type YearComparison } from "../../domain/partial-year";
import type { Basis } from "../../domain/rates";
import type { DashboardQuery } from "./schemas";

export interface Named {
  nameZh: string;
  nameEn: string | null;
}

export interface DrillRow extends Named {
  key: string;
  /** The query a click on the row adds (drilling one level down); none at the last level. */
  next: { oem?: string; plant?: string; category?: string } | null;
  entries: number;
  cmp: YearComparison;
}

export interface DrillEntry {
  id: number;
  source: string;
  documentNo: string | null;
  quarter: number | null;
  plant: Named | null;
  category: Named & { code: string };
  supplier: Named;
  amountFen: string;
  local: boolean;
  unknown: boolean;
}

export interface Drill {
  /** What the rows are: OEMs, plants, categories, or a category's suppliers. */
  level: DrillKey;
  year: number;
  basis: Basis;
  /** The year's coverage in the drill's scope: a partial year compares with the same quarters. */
  coverage: Coverage;
  /** Where the drill stands (each step's id or code and name), for the breadcrumbs and exports. */
  at: {
    oem?: Named & { id: string };
    plant?: Named & { code: string };
    category?: Named & { code: string };
  };
  /** Query values that named no OEM, plant or category (ignored, and said so). */
  unknown: ("oem" | "plant" | "category")[];
  rows: DrillRow[];
  /** The whole scope: the province (全省合计), an OEM, a plant or a category. */
  total: YearComparison & { entries: number };
  entries: { rows: DrillEntry[]; total: number } | null;
}

/** Entries listed at the last level of the drill-down. */
export const ENTRY_LIMIT = 200;

const name = (r: { name_zh: string; name_en: string | null } | undefined, fallback: string): Named => ({
  nameZh: r?.name_zh ?? fallback,
  nameEn: r?.name_en ?? (r ? null : fallback),
});

/**
 * The dashboard's drill-down for one year and basis: OEM → plant → category → suppliers
 * and entries, or per plant or per category across the province (`view`). OEM users see
 * only their own OEM (`scopeOemId`), whatever the query says.
 */
export async function drillData(
  db: DB,
  q: Pick<DashboardQuery, "view" | "oem" | "plant" | "category"> & { year: number; basis: Basis; scopeOemId?: string },
): Promise<Drill> {
  const names = await drillNames(db);
  const unknown: Drill["unknown"] = [];
  const at: Drill["at"] = {};
  const oemById = new Map(names.oems.map((o) => [o.id, o]));
  const plantByCode = new Map(names.plants.map((p) => [p.code, p]));
  const plantById = new Map(names.plants.map((p) => [p.id, p]));
  const categoryByCode = new Map(names.categories.filter((c) => c.parent_code !== null).map((c) => [c.code, c]));

  let oemId = q.scopeOemId;
  if (q.oem && !q.scopeOemId) {
    if (oemById.has(q.oem)) oemId = q.oem;
    else unknown.push("oem");
  }
  let plantId: string | undefined;
  if (q.plant) {
    const p = plantByCode.get(q.plant);
    if (p && (!oemId || p.oem_id === oemId)) {
      plantId = p.id;
      oemId ??= p.oem_id;
      at.plant = { code: p.code, ...name(p, p.code) };
    } else unknown.push("plant");
  }
  if (oemId && (q.oem || plantId || q.scopeOemId)) at.oem = { id: oemId, ...name(oemById.get(oemId), oemId) };
  let category: string | undefined;
  if (q.category) {
    const c = categoryByCode.get(q.category);
    if (c) {
      category = c.code;
      at.category = { code: c.code, ...name(c, c.code) };
    } else unknown.push("category");
  }

  const level: DrillKey = category
    ? "supplier"
    : plantId
      ? "category"
      : oemId && q.oem && q.view === "oem"
        ? "plant"
        : q.view;
  const filters = { oemId, plantId, category, years: [q.year, q.year - 1] };
  const sums = await drillSums(db, level, filters);
  const coverage = yearCoverage(sums, q.year);
  const byKey = new Map<string, DrillSumsRow[]>();
  for (const r of sums) {
    const k = r.key ?? "";
    byKey.set(k, [...(byKey.get(k) ?? []), r]);
  }
  const entriesIn = (rows: DrillSumsRow[]) => rows.filter((r) => r.year === q.year).reduce((n, r) => n + r.entries, 0);

  const suppliers =
    level === "supplier"
      ? new Map(
          (
            await supplierNames(
              db,
              [...byKey.keys()].filter((k) => !k.startsWith("name:") && k !== ""),
            )
          ).map((s) => [s.id, s]),
        )
      : new Map<string, { name_zh: string; name_en: string | null }>();
  const rowName = (key: string): Named => {
    if (level === "oem") return name(oemById.get(key), key);
    if (level === "plant") return name(plantById.get(key), key);
    if (level === "category") return name(categoryByCode.get(key), key);
    if (key.startsWith("name:")) return { nameZh: key.slice(5), nameEn: key.slice(5) };
    return name(suppliers.get(key), key);
  };
  const next = (key: string): DrillRow["next"] => {
    if (level === "oem") return { oem: key };
    if (level === "plant") {
      const p = plantById.get(key);
      return p ? { oem: p.oem_id, plant: p.code } : null;
    }
    if (level === "category")
      return { ...(oemId ? { oem: oemId } : {}), ...(at.plant ? { plant: at.plant.code } : {}), category: key };
    return null;
  };
  const rows: DrillRow[] = [...byKey.entries()]
    .filter(([key]) => key !== "")
    .map(([key, rs]) => ({
      key,
      ...rowName(key),
      next: next(key),
      entries: entriesIn(rs),
      cmp: compareYear(rs, q.year, q.basis, coverage),
    }))
    .sort((a, b) => {
      if (level !== "supplier") return (b.cmp.check.rate ?? -1) - (a.cmp.check.rate ?? -1);
      const [x, y] = [a.cmp.current.totalFen, b.cmp.current.totalFen];
      return x === y ? 0 : x < y ? 1 : -1;
    });
  const total = { ...compareYear(sums, q.year, q.basis, coverage), entries: entriesIn(sums) };

  let entries: Drill["entries"] = null;
  if (level === "supplier") {
    const found = await drillEntries(db, { oemId, plantId, category, year: q.year }, ENTRY_LIMIT);
    entries = {
      total: found.total,
      rows: found.rows.map((e) => {
        const cat = categoryByCode.get(e.category_code);
        return {
          id: e.id,
          source: e.source,
          documentNo: e.document_no,
          quarter: e.period_quarter,
          plant: e.plant_code ? { nameZh: e.plant_zh ?? e.plant_code, nameEn: e.plant_en } : null,
          category: { code: e.category_code, ...name(cat, e.category_code) },
          supplier: e.supplier_zh
            ? { nameZh: e.supplier_zh, nameEn: e.supplier_en }
            : { nameZh: e.outside_supplier_name ?? "—", nameEn: e.outside_supplier_name ?? "—" },
          amountFen: String(e.amount_fen),
          local: q.basis === "province" ? e.supplier_in_jilin : e.inside_circle,
          unknown: q.basis === "province" ? e.province_unknown : e.circle_unknown,
        };
      }),
    };
  }
  return { level, year: q.year, basis: q.basis, coverage, at, unknown, rows, total, entries };
}
