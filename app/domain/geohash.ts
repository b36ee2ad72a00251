import { boundingBox, type LatLng } from "./geo";

// Geohash cells as plain facet values: a circle is covered by the cells of its bounding
// box, and a filter `gh4 IN [...]` narrows the candidates before any geo computation.
const BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz";

export function geohash({ lat, lng }: LatLng, precision: number): string {
  let latMin = -90, latMax = 90, lngMin = -180, lngMax = 180;
  let hash = "", bit = 0, ch = 0, even = true;
  while (hash.length < precision) {
    if (even) {
      const mid = (lngMin + lngMax) / 2;
      if (lng >= mid) { ch = (ch << 1) | 1; lngMin = mid; } else { ch <<= 1; lngMax = mid; }
    } else {
      const mid = (latMin + latMax) / 2;
      if (lat >= mid) { ch = (ch << 1) | 1; latMin = mid; } else { ch <<= 1; latMax = mid; }
    }
    even = !even;
    if (++bit === 5) { hash += BASE32[ch]; bit = 0; ch = 0; }
  }
  return hash;
}

/** Cell size in degrees at a precision: [lat, lng]. */
export function cellSize(precision: number): [number, number] {
  const bits = precision * 5;
  const lngBits = Math.ceil(bits / 2);
  const latBits = Math.floor(bits / 2);
  return [180 / 2 ** latBits, 360 / 2 ** lngBits];
}

/** Every cell at `precision` that intersects the bounding box of the circle. */
export function coverCircle(center: LatLng, radiusKm: number, precision: number): string[] {
  const box = boundingBox(center, radiusKm);
  const [dLat, dLng] = cellSize(precision);
  const cells = new Set<string>();
  // Step through cell centres of the grid that spans the box.
  const lat0 = Math.floor((box.minLat + 90) / dLat) * dLat - 90;
  const lng0 = Math.floor((box.minLng + 180) / dLng) * dLng - 180;
  for (let lat = lat0; lat <= box.maxLat; lat += dLat) {
    for (let lng = lng0; lng <= box.maxLng; lng += dLng) {
      cells.add(geohash({ lat: Math.min(89.999999, lat + dLat / 2), lng: lng + dLng / 2 }, precision));
    }
  }
  return [...cells];
}

export const GEOHASH_PRECISIONS = [3, 4, 5] as const;
export type GeohashPrecision = (typeof GEOHASH_PRECISIONS)[number];

/** The finest precision whose cover of the circle has at most `maxCells` cells. */
export function precisionFor(center: LatLng, radiusKm: number, maxCells = 100): { precision: GeohashPrecision; cells: string[] } {
  for (const p of [...GEOHASH_PRECISIONS].reverse()) {
    const cells = coverCircle(center, radiusKm, p);
    if (cells.length <= maxCells) return { precision: p, cells };
  }
  return { precision: 3, cells: coverCircle(center, radiusKm, 3) };
}
