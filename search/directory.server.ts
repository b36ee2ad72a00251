import { chinaDay } from "../app/domain/dates";
import type { Search } from "./client.server";
import { and, eq } from "./filter";
import { certValidOn, hectometres, kindsValidOn, plantHmField, type SupplierDocument } from "./settings";

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
  /** China's day of the search (YYYY-MM-DD; default: now): a certificate past its end date does not count. */
  today?: string;
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
  points: {
    supplier_id: string;
    name_zh: string;
    name_en: string | null;
    group: string | null;
    lat: number;
    lng: number;
  }[];
}

/** The filter clauses of a query, each named so a zero result can say which one emptied it. */
export function directoryFilters(query: DirectoryQuery): [FilterKey, string][] {
  const clauses: [FilterKey, string][] = [];
  if (query.category) clauses.push(["category", eq("category_codes", query.category)]);
  if (query.group) clauses.push(["group", eq("category_groups", query.group)]);
  if (query.city !== undefined) clauses.push(["city", eq("city_adcode", query.city)]);
  if (query.certification)
    clauses.push(["certification", certValidOn(query.certification, query.today ?? chinaDay(new Date()))]);
  if (query.verifiedOnly) clauses.push(["verified", eq("verification_status", "verified")]);
  if (query.geo) clauses.push(["radius", geoRadius(query.geo)]);
  return clauses;
}

/**
 * The plant's distance field (code checked against PLANT_CODE) and a finite radius: nothing
 * to quote. By the distance the page shows (to 100 m), so every site listed as 100.0 km is in.
 */
export function geoRadius(g: GeoScope): string {
  if (!Number.isFinite(g.radiusKm) || g.radiusKm < 0)
    throw new RangeError("radius must be a finite, non-negative number");
  return `${plantHmField(g.plantCode)} <= ${hectometres(g.radiusKm)}`;
}

/** The distance shown: the document's whole 100 m, in km (12.3). */
const km = (hm: unknown) => (typeof hm === "number" ? hm / 10 : null);

/** The supplier directory: text, facets, filters, distance from a plant. */
export async function searchDirectory(search: Search, query: DirectoryQuery): Promise<DirectoryResult> {
  const uid = search.uid("suppliers");
  const today = query.today ?? chinaDay(new Date());
  const clauses = directoryFilters({ ...query, today });
  const filter = and(...clauses.map(([, c]) => c));
  // Nearest first, the words narrowing only (the index ranks its sort before relevance);
  // ties at the same distance by supplier, so pages are stable.
  const sort = query.geo ? [`${plantHmField(query.geo.plantCode)}:asc`, "supplier_id:asc"] : undefined;
  const distanceField = query.geo ? plantHmField(query.geo.plantCode) : undefined;
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
            attributesToRetrieve: distanceField
              ? [...RETRIEVE, "cert_until", distanceField]
              : [...RETRIEVE, "cert_until"],
            facets: ["category_groups", "category_codes", "city_adcode", "certifications", "verification_status"],
          },
          {
            indexUid: uid,
            q: query.q,
            matchingStrategy: "all",
            filter,
            limit: 500,
            attributesToRetrieve: ["supplier_id", "name_zh", "name_en", "category_groups", "location"],
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
      hits: main!.hits.map(({ plant_hm, cert_until, ...h }) => ({
        ...(h as unknown as Omit<DirectoryHit, "distance_km">),
        // Only the certificates valid today: one may have expired since the document was written.
        certifications: kindsValidOn(
          (h.certifications as string[] | undefined) ?? [],
          cert_until as Record<string, number> | undefined,
          today,
        ),
        distance_km: query.geo ? km((plant_hm as Record<string, number> | undefined)?.[query.geo.plantCode]) : null,
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
        const groups = h.category_groups as string[] | undefined;
        return {
          supplier_id: h.supplier_id as string,
          name_zh: h.name_zh as string,
          name_en: (h.name_en as string | null | undefined) ?? null,
          group: groups?.[0] ?? null,
          lat: at.lat,
          lng: at.lng,
        };
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
