import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { gcj02ToWgs84 } from "../../app/domain/datum";
import { haversineKm } from "../../app/domain/geo";
import { inJilin, provinceOf } from "../../app/domain/locality";
import {
  cityAdcodeOf,
  groupByProvince,
  HOME_PROVINCE_ADCODE,
  isCountyLevel,
  placeTrail,
  provinceAdcodeOf,
} from "../../app/domain/places";
import { normalizeCompanyName } from "../../app/domain/names";
import { csvRecords, parseCsv } from "../../app/lib/import/csv";

const read = (file: string) => fs.readFileSync(`db/reference/${file}`, "utf8");
const jilin = csvRecords(read("jilin_places.csv"));
const places = csvRecords(read("neighbour_places.csv"));
const selection = csvRecords(read("neighbour_places.selection.csv"));
const plants = csvRecords(read("oem_plants.csv")).map((p) => ({
  code: p.plant_id!,
  lat: Number(p.lat),
  lng: Number(p.lng),
}));
const byCode = new Map(places.map((p) => [Number(p.adcode), p]));
const point = (r: Record<string, string>, key: "centroid" | "label" | "seat") => ({
  lat: Number(r[`${key}_lat`]),
  lng: Number(r[`${key}_lng`]),
});
const nearestPlantKm = (p: { lat: number; lng: number }) => Math.min(...plants.map((pl) => haversineKm(pl, p)));
// The levels migrations/0001_foundation.ts allows.
const LEVELS = [
  "province",
  "prefecture_city",
  "autonomous_prefecture",
  "district",
  "county",
  "county_level_city",
  "autonomous_county",
];
const counties = places.filter((p) => isCountyLevel(p.level!));

