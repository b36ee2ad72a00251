import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { haversineKm } from "../../app/domain/geo";
import { provinceOf } from "../../app/domain/locality";
import {
  kmToProvinceBox,
  mayLieIn,
  parseProvince,
  provinceByAdcode,
  provinceOfPoint,
  PROVINCES,
} from "../../app/domain/provinces";

const byCode = (code: number) => provinceByAdcode(code)!;

describe("the provincial-level units", () => {
  it("are the 34 units of GB/T 2260, each code once, each name once", () => {
    expect(PROVINCES).toHaveLength(34);
    for (const key of ["adcode", "zh", "short", "en"] as const)
      expect(new Set(PROVINCES.map((p) => p[key])).size).toBe(34);
    for (const p of PROVINCES) {
      expect(p.adcode % 10000).toBe(0);
      expect(p.zh.startsWith(p.short)).toBe(true);
      const [s, w, n, e] = p.extent;
      expect(s).toBeLessThan(n);
      expect(w).toBeLessThan(e);
    }
    expect(PROVINCES.filter((p) => /自治区$/.test(p.zh))).toHaveLength(5);
    expect(PROVINCES.filter((p) => /市$/.test(p.zh))).toHaveLength(4);
    expect(PROVINCES.filter((p) => /特别行政区$/.test(p.zh))).toHaveLength(2);
  });

  it.each([
    ["吉林省", 220000],
    ["吉林", 220000],
    ["Jilin", 220000],
    ["JILIN PROVINCE", 220000],
    [" jilin sheng ", 220000],
    ["220000", 220000],
    ["上海", 310000],
    ["上海市", 310000],
    ["Shanghai Municipality", 310000],
    ["辽宁", 210000],
    ["内蒙古", 150000],
    ["内蒙古自治区", 150000],
    ["Inner Mongolia", 150000],
    ["Inner Mongolia Autonomous Region", 150000],
    ["Nei Mongol", 150000],
    ["黑龙江", 230000],
    ["Heilongjiang", 230000],
    ["Shanxi", 140000],
    ["Shaanxi", 610000],
    ["陕西", 610000],
    ["Guangxi Zhuang Autonomous Region", 450000],
    ["Xinjiang Uygur Autonomous Region", 650000],
    ["Tibet", 540000],
    ["Xizang", 540000],
    ["Hong Kong", 810000],
    ["Hong Kong SAR", 810000],
    ["香港特别行政区", 810000],
    ["Macau", 820000],
    ["澳门", 820000],
    ["台湾", 710000],
    ["810000", 810000],
  ])("%s is %i", (text, code) => {
    expect(parseProvince(text)?.adcode).toBe(code);
  });

  it.each(["", "火星省", "220106", "22", "999999", "Jilinn", "吉", "Mongolia", "province"])(
    "%j is not a province",
    (text) => {
      expect(parseProvince(text)).toBeNull();
    },
  );

  it("every unit is found by its full, short and English name and its code", () => {
    for (const p of PROVINCES)
      for (const text of [p.zh, p.short, p.en, p.en.toUpperCase(), String(p.adcode), ...p.aliases])
        expect(parseProvince(text)).toBe(p);
  });

  it("a county's code names its province; the ledger's province names come from the same table", () => {
    expect(provinceByAdcode(211224)?.zh).toBe("辽宁省");
    expect(provinceByAdcode("222401")?.en).toBe("Jilin");
    expect(provinceByAdcode(990000)).toBeNull();
    expect(provinceByAdcode(2201)).toBeNull();
    expect(provinceOf(220106)).toBe("吉林省");
    expect(provinceOf("15")).toBe("内蒙古自治区");
    expect(provinceOf(810000)).toBe("香港特别行政区");
    expect(provinceOf(990000)).toBeNull();
  });
});

