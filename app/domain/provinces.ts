import { haversineKm, type LatLng } from "./geo";

// The 34 provincial-level units of GB/T 2260 (23 provinces, 5 autonomous regions, 4
// municipalities, 2 special administrative regions): their code, full and short Chinese
// name, English name with the usual variants, and a coarse WGS-84 box around each.
//
// The boxes are the units' extreme latitudes and longitudes rounded outwards (from public
// atlas figures; Jilin's from the DataV outline in /work/shared/data), then widened by
// BOX_MARGIN_DEG on every side. They only ever answer "certainly outside": a point outside
// a province's box is not in that province; a plant farther than the circle from the box
// is farther than the circle from every point of the province. Never "certainly inside".

export interface Province {
  /** GB/T 2260 code of the province itself, e.g. 220000. */
  adcode: number;
  /** Full name as the ledger stores it (吉林省). */
  zh: string;
  /** Short name (吉林). */
  short: string;
  /** English name (Jilin). */
  en: string;
  /** Other spellings accepted in an import (pinyin, older romanisations). */
  aliases: readonly string[];
  /** Extremes in degrees before the margin: [south, west, north, east]. */
  extent: readonly [number, number, number, number];
}

/** Degrees added on every side of a province's extent (about 20–28 km). */
export const BOX_MARGIN_DEG = 0.25;

export const JILIN_ADCODE = 220000;

export const PROVINCES: readonly Province[] = [
  { adcode: 110000, zh: "北京市", short: "北京", en: "Beijing", aliases: [], extent: [39.44, 115.42, 41.06, 117.51] },
  { adcode: 120000, zh: "天津市", short: "天津", en: "Tianjin", aliases: [], extent: [38.55, 116.7, 40.25, 118.06] },
  { adcode: 130000, zh: "河北省", short: "河北", en: "Hebei", aliases: [], extent: [36.05, 113.45, 42.62, 119.85] },
  { adcode: 140000, zh: "山西省", short: "山西", en: "Shanxi", aliases: [], extent: [34.57, 110.23, 40.74, 114.56] },
  {
    adcode: 150000,
    zh: "内蒙古自治区",
    short: "内蒙古",
    en: "Inner Mongolia",
    aliases: ["Nei Mongol", "Neimenggu", "Nei Menggu"],
    extent: [37.41, 97.17, 53.34, 126.07],
  },
  { adcode: 210000, zh: "辽宁省", short: "辽宁", en: "Liaoning", aliases: [], extent: [38.72, 118.84, 43.49, 125.78] },
  { adcode: 220000, zh: "吉林省", short: "吉林", en: "Jilin", aliases: [], extent: [40.86, 121.63, 46.31, 131.32] },
  {
    adcode: 230000,
    zh: "黑龙江省",
    short: "黑龙江",
    en: "Heilongjiang",
    aliases: [],
    extent: [43.42, 121.18, 53.56, 135.09],
  },
  { adcode: 310000, zh: "上海市", short: "上海", en: "Shanghai", aliases: [], extent: [30.67, 120.85, 31.88, 122.25] },
  { adcode: 320000, zh: "江苏省", short: "江苏", en: "Jiangsu", aliases: [], extent: [30.75, 116.36, 35.13, 121.97] },
  { adcode: 330000, zh: "浙江省", short: "浙江", en: "Zhejiang", aliases: [], extent: [27.02, 118.01, 31.18, 123.2] },
  { adcode: 340000, zh: "安徽省", short: "安徽", en: "Anhui", aliases: [], extent: [29.39, 114.88, 34.65, 119.65] },
  { adcode: 350000, zh: "福建省", short: "福建", en: "Fujian", aliases: [], extent: [23.5, 115.84, 28.32, 120.72] },
  { adcode: 360000, zh: "江西省", short: "江西", en: "Jiangxi", aliases: [], extent: [24.49, 113.57, 30.08, 118.48] },
  { adcode: 370000, zh: "山东省", short: "山东", en: "Shandong", aliases: [], extent: [34.38, 114.8, 38.4, 122.72] },
  { adcode: 410000, zh: "河南省", short: "河南", en: "Henan", aliases: [], extent: [31.38, 110.35, 36.37, 116.65] },
  { adcode: 420000, zh: "湖北省", short: "湖北", en: "Hubei", aliases: [], extent: [29.03, 108.36, 33.28, 116.13] },
  { adcode: 430000, zh: "湖南省", short: "湖南", en: "Hunan", aliases: [], extent: [24.64, 108.79, 30.13, 114.26] },
  { adcode: 440000, zh: "广东省", short: "广东", en: "Guangdong", aliases: [], extent: [20.22, 109.66, 25.52, 117.32] },
  {
    adcode: 450000,
    zh: "广西壮族自治区",
    short: "广西",
    en: "Guangxi",
    aliases: ["Guangxi Zhuang"],
    extent: [20.9, 104.45, 26.39, 112.06],
  },
  // With the islands of the South China Sea (三沙市).
  { adcode: 460000, zh: "海南省", short: "海南", en: "Hainan", aliases: [], extent: [3.3, 108.6, 20.2, 117.9] },
  { adcode: 500000, zh: "重庆市", short: "重庆", en: "Chongqing", aliases: [], extent: [28.16, 105.29, 32.2, 110.2] },
  { adcode: 510000, zh: "四川省", short: "四川", en: "Sichuan", aliases: [], extent: [26.05, 97.35, 34.32, 108.55] },
  { adcode: 520000, zh: "贵州省", short: "贵州", en: "Guizhou", aliases: [], extent: [24.62, 103.6, 29.22, 109.59] },
  { adcode: 530000, zh: "云南省", short: "云南", en: "Yunnan", aliases: [], extent: [21.14, 97.53, 29.25, 106.2] },
  {
    adcode: 540000,
    zh: "西藏自治区",
    short: "西藏",
    en: "Tibet",
    aliases: ["Xizang"],
    extent: [26.85, 78.4, 36.48, 99.11],
  },
  { adcode: 610000, zh: "陕西省", short: "陕西", en: "Shaanxi", aliases: [], extent: [31.7, 105.49, 39.59, 111.25] },
  { adcode: 620000, zh: "甘肃省", short: "甘肃", en: "Gansu", aliases: [], extent: [32.6, 92.2, 42.8, 108.72] },
  { adcode: 630000, zh: "青海省", short: "青海", en: "Qinghai", aliases: [], extent: [31.6, 89.4, 39.21, 103.07] },
  {
    adcode: 640000,
    zh: "宁夏回族自治区",
    short: "宁夏",
    en: "Ningxia",
    aliases: ["Ningxia Hui"],
    extent: [35.23, 104.28, 39.39, 107.66],
  },
  {
    adcode: 650000,
    zh: "新疆维吾尔自治区",
    short: "新疆",
    en: "Xinjiang",
    aliases: ["Xinjiang Uygur", "Xinjiang Uyghur", "Xinjiang Uighur"],
    extent: [34.33, 73.5, 49.18, 96.38],
  },
  { adcode: 710000, zh: "台湾省", short: "台湾", en: "Taiwan", aliases: [], extent: [21.8, 118.1, 26.4, 123.7] },
  {
    adcode: 810000,
    zh: "香港特别行政区",
    short: "香港",
    en: "Hong Kong",
    aliases: ["Hongkong"],
    extent: [22.13, 113.83, 22.57, 114.51],
  },
  {
    adcode: 820000,
    zh: "澳门特别行政区",
    short: "澳门",
    en: "Macao",
    aliases: ["Macau"],
    extent: [22.1, 113.52, 22.22, 113.6],
  },
];

