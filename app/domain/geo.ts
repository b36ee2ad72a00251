/** Mean Earth radius in km, as Meilisearch's geo distance uses (6,371,000 m). */
export const EARTH_RADIUS_KM = 6371;

export interface LatLng {
  lat: number;
  lng: number;
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in km (haversine). */
export function haversineKm(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A lat/lng box that contains the circle of `radiusKm` around `center` (for index prefilters). */
export function boundingBox(center: LatLng, radiusKm: number) {
  const angular = radiusKm / EARTH_RADIUS_KM;
  const dLat = angular * (180 / Math.PI);
  // The circle's widest longitude is not on the centre's parallel: Δλ = asin(sin(r/R) / cos φ).
  const ratio = Math.sin(angular) / Math.max(1e-9, Math.cos(rad(center.lat)));
  const dLng = ratio >= 1 ? 180 : Math.asin(ratio) * (180 / Math.PI);
  return { minLat: center.lat - dLat, maxLat: center.lat + dLat, minLng: center.lng - dLng, maxLng: center.lng + dLng };
}

/** Distances shown to users: one decimal place, in km. */
export function roundKm(km: number): number {
  return Math.round(km * 10) / 10;
}

/**
 * How far to look for "the nearest outside the circle" of a demand's radius: three times
 * the radius and at least 200 km beyond it, at most 1,000 km. The one formula for the
 * demand ranking and the gap list.
 */
export function outsideSearchRadiusKm(radiusKm: number): number {
  return Math.min(1000, Math.max(3 * radiusKm, radiusKm + 200));
}