describe("the province boxes only ever say 'certainly outside'", () => {
  // The gazetteer's Jilin places (centroids, label and seat points): all inside Jilin's box.
  const jilinPlaces = readFileSync(new URL("../../db/reference/jilin_places.csv", import.meta.url), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(","));

  it("holds every point of Jilin's gazetteer, and the outline's extremes", () => {
    const jilin = byCode(220000);
    for (const cells of jilinPlaces) {
      for (const [lat, lng] of [
        [cells[7], cells[8]],
        [cells[13], cells[14]],
        [cells[15], cells[16]],
      ])
        expect(mayLieIn(jilin, { lat: Number(lat), lng: Number(lng) }), cells[1]).toBe(true);
    }
    // The DataV outline's extremes (WGS-84).
    expect(mayLieIn(jilin, { lat: 40.865124, lng: 126 })).toBe(true);
    expect(mayLieIn(jilin, { lat: 46.301981, lng: 123 })).toBe(true);
    expect(mayLieIn(jilin, { lat: 43, lng: 121.638309 })).toBe(true);
    expect(mayLieIn(jilin, { lat: 43, lng: 131.311271 })).toBe(true);
  });

  it.each([
    // Cities by their government seat (WGS-84, rounded).
    [210000, "沈阳", 41.8, 123.43],
    [210000, "大连", 38.91, 121.61],
    [210000, "丹东", 40.0, 124.35],
    [211224, "昌图", 42.78, 124.11],
    [230000, "哈尔滨", 45.75, 126.63],
    [230000, "漠河", 52.97, 122.54],
    [230000, "抚远", 48.36, 134.29],
    [150000, "呼和浩特", 40.84, 111.75],
    [150000, "满洲里", 49.6, 117.43],
    [150000, "额济纳", 41.96, 101.07],
    [150000, "乌兰浩特", 46.08, 122.07],
    [110000, "北京", 39.9, 116.4],
    [310000, "上海", 31.23, 121.47],
    [440000, "深圳", 22.54, 114.06],
    [460000, "三亚", 18.25, 109.51],
    [460000, "永兴岛", 16.83, 112.33],
    [650000, "喀什", 39.47, 75.99],
    [540000, "拉萨", 29.65, 91.13],
    [810000, "香港", 22.28, 114.16],
    [820000, "澳门", 22.19, 113.54],
    [710000, "台北", 25.03, 121.56],
  ])("holds %i's %s", (code, _name, lat, lng) => {
    expect(mayLieIn(byCode(code), { lat, lng })).toBe(true);
  });

  it("leaves out points certainly elsewhere", () => {
    expect(mayLieIn(byCode(220000), { lat: 31.23, lng: 121.47 })).toBe(false); // Shanghai is not in Jilin
    expect(mayLieIn(byCode(310000), { lat: 43.88, lng: 125.32 })).toBe(false); // Changchun is not in Shanghai
    expect(mayLieIn(byCode(210000), { lat: 45.75, lng: 126.63 })).toBe(false); // Harbin is not in Liaoning
  });

  it("the distance to a box is a lower bound of the distance to the province's places", () => {
    const siping = { lat: 43.16464, lng: 124.3822 };
    const changchun = { lat: 43.8, lng: 125.18 };
    expect(kmToProvinceBox(byCode(210000), siping)).toBe(0);
    expect(kmToProvinceBox(byCode(210000), changchun)).toBeLessThan(100);
    expect(kmToProvinceBox(byCode(310000), changchun)).toBeGreaterThan(1000);
    // Shenyang and Changtu (both Liaoning) are no nearer to Changchun than Liaoning's box.
    for (const p of [
      { lat: 41.8, lng: 123.43 },
      { lat: 42.78, lng: 124.11 },
    ])
      expect(kmToProvinceBox(byCode(210000), changchun)).toBeLessThanOrEqual(haversineKm(changchun, p));
  });

  it("names a point's province where one box alone holds it", () => {
    expect(provinceOfPoint({ lat: 43.83, lng: 87.62 })?.zh).toBe("新疆维吾尔自治区"); // Ürümqi
    expect(provinceOfPoint({ lat: 31.23, lng: 121.47 })).toBeNull(); // Shanghai: Jiangsu's and Zhejiang's boxes too
    expect(provinceOfPoint({ lat: 42.89, lng: 129.43 })?.zh).toBe("吉林省"); // Yanji
    expect(provinceOfPoint({ lat: 43.16, lng: 124.38 })).toBeNull(); // Siping: Jilin's, Liaoning's and Inner Mongolia's boxes
    expect(provinceOfPoint({ lat: 48.14, lng: 11.58 })).toBeNull(); // Munich
  });
});
