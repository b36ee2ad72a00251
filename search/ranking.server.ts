import { precisionFor } from "../app/domain/geohash";
import { haversineKm, type LatLng } from "../app/domain/geo";
import type { Search } from "./client.server";
import { and, eq, inList } from "./filter";
import type { SupplierDocument } from "./settings";

// Ranking suppliers for a demand: hard filters, then nearest first.
//
// Meilisearch's _geoRadius filter and _geoPoint sort walk the whole geo index on every
// query (slow at a million documents). Here the candidates are first narrowed with plain
// facet filters on geohash cells that cover a ring around the plant, smallest ring first;
// the geo sort then runs over a few hundred documents. Exact distances are computed here
// (haversine, the same formula as everywhere in Peitao) and a hit counts for a ring only
// when it lies within the ring's radius, so the result equals a full scan's.

export interface RankFilters {
  /** Leaf category, or its group when the buyer allows the group. */
  category: string;
  group?: string;
  requiredCerts: string[];
}

const RETRIEVE = ["id", "supplier_id", "name_zh", "name_en", "verification_status", "certifications", "category_codes", "county_adcode", "city_adcode", "is_sample", "_geo"] as const;
export type RankedDoc = Pick<SupplierDocument, (typeof RETRIEVE)[number]>;

export interface RankedHit extends RankedDoc {
  distance_km: number;
}

export function rankingFilter(f: RankFilters): string {
  return and(
    f.group ? eq("category_groups", f.group) : eq("category_codes", f.category),
    ...f.requiredCerts.map((c) => eq("certifications", c)),
    `NOT ${eq("verification_status", "rejected")}`,
  )!;
}

const byDistance = (a: RankedHit, b: RankedHit) => a.distance_km - b.distance_km || (a.supplier_id < b.supplier_id ? -1 : a.supplier_id > b.supplier_id ? 1 : 0);

const MARGIN = 10;

/** Rings tried in turn, in km; the last is the radius itself. */
export function rings(radiusKm: number): number[] {
  return [...[5, 15, 40].filter((r) => r < radiusKm), radiusKm];
}

/**
 * The `k` suppliers nearest to `center` within `radiusKm` that pass `filter`, nearest
 * first (ties by supplier id), each with its exact distance. `queries` counts the
 * Meilisearch queries it took (for the benchmark).
 */
export async function nearestWithin(
  search: Search,
  filter: string,
  center: LatLng,
  radiusKm: number,
  k: number,
): Promise<{ hits: RankedHit[]; queries: number }> {
  const index = search.client.index<RankedDoc>(search.uid("suppliers"));
  let queries = 0;
  for (const r of rings(radiusKm)) {
    const { precision, cells } = precisionFor(center, r);
    queries++;
    // A few more than k: Meilisearch's own distance may order near-equal neighbours
    // differently from the exact haversine, which decides here.
    const res = await index.search("", {
      filter: and(filter, inList(`gh${precision}`, cells)),
      sort: [`_geoPoint(${center.lat}, ${center.lng}):asc`, "supplier_id:asc"],
      limit: k + MARGIN,
      attributesToRetrieve: [...RETRIEVE],
    });
    const hits = res.hits.map((h) => ({ ...h, distance_km: haversineKm(center, h._geo) }));
    const within = hits.filter((h) => h.distance_km <= r).sort(byDistance);
    // At least k returned lie within r: nothing outside the cover can be nearer. At the
    // last ring, what lies within the radius is the answer, however many.
    if (within.length >= k || r === radiusKm) return { hits: within.slice(0, k), queries };
  }
  return { hits: [], queries };
}

/** The same answer the plain way: _geoRadius filter and _geoPoint sort (benchmark baseline). */
export async function nearestWithinPlain(search: Search, filter: string, center: LatLng, radiusKm: number, k: number): Promise<RankedHit[]> {
  const index = search.client.index<RankedDoc>(search.uid("suppliers"));
  const res = await index.search("", {
    filter: and(filter, `_geoRadius(${center.lat}, ${center.lng}, ${Math.round(radiusKm * 1000)})`),
    sort: [`_geoPoint(${center.lat}, ${center.lng}):asc`, "supplier_id:asc"],
    limit: k + MARGIN,
    attributesToRetrieve: [...RETRIEVE],
  });
  return res.hits.map((h) => ({ ...h, distance_km: haversineKm(center, h._geo) })).filter((h) => h.distance_km <= radiusKm).sort(byDistance).slice(0, k);
}

export interface DemandRanking {
  inside: RankedHit[];
  /** The nearest outside the circle, when fewer than `minInside` lie inside: the gap signal. */
  outside: RankedHit[];
}

/** Inside the circle first; when the circle holds too few, the nearest beyond it, marked. */
export async function rankForDemand(
  search: Search,
  filters: RankFilters,
  center: LatLng,
  radiusKm: number,
  opts: { limit: number; minInside: number; outsideCount?: number; outerRadiusKm?: number },
): Promise<DemandRanking> {
  const filter = rankingFilter(filters);
  const { hits: inside } = await nearestWithin(search, filter, center, radiusKm, opts.limit);
  if (inside.length >= opts.minInside) return { inside, outside: [] };
  const want = opts.outsideCount ?? opts.minInside;
  const outer = opts.outerRadiusKm ?? Math.min(1000, Math.max(3 * radiusKm, radiusKm + 200));
  const { hits } = await nearestWithin(search, filter, center, outer, inside.length + want);
  return { inside, outside: hits.filter((h) => h.distance_km > radiusKm).slice(0, want) };
}
