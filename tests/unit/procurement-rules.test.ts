import { describe, expect, it } from "vitest";
import {
  documentDifferences,
  documentOf,
  isCommentRecord,
  localityProblem,
  parseProcurementRow,
  rowLocality,
  type ParsedProcurement,
  type PlaceRef,
  type ProcurementRecord,
} from "../../app/domain/procurement-import";

// The rules of the procurement import that need no database: how a row names its
// supplier's province, when that contradicts the county or the coordinates, when the
// locality cannot be told on a basis, and when a re-imported document differs.

const base: ProcurementRecord = {
  documentNo: "PO-1",
  year: "2026",
  quarter: "2",
  plant: "OEM12",
  category: "a02",
  amount: "1,000.5",
  supplierName: "某公司",
};
const parse = (more: ProcurementRecord) => parseProcurementRow({ ...base, ...more });
const ok = (more: ProcurementRecord): ParsedProcurement => {
  const r = parse(more);
  if (!r.ok) throw new Error(JSON.stringify(r.reasons));
  return r.value;
};
const reasons = (more: ProcurementRecord) => {
  const r = parse(more);
  return r.ok ? [] : r.reasons;
};

const SIPING_PLANT = { lat: 43.16464, lng: 124.3822 };
const CHANGCHUN_PLANT = { lat: 43.8, lng: 125.18 };
const YANJI_PLANT = { lat: 42.89, lng: 129.43 };
const CHAOYANG: PlaceRef = { adcode: 220104, level: "district", parent_adcode: 220100, lat: 43.83, lng: 125.28 };

describe("the province column", () => {
  it.each(["吉林省", "吉林", "Jilin", "jilin province", "220000"])("%j is Jilin", (province) => {
    expect(ok({ province }).province?.adcode).toBe(220000);
  });

  it("names a province that is not one, and a county code that is not one", () => {
    expect(reasons({ province: "吉林市" })).toEqual([{ code: "province", value: "吉林市" }]);
    expect(reasons({ province: "220106" })).toEqual([{ code: "province", value: "220106" }]);
    expect(reasons({ county: "990101" })).toEqual([{ code: "county", value: "990101" }]);
    expect(reasons({ county: "2201" })).toEqual([{ code: "county", value: "2201" }]);
  });

  it("a province that contradicts the county is a row error naming both", () => {
    expect(reasons({ province: "吉林", county: "211224" })).toEqual([
      { code: "province_county", value: "吉林", county: "211224", countyProvince: "210000" },
    ]);
    expect(reasons({ province: "Liaoning", county: "211224" })).toEqual([]);
    // Without a province, the county's is the row's.
    expect(ok({ county: "211224" }).province?.zh).toBe("辽宁省");
  });

  it("coordinates outside the stated province (or the county's) are a row error naming both", () => {
    expect(reasons({ province: "上海", lat: "43.83", lng: "125.28" })).toEqual([
      { code: "province_point", province: "310000", point: "43.83, 125.28" },
    ]);
    expect(reasons({ county: "310115", lat: "43.83", lng: "125.28" })).toEqual([
      { code: "province_point", province: "310000", point: "43.83, 125.28" },
    ]);
    // Near the border, a box cannot tell: Changtu (Liaoning) lies inside Jilin's box too.
    expect(reasons({ province: "吉林", lat: "42.78", lng: "124.11" })).toEqual([]);
    expect(reasons({ province: "辽宁", lat: "42.78", lng: "124.11" })).toEqual([]);
  });
});

