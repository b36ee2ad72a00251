import { haversineKm, type LatLng } from "./geo";

/** One site of a supplier offering a category (a supplier with two sites and two categories gives four). */
export interface CategorySite extends LatLng {
  supplier_id: string;
  category_code: string;
  status: "verified" | "pending";
}

export interface ChainPlant extends LatLng {
  id: string;
  oem_id: string;
}

export interface SupplierCell {
  col_kind: "plant" | "oem";
  col_id: string;
  category_code: string;
  verified_inside: number;
  pending_inside: number;
  nearest_verified_km: number | null;
}

/**
 * The chain map's supplier side for the categories in `sites`: per column (each plant, and
 * each OEM with its plants together) and category, the verified and pending suppliers with
 * a site within `circleKm` of the column, and the nearest verified supplier's distance
 * wherever it is. Each supplier counts once per column, at its site nearest to the column's
 * nearest plant. A cell is returned when the category has any supplier at all.
 */
export function supplierCellsOf(sites: readonly CategorySite[], plants: readonly ChainPlant[], circleKm: number) {
  // Each supplier's distance from each plant (its nearest site), once for all its categories.
  const kmBySupplier = new Map<string, number[]>();
  for (const s of sites) {
    let km = kmBySupplier.get(s.supplier_id);
    if (!km) kmBySupplier.set(s.supplier_id, (km = plants.map(() => Infinity)));
    for (let i = 0; i < plants.length; i++) km[i] = Math.min(km[i]!, haversineKm(s, plants[i]!));
  }
  const oems = [...new Set(plants.map((p) => p.oem_id))];
  const plantsOf = oems.map((o) => plants.flatMap((p, i) => (p.oem_id === o ? [i] : [])));
  // Each (supplier, category) once, with its status.
  const members = new Map<string, { supplier: string; category: string; status: CategorySite["status"] }>();
  for (const s of sites) {
    members.set(`${s.supplier_id}|${s.category_code}`, {
      supplier: s.supplier_id,
      category: s.category_code,
      status: s.status,
    });
  }
  const cells = new Map<string, SupplierCell>();
  const add = (kind: SupplierCell["col_kind"], col: string, category: string, status: string, km: number) => {
    const key = `${kind}|${col}|${category}`;
    let c = cells.get(key);
    if (!c) {
      c = {
        col_kind: kind,
        col_id: col,
        category_code: category,
        verified_inside: 0,
        pending_inside: 0,
        nearest_verified_km: null,
      };
      cells.set(key, c);
    }
    if (km <= circleKm) {
      if (status === "verified") c.verified_inside++;
      else c.pending_inside++;
    }
    if (status === "verified" && Number.isFinite(km) && (c.nearest_verified_km === null || km < c.nearest_verified_km))
      c.nearest_verified_km = km;
  };
  for (const m of members.values()) {
    const km = kmBySupplier.get(m.supplier)!;
    plants.forEach((p, i) => add("plant", p.id, m.category, m.status, km[i]!));
    oems.forEach((o, j) => add("oem", o, m.category, m.status, Math.min(...plantsOf[j]!.map((i) => km[i]!))));
  }
  return [...cells.values()];
}
