import { outsideSearchRadiusKm } from "../app/domain/geo";
import type { Search } from "./client.server";
import { and, eq } from "./filter";
import { chinaDay } from "../app/domain/dates";
import { certValidOn, kindsValidOn, plantKmField, RANKED_FIELDS, type RankingDocument } from "./settings";

// Ranking suppliers for a demand: hard filters, then nearest first (decision 008), on the
// ranking index, which holds no words (decision 018).
//
// Every site document carries its great-circle distance from each OEM plant, computed
// at index time with the same haversine as everywhere in Peitao. Demands are posted at
// plants, so "inside the circle, nearest first" is one numeric filter and one numeric
// sort on that plant's field: exact, and without Meilisearch's geo R-tree (which it
// deserialises on geo-sorted searches and rewrites whole on every indexing batch).

export interface RankFilters {
  /** Leaf category, or its group when the buyer allows the group. */
  category: string;
  group?: string;
  requiredCerts: string[];
  /** China's day of the ranking (YYYY-MM-DD; default: now): a certificate past its end date does not count. */
  today?: string;
}

/** The plant a ranking is measured from; its code names the distance field. */
export interface PlantRef {
  code: string;
}

/** What a ranked hit shows (the distance and the certificates' end dates are read besides). */
const RETRIEVE = RANKED_FIELDS;
export type RankedDoc = Pick<RankingDocument, (typeof RETRIEVE)[number]>;

export interface RankedHit extends RankedDoc {
  distance_km: number;
}

export function rankingFilter(f: RankFilters): string {
  return and(
    f.group ? eq("category_groups", f.group) : eq("category_codes", f.category),
    ...f.requiredCerts.map((c) => certValidOn(c, f.today ?? chinaDay(new Date()))),
    `NOT ${eq("verification_status", "rejected")}`,
    // A closed site is never ranked (another site of the same supplier still may be).
    `NOT ${eq("site_status", "closed")}`,
  )!;
}

/** Distances are finite numbers of our own, never user text: checked, then written as literals. */
function km(n: number): string {
  if (!Number.isFinite(n) || n < 0) throw new RangeError("distance must be a finite, non-negative number");
  return String(n);
}

/** The search parameters of `nearestWithin` (the benchmark sends the same ones straight to Meilisearch). */
export function nearestWithinParams(filter: string, plant: PlantRef, maxKm: number, k: number) {
  const field = plantKmField(plant.code);
  return {
    filter: and(filter, `${field} <= ${km(maxKm)}`),
    sort: [`${field}:asc`, "supplier_id:asc"],
    limit: k,
    attributesToRetrieve: [...RETRIEVE, "cert_until", field],
  };
}

/**
 * The `k` suppliers nearest to the plant and at most `maxKm` away that pass `filter`:
 * nearest first, ties by supplier id, one hit per supplier (its nearest site: the index's
 * distinct attribute keeps the best-sorted site), each with its exact distance.
 */
export async function nearestWithin(
  search: Search,
  filter: string,
  plant: PlantRef,
  maxKm: number,
  k: number,
): Promise<{ hits: RankedHit[] }> {
  const res = (await search.searchRaw("ranking", { q: "", ...nearestWithinParams(filter, plant, maxKm, k) })) as {
    hits: (RankedDoc & { plant_km?: Record<string, number>; cert_until?: Record<string, number> })[];
  };
  const today = chinaDay(new Date());
  return {
    hits: res.hits.map(({ plant_km, cert_until, ...h }) => ({
      ...h,
      // Only certificates valid today count for the fit: one may have expired since indexing.
      certifications: kindsValidOn(h.certifications ?? [], cert_until, today),
      distance_km: plant_km?.[plant.code] ?? Number.NaN,
    })),
  };
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
  plant: PlantRef,
  radiusKm: number,
  opts: { limit: number; minInside: number; outsideCount?: number; outerRadiusKm?: number },
): Promise<DemandRanking> {
  const filter = rankingFilter(filters);
  const { hits: inside } = await nearestWithin(search, filter, plant, radiusKm, opts.limit);
  if (inside.length >= opts.minInside) return { inside, outside: [] };
  const want = opts.outsideCount ?? opts.minInside;
  const outer = opts.outerRadiusKm ?? outsideSearchRadiusKm(radiusKm);
  // Nearest site per supplier out to the outer radius: suppliers with a site inside the
  // circle come first and are dropped here, so a supplier is never listed as outside
  // because of a second, farther site.
  const { hits } = await nearestWithin(search, filter, plant, outer, inside.length + want);
  return { inside, outside: hits.filter((h) => h.distance_km > radiusKm).slice(0, want) };
}