describe("the locality of a row on each basis", () => {
  it("from the county's point: both bases known", () => {
    const v = ok({ county: "220104" });
    expect(rowLocality(v, CHAOYANG, CHANGCHUN_PLANT)).toMatchObject({
      inJilin: true,
      insideCircle: true,
      cityAdcode: 220100,
    });
    expect(localityProblem(rowLocality(v, CHAOYANG, CHANGCHUN_PLANT), v, "OEM05")).toBeNull();
  });

  it("from coordinates: the circle by distance, the province from the one box that holds them", () => {
    const shenyang = ok({ province: "辽宁", lat: "41.8", lng: "123.43" });
    const loc = rowLocality(shenyang, null, SIPING_PLANT);
    expect(loc).toMatchObject({ inJilin: false, insideCircle: false });
    expect(loc.distanceKm).toBeGreaterThan(100);
    // Coordinates alone far from any border: Shanghai.
    expect(rowLocality(ok({ lat: "31.23", lng: "121.47" }), null, SIPING_PLANT)).toMatchObject({
      inJilin: false,
      insideCircle: false,
    });
    // Coordinates alone near the border (Changtu): in the circle of Siping, province unknown.
    const changtu = ok({ lat: "42.78", lng: "124.11" });
    const near = rowLocality(changtu, null, SIPING_PLANT);
    expect(near).toMatchObject({ inJilin: null, insideCircle: true, province: null });
    expect(localityProblem(near, changtu, "OEM12")).toEqual({ code: "province_unknown", value: "42.78, 124.11" });
    // Coordinates alone outside Jilin's box: not in Jilin, though the province is not named.
    expect(rowLocality(ok({ lat: "48.14", lng: "11.58" }), null, SIPING_PLANT)).toMatchObject({
      inJilin: false,
      insideCircle: false,
      province: null,
    });
  });

  it("the province alone tells the circle only when the province lies beyond it", () => {
    const shanghai = ok({ province: "上海" });
    const far = rowLocality(shanghai, null, SIPING_PLANT);
    expect(far).toMatchObject({ inJilin: false, insideCircle: false, distanceKm: null });
    expect(localityProblem(far, shanghai, "OEM12")).toBeNull();
    // Liaoning reaches within 100 km of Siping (Changtu): unknown, a row error.
    const liaoning = ok({ province: "辽宁省" });
    const near = rowLocality(liaoning, null, SIPING_PLANT);
    expect(near).toMatchObject({ inJilin: false, insideCircle: null });
    expect(localityProblem(near, liaoning, "OEM12")).toEqual({
      code: "distance_unknown",
      province: "210000",
      plant: "OEM12",
    });
    // ... but not of Yanji.
    expect(rowLocality(liaoning, null, YANJI_PLANT)).toMatchObject({ inJilin: false, insideCircle: false });
    // Jilin alone: in the province, the circle unknown (never silently outside).
    const jilin = ok({ province: "吉林" });
    expect(rowLocality(jilin, null, CHANGCHUN_PLANT)).toMatchObject({ inJilin: true, insideCircle: null });
    // A county code outside the gazetteer: its province, no point.
    const pudong = ok({ county: "310115" });
    expect(rowLocality(pudong, null, CHANGCHUN_PLANT)).toMatchObject({ inJilin: false, insideCircle: false });
    const changtu = ok({ county: "211224" });
    expect(localityProblem(rowLocality(changtu, null, SIPING_PLANT), changtu, "OEM12")).toMatchObject({
      code: "distance_unknown",
    });
  });

  it("nothing at all: unknown on both bases", () => {
    const v = ok({});
    const loc = rowLocality(v, null, SIPING_PLANT);
    expect(loc).toEqual({ province: null, inJilin: null, distanceKm: null, insideCircle: null, cityAdcode: null });
    expect(localityProblem(loc, v, "OEM12")).toEqual({ code: "place_needed" });
  });
});

describe("a re-imported document", () => {
  const doc = documentOf(ok({ province: "吉林", county: "220104" }));

  it("is the same after normalisation: province names, amounts, category case", () => {
    expect(doc).toMatchObject({ amount: 100050, category: "A02", province: 220000, county: 220104, lat: null });
    for (const same of [
      { province: "吉林省", county: "220104", amount: "1000.50" },
      { province: "Jilin", county: "220104", category: "A02" },
      { county: "220104" },
    ])
      expect(documentDifferences(doc, documentOf(ok(same)))).toEqual([]);
  });

  it("names each field that differs, in column order", () => {
    expect(documentDifferences(doc, documentOf(ok({ county: "220104", amount: "1000.51", quarter: "3" })))).toEqual([
      "quarter",
      "amount",
    ]);
    expect(
      documentDifferences(
        doc,
        documentOf(ok({ county: "220104", supplierName: "别家", lat: "43.8", lng: "125.3", plant: "OEM13" })),
      ),
    ).toEqual(["plant", "supplierName", "lat", "lng"]);
    expect(documentDifferences(doc, documentOf(ok({ county: "220102" })))).toEqual(["county"]);
  });

  it("compares only what an older entry kept", () => {
    const legacy = { year: 2026, quarter: 2, plant: "OEM12", category: "A02", amount: 100050, supplierName: "某公司" };
    expect(documentDifferences(legacy, documentOf(ok({ province: "上海" })))).toEqual([]);
    expect(documentDifferences(legacy, documentOf(ok({ province: "上海", year: "2025" })))).toEqual(["year"]);
  });
});

describe("comment rows", () => {
  it("a document number starting with # is a comment", () => {
    expect(isCommentRecord({ documentNo: "# 示例 PO-1" })).toBe(true);
    expect(isCommentRecord({ documentNo: "  #PO-1" })).toBe(true);
    expect(isCommentRecord({ documentNo: "PO-#1" })).toBe(false);
    expect(isCommentRecord({})).toBe(false);
  });
});
