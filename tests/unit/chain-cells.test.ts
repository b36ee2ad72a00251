import { describe, expect, it } from "vitest";
import { supplierCellsOf, type CategorySite } from "../../app/domain/chain-cells";

// Two plants of one OEM on the equator, 1° of longitude apart (111.19492664 km with R =
// 6371 km), and a plant of another OEM far away. Suppliers stand on the equator too, so each
// distance is Δlng × 111.19492664 km. Figures worked out by hand.
const plants = [
  { id: "P1", oem_id: "O1", lat: 0, lng: 0 },
  { id: "P2", oem_id: "O1", lat: 0, lng: 1 },
  { id: "P3", oem_id: "O2", lat: 0, lng: 10 },
];
const site = (
  supplier: string,
  category: string,
  lng: number,
  status: "verified" | "pending" = "verified",
): CategorySite => ({
  supplier_id: supplier,
  category_code: category,
  status,
  lat: 0,
  lng,
});

describe("supplierCellsOf", () => {
  const cells = supplierCellsOf(
    [
      // S1: two sites (0.5° and 3° east of P1), two categories: counted once per column, at its nearest site.
      site("S1", "A01", 0.5),
      site("S1", "A01", 3),
      site("S1", "A02", 0.5),
      site("S1", "A02", 3),
      // S2 pending at 1.5° (55.6 km from P2, 166.8 km from P1).
      site("S2", "A01", 1.5, "pending"),
      // S3 verified at 2.2° (133.4 km from P2, 244.6 from P1).
      site("S3", "A01", 2.2),
    ],
    plants,
    100,
  );
  const cell = (kind: string, col: string, cat: string) =>
    cells.find((c) => c.col_kind === kind && c.col_id === col && c.category_code === cat);

  it("counts verified and pending inside each plant's circle, once per supplier, and the nearest verified", () => {
    expect(cell("plant", "P1", "A01")).toMatchObject({ verified_inside: 1, pending_inside: 0 });
    expect(cell("plant", "P1", "A01")!.nearest_verified_km).toBeCloseTo(55.597, 3); // S1 at 0.5°
    expect(cell("plant", "P2", "A01")).toMatchObject({ verified_inside: 1, pending_inside: 1 });
    expect(cell("plant", "P2", "A01")!.nearest_verified_km).toBeCloseTo(55.597, 3); // S1, 0.5° west of P2
    expect(cell("plant", "P3", "A01")).toMatchObject({ verified_inside: 0, pending_inside: 0 });
    expect(cell("plant", "P3", "A01")!.nearest_verified_km).toBeCloseTo(7 * 111.19492664, 3); // S1's site at 3°
  });

  it("an OEM column takes each supplier at its nearest plant of the OEM", () => {
    // O1: S1 (55.6 km from both), S2 pending (55.6 from P2), S3 (133.4 from P2: outside).
    expect(cell("oem", "O1", "A01")).toMatchObject({ verified_inside: 1, pending_inside: 1 });
    expect(cell("oem", "O1", "A02")).toMatchObject({ verified_inside: 1, pending_inside: 0 });
    expect(
      cells
        .filter((c) => c.col_kind === "oem")
        .map((c) => c.col_id)
        .sort(),
    ).toEqual(["O1", "O1", "O2", "O2"]);
  });

  it("gives no cell to a category without suppliers, and a null nearest when none is verified", () => {
    expect(cell("plant", "P1", "A03")).toBeUndefined();
    const pendingOnly = supplierCellsOf([site("S9", "B01", 0.1, "pending")], plants, 100);
    expect(pendingOnly.find((c) => c.col_id === "P1")).toMatchObject({
      verified_inside: 0,
      pending_inside: 1,
      nearest_verified_km: null,
    });
  });
});
