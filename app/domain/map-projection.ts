import { EARTH_RADIUS_KM, type LatLng } from "./geo";

// Web Mercator, fitted to Jilin and its surroundings, in SVG pixels. Web Mercator so an
// online tile layer (MAP_TILE_URL) lines up with the boundaries, plants and circles.
export const MAP_BOUNDS = { west: 121.2, east: 131.7, south: 40.5, north: 46.6 };
export const MAP_WIDTH = 800;

const mercY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
const X0 = MAP_BOUNDS.west;
const SCALE = MAP_WIDTH / (MAP_BOUNDS.east - MAP_BOUNDS.west); // px per degree of longitude
const Y0 = mercY(MAP_BOUNDS.north);
const Y_SCALE = (SCALE * 180) / Math.PI;
export const MAP_HEIGHT = Math.round((Y0 - mercY(MAP_BOUNDS.south)) * Y_SCALE);

export function project({ lat, lng }: LatLng): [number, number] {
  return [Math.round((lng - X0) * SCALE * 10) / 10, Math.round((Y0 - mercY(lat)) * Y_SCALE * 10) / 10];
}

export function unproject(x: number, y: number): LatLng {
  const lng = X0 + x / SCALE;
  const lat = (2 * Math.atan(Math.exp(Y0 - y / Y_SCALE)) - Math.PI / 2) * (180 / Math.PI);
  return { lat, lng };
}

/** The point `distanceKm` away from `p` on bearing `bearingDeg` (great circle). */
export function destination(p: LatLng, distanceKm: number, bearingDeg: number): LatLng {
  const d = distanceKm / EARTH_RADIUS_KM;
  const b = (bearingDeg * Math.PI) / 180;
  const lat1 = (p.lat * Math.PI) / 180;
  const lng1 = (p.lng * Math.PI) / 180;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lng2 =
    lng1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return { lat: (lat2 * 180) / Math.PI, lng: (lng2 * 180) / Math.PI };
}

/** An SVG path of the circle of `radiusKm` around `center` (true distances, not a screen circle). */
export function circlePath(center: LatLng, radiusKm: number, steps = 96): string {
  const pts = Array.from({ length: steps }, (_, i) => project(destination(center, radiusKm, (360 * i) / steps)));
  return `M${pts.map(([x, y]) => `${x},${y}`).join("L")}Z`;
}

/** Slippy-map tiles covering the map at one zoom level, with their pixel boxes. */
export function tilesFor(zoom: number) {
  const n = 2 ** zoom;
  const tx = (lng: number) => ((lng + 180) / 360) * n;
  const ty = (lat: number) => ((1 - mercY(lat) / Math.PI) / 2) * n;
  const tiles: { z: number; x: number; y: number; px: number; py: number; size: number }[] = [];
  const size = MAP_WIDTH / (tx(MAP_BOUNDS.east) - tx(MAP_BOUNDS.west));
  for (let x = Math.floor(tx(MAP_BOUNDS.west)); x <= Math.floor(tx(MAP_BOUNDS.east)); x++) {
    for (let y = Math.floor(ty(MAP_BOUNDS.north)); y <= Math.floor(ty(MAP_BOUNDS.south)); y++) {
      tiles.push({ z: zoom, x, y, px: (x - tx(MAP_BOUNDS.west)) * size, py: (y - ty(MAP_BOUNDS.north)) * size, size });
    }
  }
  return tiles;
}
