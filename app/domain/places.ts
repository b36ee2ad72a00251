/** Levels of the gazetteer whose places are themselves a city (地级行政区). */
const CITY_LEVELS = new Set(["prefecture_city", "autonomous_prefecture", "prefecture", "league"]);

export interface PlaceLevel {
  adcode: number;
  level: string;
  parent_adcode: number | null;
}

/**
 * The city (地级行政区: prefecture-level city, autonomous prefecture) a place belongs to:
 * the place itself when it is one, its parent when it is a county or district, and null
 * for a province. The one rule for the dashboard's "by city", the search documents and
 * the ledger's frozen supplier city.
 */
export function cityAdcodeOf(place: PlaceLevel): number | null {
  if (CITY_LEVELS.has(place.level)) return place.adcode;
  if (place.level === "province") return null;
  return place.parent_adcode;
}

/** The province the marketplace serves (吉林省); the gazetteer also holds neighbours' units near its plants. */
export const HOME_PROVINCE_ADCODE = 220000;

/** The province (省级) code of any place code: 211224 → 210000. */
export function provinceAdcodeOf(adcode: number): number {
  return Math.floor(adcode / 10000) * 10000;
}

/** Whether a gazetteer level is county-level (区、县、县级市、旗): neither a province nor a city. */
export function isCountyLevel(level: string): boolean {
  return level !== "province" && !CITY_LEVELS.has(level);
}

/**
 * Places grouped by province for pickers and lists: the home province first, then the
 * others by code; each group keeps the order it was given.
 */
export function groupByProvince<T extends { adcode: number }>(places: T[]): { province: number; places: T[] }[] {
  const groups = new Map<number, T[]>();
  for (const p of places) {
    const key = provinceAdcodeOf(p.adcode);
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups]
    .sort(([a], [b]) => (a === HOME_PROVINCE_ADCODE ? -1 : b === HOME_PROVINCE_ADCODE ? 1 : a - b))
    .map(([province, list]) => ({ province, places: list }));
}

/**
 * What names a place for a reader: the place alone inside the home province; outside it,
 * the province and city before it (辽宁省 · 铁岭市 · 昌图县), so that a neighbour's unit is
 * never mistaken for one of Jilin's. Unknown codes are skipped.
 */
export function placeTrail<T extends PlaceLevel>(byCode: Map<number, T>, adcode: number): T[] {
  const place = byCode.get(adcode);
  if (!place) return [];
  if (provinceAdcodeOf(adcode) === HOME_PROVINCE_ADCODE) return [place];
  const trail: T[] = [];
  const province = byCode.get(provinceAdcodeOf(adcode));
  if (province && province !== place) trail.push(province);
  const city = cityAdcodeOf(place);
  const cityPlace = city === null ? undefined : byCode.get(city);
  if (cityPlace && cityPlace !== place) trail.push(cityPlace);
  return [...trail, place];
}

/** Whether a gazetteer level is a city (地级行政区): a prefecture-level place, not a county. */
export function isCityLevel(level: string): boolean {
  return CITY_LEVELS.has(level);
}

/**
 * The ± of a point known only as a place's seat: the radius of a circle of the place's
 * area, in whole km (at least 1); null when the gazetteer has no area.
 */
export function seatRadiusKm(areaKm2: number | null): number | null {
  if (areaKm2 === null || !Number.isFinite(areaKm2) || areaKm2 <= 0) return null;
  return Math.max(1, Math.round(Math.sqrt(areaKm2 / Math.PI)));
}