const BY_PREFIX = new Map(PROVINCES.map((p) => [String(p.adcode).slice(0, 2), p]));

/** English spelling reduced to letters, without the words that name the kind of unit. */
function latinKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z]/g, "")
    .replace(/(province|sheng|municipality|shi|autonomousregion|zizhiqu|specialadministrativeregion|sar)$/, "");
}

const BY_NAME = new Map<string, Province>();
for (const p of PROVINCES) {
  BY_NAME.set(p.zh, p);
  BY_NAME.set(p.short, p);
  for (const latin of [p.en, ...p.aliases]) BY_NAME.set(latinKey(latin), p);
}

/** The province of any GB/T 2260 code (its first two digits), or null. */
export function provinceByAdcode(adcode: number | string): Province | null {
  const text = String(adcode);
  return /^\d{6}$/.test(text) ? (BY_PREFIX.get(text.slice(0, 2)) ?? null) : null;
}

/**
 * A province as an import names it: full name (吉林省), short name (吉林), English name
 * in any case and spacing, with or without "Province" (Jilin, JILIN PROVINCE, Inner
 * Mongolia), or the province's own code (220000). A county's code is not a province.
 */
export function parseProvince(text: string): Province | null {
  const t = text.trim().replace(/\s+/g, " ");
  if (!t) return null;
  if (/^\d{6}$/.test(t)) return t.endsWith("0000") ? provinceByAdcode(t) : null;
  return BY_NAME.get(t) ?? (/[a-z]/i.test(t) ? (BY_NAME.get(latinKey(t)) ?? null) : null);
}

/** The province's box with its margin: south, west, north, east. */
export function provinceBox(p: Province): { south: number; west: number; north: number; east: number } {
  const [s, w, n, e] = p.extent;
  return { south: s - BOX_MARGIN_DEG, west: w - BOX_MARGIN_DEG, north: n + BOX_MARGIN_DEG, east: e + BOX_MARGIN_DEG };
}

/** False only when the point is certainly not in the province (outside its box). */
export function mayLieIn(p: Province, point: LatLng): boolean {
  const b = provinceBox(p);
  return point.lat >= b.south && point.lat <= b.north && point.lng >= b.west && point.lng <= b.east;
}

/**
 * A lower bound in km of the distance from a point to any place in the province: the
 * distance to the nearest point of its box (0 inside the box). The nearest point is taken
 * by clamping latitude and longitude, which on these boxes (a few degrees, away from the
 * poles) errs by far less than the box's margin.
 */
export function kmToProvinceBox(p: Province, point: LatLng): number {
  const b = provinceBox(p);
  const nearest = {
    lat: Math.min(b.north, Math.max(b.south, point.lat)),
    lng: Math.min(b.east, Math.max(b.west, point.lng)),
  };
  return haversineKm(point, nearest);
}

/**
 * The province a point lies in when exactly one box holds it; null when boxes overlap there
 * (near a provincial border) or none does (outside China).
 */
export function provinceOfPoint(point: LatLng): Province | null {
  const holding = PROVINCES.filter((p) => mayLieIn(p, point));
  return holding.length === 1 ? holding[0]! : null;
}