describe("neighbour_places.csv: the neighbouring provinces' units near Jilin's plants", () => {
  it("has jilin_places.csv's columns, in its order", () => {
    expect(parseCsv(read("neighbour_places.csv"))[0]).toEqual(parseCsv(read("jilin_places.csv"))[0]);
  });

  it("holds the three provinces, their prefectures and counties, each code once and none of Jilin's", () => {
    const codes = places.map((p) => Number(p.adcode));
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) {
      expect(Number.isInteger(c) && c >= 100000 && c <= 999999, String(c)).toBe(true);
      expect(["15", "21", "23"]).toContain(String(c).slice(0, 2));
      expect(inJilin(c)).toBe(false);
    }
    const provinces = places.filter((p) => p.level === "province");
    expect(provinces.map((p) => [Number(p.adcode), p.name_zh])).toEqual([
      [150000, "内蒙古自治区"],
      [210000, "辽宁省"],
      [230000, "黑龙江省"],
    ]);
    for (const p of provinces) expect(provinceOf(Number(p.adcode))).toBe(p.name_zh);
    expect(counties.length).toBeGreaterThanOrEqual(20);
  });

  it("gives every row a level the schema allows and a parent that is in the file", () => {
    for (const p of places) {
      const code = Number(p.adcode);
      expect(LEVELS, p.name_zh).toContain(p.level);
      const parent = Number(p.parent_adcode);
      if (p.level === "province") {
        expect(parent).toBe(100000);
        expect(p.datav_level).toBe("province");
      } else if (p.level === "prefecture_city") {
        expect(code % 100, p.name_zh).toBe(0);
        expect(parent).toBe(provinceAdcodeOf(code));
        expect(byCode.get(parent)?.level).toBe("province");
        expect(p.datav_level).toBe("city");
      } else {
        expect(parent, p.name_zh).toBe(Math.floor(code / 100) * 100);
        expect(byCode.get(parent)?.level, p.name_zh).toBe("prefecture_city");
        expect(p.datav_level).toBe("district");
        expect(cityAdcodeOf({ adcode: code, level: p.level!, parent_adcode: parent })).toBe(parent);
      }
      expect(p.name_en, p.name_zh).toMatch(/^[A-Z][A-Za-z' ()-]+$/);
      expect(p.name_pinyin, p.name_zh).toMatch(/^[A-Z][A-Za-zü' ]+$/);
      expect(Number(p.area_km2_approx)).toBeGreaterThan(50);
    }
    // Every prefecture listed has at least one of its counties here.
    for (const p of places.filter((x) => x.level === "prefecture_city"))
      expect(
        counties.some((c) => c.parent_adcode === p.adcode),
        p.name_zh,
      ).toBe(true);
  });

  it("puts every point in the region around Jilin, its GCJ-02 twin a datum shift away", () => {
    for (const p of places) {
      const box =
        p.level === "province"
          ? { south: 37, north: 54, west: 97, east: 135 }
          : { south: 40.5, north: 46.6, west: 121.2, east: 131.7 }; // the app's map (map-projection.ts)
      for (const key of ["centroid", "label", "seat"] as const) {
        const q = point(p, key);
        expect(q.lat, `${p.name_zh} ${key}`).toBeGreaterThan(box.south);
        expect(q.lat, `${p.name_zh} ${key}`).toBeLessThan(box.north);
        expect(q.lng, `${p.name_zh} ${key}`).toBeGreaterThan(box.west);
        expect(q.lng, `${p.name_zh} ${key}`).toBeLessThan(box.east);
      }
      for (const key of ["centroid", "seat"] as const) {
        const gcj = { lat: Number(p[`${key}_lat_gcj02`]), lng: Number(p[`${key}_lng_gcj02`]) };
        expect(haversineKm(gcj02ToWgs84(gcj), point(p, key)) * 1000, `${p.name_zh} ${key}`).toBeLessThan(1);
        expect(haversineKm(gcj, point(p, key)) * 1000, `${p.name_zh} ${key}`).toBeGreaterThan(200);
      }
      if (p.centroid_inside_polygon === "True") expect(point(p, "label")).toEqual(point(p, "centroid"));
    }
  });

  it("lists each county-level unit within 150 km of a plant, as its selection record says", () => {
    expect(selection.map((s) => s.adcode).sort()).toEqual(counties.map((c) => c.adcode).sort());
    for (const c of counties) {
      const s = selection.find((x) => x.adcode === c.adcode)!;
      expect(s.name_zh).toBe(c.name_zh);
      expect(plants.map((p) => p.code)).toContain(s.nearest_plant);
      expect(Number(s.area_km), c.name_zh).toBeLessThanOrEqual(150);
      // The label point is inside the area, so no nearer than the area and not much farther.
      const labelKm = nearestPlantKm(point(c, "label"));
      expect(labelKm, c.name_zh).toBeCloseTo(Number(s.label_km), 0);
      expect(labelKm, c.name_zh).toBeGreaterThanOrEqual(Number(s.area_km) - 0.1);
      expect(labelKm - Number(s.area_km), c.name_zh).toBeLessThan(2 * Math.sqrt(Number(c.area_km2_approx)));
    }
  });

  it("has 昌图县 under 铁岭市 in Liaoning, some 40-50 km from the Siping plant", () => {
    const changtu = byCode.get(211224)!;
    expect(changtu).toMatchObject({ name_zh: "昌图县", name_en: "Changtu County", parent_adcode: "211200" });
    expect(byCode.get(211200)).toMatchObject({ name_zh: "铁岭市", level: "prefecture_city", parent_adcode: "210000" });
    expect(provinceOf(211224)).toBe("辽宁省");
    const siping = plants.find((p) => p.code === "OEM12")!;
    for (const key of ["label", "seat"] as const) {
      const km = haversineKm(siping, point(changtu, key));
      expect(km, key).toBeGreaterThan(35);
      expect(km, key).toBeLessThan(55);
    }
  });

  it("shares no county name with Jilin, so the supplier import's name lookup stays unambiguous", () => {
    const jilinNames = new Set(jilin.map((p) => p.name_zh));
    for (const c of counties) expect(jilinNames.has(c.name_zh!), c.name_zh).toBe(false);
  });
});

describe("places across the border", () => {
  const sample = [
    { adcode: 211224, level: "county", parent_adcode: 211200, name: "昌图县" },
    { adcode: 220102, level: "district", parent_adcode: 220100, name: "南关区" },
    { adcode: 150521, level: "county", parent_adcode: 150500, name: "科尔沁左翼中旗" },
    { adcode: 220322, level: "county", parent_adcode: 220300, name: "梨树县" },
    { adcode: 210000, level: "province", parent_adcode: null, name: "辽宁省" },
    { adcode: 211200, level: "prefecture_city", parent_adcode: 210000, name: "铁岭市" },
    { adcode: 220100, level: "prefecture_city", parent_adcode: 220000, name: "长春市" },
  ];

  it("groups places by province with Jilin first, each group in the order given", () => {
    const groups = groupByProvince(sample.filter((p) => isCountyLevel(p.level)));
    expect(groups.map((g) => g.province)).toEqual([HOME_PROVINCE_ADCODE, 150000, 210000]);
    expect(groups[0]!.places.map((p) => p.name)).toEqual(["南关区", "梨树县"]);
    expect(groups.flatMap((g) => g.places).map((p) => p.name)).not.toContain("铁岭市");
  });

  it("names a neighbour's county with its province and city, and Jilin's alone", () => {
    const byAdcode = new Map(sample.map((p) => [p.adcode, p]));
    expect(placeTrail(byAdcode, 211224).map((p) => p.name)).toEqual(["辽宁省", "铁岭市", "昌图县"]);
    expect(placeTrail(byAdcode, 211200).map((p) => p.name)).toEqual(["辽宁省", "铁岭市"]);
    expect(placeTrail(byAdcode, 220102).map((p) => p.name)).toEqual(["南关区"]);
    expect(placeTrail(byAdcode, 999999)).toEqual([]);
  });

  it("ignores a neighbouring city's name in company names as it does Jilin's", () => {
    expect(normalizeCompanyName("铁岭华晨汽车部件有限公司")).toBe(normalizeCompanyName("华晨汽车部件有限公司"));
    expect(normalizeCompanyName("辽宁省沈阳市华晨汽车部件有限公司")).toBe("华晨汽车部件");
    expect(normalizeCompanyName("长春华晨汽车部件有限公司")).toBe("华晨汽车部件");
  });
});
