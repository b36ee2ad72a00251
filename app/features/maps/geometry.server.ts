import fs from "node:fs";
import path from "node:path";
import { haversineKm, type LatLng } from "../../domain/geo";

// Jilin's boundaries, offline (public/geo, from Alibaba DataV; see /work/shared/data
// SOURCES and the README): the prefectures for the map, the counties for checking that a
// site lies in the county it names.

type Ring = [number, number][];
type Polygon = Ring[];
interface Feature {
  type: "Feature";
  properties: { adcode: number; name: string };
  geometry: { type: "Polygon" | "MultiPolygon"; coordinates: Polygon | Polygon[] };
}
interface FeatureCollection {
  type: "FeatureCollection";
  features: Feature[];
}

const polygonsOf = (f: Feature): Polygon[] =>
  (f.geometry.type === "MultiPolygon" ? f.geometry.coordinates : [f.geometry.coordinates]) as Polygon[];

function readGeo(file: string): FeatureCollection {
  return JSON.parse(fs.readFileSync(path.resolve(file), "utf8")) as FeatureCollection;
}

/** Douglas–Peucker on a ring (degrees), keeping its ends. */
function simplifyRing(ring: Ring, tolerance: number): Ring {
  if (ring.length < 5) return ring;
  const keep = new Uint8Array(ring.length);
  keep[0] = keep[ring.length - 1] = 1;
  const stack: [number, number][] = [[0, ring.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    const [ax, ay] = ring[a]!;
    const [bx, by] = ring[b]!;
    const dx = bx - ax;
    const dy = by - ay;
    const len = Math.hypot(dx, dy);
    let worst = -1;
    let at = -1;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = ring[i]!;
      // A closed ring's ends coincide: the distance to that point, not to a line.
      const d = len > 1e-12 ? Math.abs(dy * px - dx * py + bx * ay - by * ax) / len : Math.hypot(px - ax, py - ay);
      if (d > worst) {
        worst = d;
        at = i;
      }
    }
    if (worst > tolerance && at > 0) {
      keep[at] = 1;
      stack.push([a, at], [at, b]);
    }
  }
  const out = ring.filter((_, i) => keep[i]).map(([x, y]) => [Math.round(x * 1e4) / 1e4, Math.round(y * 1e4) / 1e4]);
  return out.length >= 4 ? (out as Ring) : ring;
}

let prefectures: FeatureCollection | undefined;

/**
 * The prefectures simplified to about 1 km (the map is never drawn finer than that): the
 * geometry registered with echarts.registerMap on the server and served to the browser
 * by /maps/jilin.json, so both draw the same map.
 */
export function mapGeometry(): FeatureCollection {
  if (prefectures) return prefectures;
  const geo = readGeo("public/geo/jilin_prefectures_wgs84.geojson");
  prefectures = {
    type: "FeatureCollection",
    features: geo.features.map((f) => ({
      type: "Feature",
      properties: { adcode: f.properties.adcode, name: f.properties.name },
      geometry: {
        type: "MultiPolygon",
        coordinates: polygonsOf(f).map((poly) => poly.map((ring) => simplifyRing(ring, 0.008))),
      },
    })),
  };
  return prefectures;
}

/** Whether a point lies inside a polygon with holes (even–odd rule; [lng, lat] rings). */
export function inPolygon(point: LatLng, polygon: Polygon): boolean {
  let inside = false;
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > point.lat !== yj > point.lat && point.lng < ((xj - xi) * (point.lat - yi)) / (yj - yi) + xi)
        inside = !inside;
    }
  }
  return inside;
}

let areas: Map<number, Polygon[]> | undefined;

/** The boundaries of Jilin's counties and prefectures by adcode (neighbouring provinces: none). */
export function placeBoundaries(): Map<number, Polygon[]> {
  if (areas) return areas;
  areas = new Map();
  for (const file of ["db/reference/geo/jilin_counties_wgs84.geojson", "public/geo/jilin_prefectures_wgs84.geojson"])
    for (const f of readGeo(file).features) areas.set(f.properties.adcode, polygonsOf(f));
  return areas;
}

/**
 * Whether a point lies in the place it names: inside the county's (or prefecture's)
 * boundary; for a place without one (across the border), within `farKm` of its seat.
 * Undefined when the place is unknown.
 */
export function inPlace(adcode: number, point: LatLng, seat: LatLng | undefined, farKm = 40): boolean | undefined {
  const polygons = placeBoundaries().get(adcode);
  if (polygons) return polygons.some((poly) => inPolygon(point, poly));
  if (!seat) return undefined;
  return haversineKm(point, seat) <= farKm;
}

/** The check of the profile form: a site's point against the place it names, seats from the gazetteer. */
export function placeCheck(seats: Map<number, LatLng>) {
  return (adcode: number, point: LatLng) => inPlace(adcode, point, seats.get(adcode));
}
