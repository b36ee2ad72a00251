import { outsideSearchRadiusKm } from "../app/domain/geo";
import type { Search } from "./client.server";
import { and, eq } from "./filter";
import { chinaDay } from "../app/domain/dates";
import {
  certValidOn,
  hectometres,
  kindsValidOn,
  plantHmField,
  plantKmField,
  RANKED_FIELDS,
  type RankingDocument,
} from "./settings";

// Ranking suppliers for a demand: hard filters, then nearest first (decision 008), on the
// ranking index, which holds no words (decision 018).
//
// Every supplier's nearest open site to a plant carries its great-circle distance from it,
// computed at index time with the same haversine as everywhere in Peitao, exact and rounded
// to whole 100 m (decision 021). Demands are posted at plants, so "inside the circle,
// nearest first" is one numeric filter and one numeric sort on that plant's rounded field,
// without Meilisearch's geo R-tree (which it deserialises on geo-sorted searches and
// rewrites whole on every indexing batch); the hits of a 100 m band are then ordered by
// their exact distance here, the band at the end of the page fetched whole.

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

/** Hits fetched beyond the `k` asked for, so that the last 100 m band is usually whole in one query. */
const BAND_MARGIN = 10;

/** A 100 m band holds at most this many hits in one query (the ranking index's maxTotalHits). */
const BAND_LIMIT = 1_000;

/**
 * The first query of `nearestWithin` (the benchmark sends the same one straight to
 * Meilisearch): inside the circle by the rounded distance, which lets in only sites whose
 * exact distance is at most 50 m beyond it, nearest band first.
 */
export function nearestWithinParams(filter: string, plant: PlantRef, maxKm: number, k: number) {
  const hm = plantHmField(plant.code);
  return {
    filter: and(filter, `${hm} <= ${km(hectometres(maxKm))}`),
    sort: [`${hm}:asc`],
    limit: k + BAND_MARGIN,
    attributesToRetrieve: [...RETRIEVE, "cert_until", hm, plantKmField(plant.code)],
  };
}

type Fetched = RankedDoc & {
  plant_hm?: Record<string, number>;
  plant_km?: Record<string, number>;
  cert_until?: Record<string, number>;
};

const bandOf = (h: { plant_hm?: Record<string, number> }, plant: PlantRef) => h.plant_hm?.[plant.code] ?? Number.NaN;

/**
 * The hits of the first query come band by band, in no order inside a band. When the band
 * of the k-th hit may go on past the hits fetched (the page is full and ends in it), that
 * band must be fetched whole: its nearest by exact distance may be among those not
 * fetched. Returns that band, or null when the hits fetched are enough.
 */
export function cutBand(
  fetched: readonly { plant_hm?: Record<string, number> }[],
  plant: PlantRef,
  k: number,
  limit: number,
): number | null {
  if (fetched.length < limit) return null; // nothing left beyond them (callers ask for limit >= k > 0)
  const edge = bandOf(fetched[fetched.length - 1]!, plant);
  return edge === bandOf(fetched[k - 1]!, plant) ? edge : null;
}

/**
 * The `k` suppliers nearest to the plant and at most `maxKm` away that pass `filter`:
 * nearest first by exact distance, ties by supplier id, one hit per supplier (its nearest
 * open site, the only one of its sites carrying the plant's distance), each with its exact
 * distance.
 */
export async function nearestWithin(
  search: Search,
  filter: string,
  plant: PlantRef,
  maxKm: number,
  k: number,
): Promise<{ hits: RankedHit[] }> {
  if (k <= 0) return { hits: [] };
  const params = nearestWithinParams(filter, plant, maxKm, k);
  let fetched = ((await search.searchRaw("ranking", { q: "", ...params })) as { hits: Fetched[] }).hits;
  const edge = cutBand(fetched, plant, k, params.limit);
  if (edge !== null) {
    const whole = (await search.searchRaw("ranking", {
      q: "",
      filter: and(filter, `${plantHmField(plant.code)} = ${km(edge)}`),
      limit: BAND_LIMIT,
      attributesToRetrieve: params.attributesToRetrieve,
    })) as { hits: Fetched[] };
    fetched = [...fetched.filter((h) => bandOf(h, plant) < edge), ...whole.hits];
  }
  const today = chinaDay(new Date());
  const hits = fetched
    .map(({ plant_km, plant_hm: _hm, cert_until, ...h }) => ({
      ...h,
      // Only certificates valid today count for the fit: one may have expired since indexing.
      certifications: kindsValidOn(h.certifications ?? [], cert_until, today),
      distance_km: plant_km?.[plant.code] ?? Number.NaN,
    }))
    // The rounded filter lets in sites up to 50 m beyond the circle: the exact one decides.
    .filter((h) => h.distance_km <= maxKm)
    .sort(
      (a, b) =>
        a.distance_km - b.distance_km || (a.supplier_id < b.supplier_id ? -1 : a.supplier_id > b.supplier_id ? 1 : 0),
    );
  return { hits: hits.slice(0, k) };
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
