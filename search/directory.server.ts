import type { Search } from "./client.server";
import { and, eq } from "./filter";
import { plantKmField, type SupplierDocument } from "./settings";

export class SearchUnavailableError extends Error {}

/** Within `radiusKm` of an OEM plant (by its code), nearest first. */
export interface GeoScope {
  plantCode: string;
  radiusKm: number;
}

export interface DirectoryQuery {
  q: string;
  category?: string;
  group?: string;
  city?: number;
  certification?: string;
  verifiedOnly?: boolean;
  geo?: GeoScope;
  page: number;
  perPage: number;
}

export type FilterKey = "category" | "group" | "city" | "certification" | "verified" | "radius";

const RETRIEVE = [
  "supplier_id",
  "name_zh",
  "name_en",
  "products_zh",
  "products_en",
  "verification_status",
  "is_sample",
  "county_adcode",
  "city_adcode",
  "category_codes",
  "certifications",
  "site_label",
  "site_status",
  "site_precision",
  "precision_km",
  "location",
] as const;

export type DirectoryHit = Pick<SupplierDocument, (typeof RETRIEVE)[number]> & { distance_km: number | null };

export interface DirectoryResult {
  total: number;
  page: number;
  perPage: number;
  hits: DirectoryHit[];
  facets: Record<
    "category_groups" | "category_codes" | "city_adcode" | "certifications" | "verification_status",
    Record<string, number>
  >;
  /** When nothing was found: the filters whose removal alone would find something, with the count. */
  emptiedBy: { filter: FilterKey; total: number }[];
  /** Points for the map: every matching site's location (capped). */
  points: { supplier_id: string; lat: number; lng: number }[];
}

/** The filter clauses of a query, each named so a zero result can say which one emptied it. */
export function directoryFilters(query: DirectoryQuery): [FilterKey, string][] {
  const clauses: [FilterKey, string][] = [];
  if (query.category) clauses.push(["category", eq("category_codes", query.category)]);
  if (query.group) clauses.push(["group", eq("category_groups", query.group)]);
  if (query.city !== undefined) clauses.push(["city", eq("city_adcode", query.city)]);
  if (query.certification) clauses.push(["certification", eq("certifications", query.certification)]);
  if (query.verifiedOnly) clauses.push(["verified", eq("verification_status", "verified")]);
  if (query.geo) clauses.push(["radius", geoRadius(query.geo)]);
  return clauses;
}

/** The plant's distance field (code checked against PLANT_CODE) and a finite radius: nothing to quote. */
export function geoRadius(g: GeoScope): string {
  if (!Number.isFinite(g.radiusKm) || g.radiusKm < 0)
    throw new RangeError("radius must be a finite, non-negative number");
  return `${plantKmField(g.plantCode)} <= ${g.radiusKm}`;
}

const km = (d: unknown) => (typeof d === "number" ? Math.round(d * 10) / 10 : null);

/** The supplier directory: text, facets, filters, distance from a plant. */
export async function searchDirectory(search: Search, query: DirectoryQuery): Promise<DirectoryResult> {
  const uid = search.uid("suppliers");
  const clauses = directoryFilters(query);
  const filter = and(...clauses.map(([, c]) => c));
  const sort = query.geo ? [`${plantKmField(query.geo.plantCode)}:asc`] : undefined;
  const distanceField = query.geo ? plantKmField(query.geo.plantCode) : undefined;
  try {
    const [main, map] = (
      await search.client.multiSearch({
        queries: [
          {
            indexUid: uid,
            q: query.q,
            // Every word must match: a B2B directory wants precision over recall.
            matchingStrategy: "all",
            filter,
            sort,
            page: query.page,
            hitsPerPage: query.perPage,
            attributesToRetrieve: distanceField ? [...RETRIEVE, distanceField] : [...RETRIEVE],
            facets: ["category_groups", "category_codes", "city_adcode", "certifications", "verification_status"],
          },
          {
            indexUid: uid,
            q: query.q,
            matchingStrategy: "all",
            filter,
            limit: 500,
            attributesToRetrieve: ["supplier_id", "location"],
          },
        ],
      })
    ).results;
    const total = main!.totalHits ?? main!.estimatedTotalHits ?? 0;
    let emptiedBy: DirectoryResult["emptiedBy"] = [];
    if (total === 0 && clauses.length > 0) {
      const without = await search.client.multiSearch({
        queries: clauses.map((_, i) => ({
          indexUid: uid,
          q: query.q,
          matchingStrategy: "all" as const,
          filter: and(...clauses.filter((__, j) => j !== i).map(([, c]) => c)),
          limit: 0,
        })),
      });
      emptiedBy = without.results
        .map((r, i) => ({ filter: clauses[i]![0], total: r.estimatedTotalHits ?? 0 }))
        .filter((r) => r.total > 0);
    }
    const facets = (main!.facetDistribution ?? {}) as DirectoryResult["facets"];
    return {
      total,
      page: query.page,
      perPage: query.perPage,
      hits: main!.hits.map(({ plant_km, ...h }) => ({
        ...(h as unknown as Omit<DirectoryHit, "distance_km">),
        distance_km: query.geo ? km((plant_km as Record<string, number> | undefined)?.[query.geo.plantCode]) : null,
      })),
      facets: {
        category_groups: facets.category_groups ?? {},
        category_codes: facets.category_codes ?? {},
        city_adcode: facets.city_adcode ?? {},
        certifications: facets.certifications ?? {},
        verification_status: facets.verification_status ?? {},
      },
      emptiedBy,
      points: map!.hits.map((h) => {
        const at = h.location as { lat: number; lng: number };
        return { supplier_id: h.supplier_id as string, lat: at.lat, lng: at.lng };
      }),
    };
  } catch (err) {
    throw new SearchUnavailableError(String(err));
  }
}

/** Documents in the suppliers index, or null when search does not answer. */
export async function indexedSupplierSites(search: Search): Promise<number | null> {
  try {
    const stats = await search.client.index(search.uid("suppliers")).getStats();
    return stats.numberOfDocuments;
  } catch {
    return null;
  }
}
