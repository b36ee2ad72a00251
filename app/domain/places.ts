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
