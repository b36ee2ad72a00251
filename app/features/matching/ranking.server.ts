import type { Demand } from "../../../db/demands.server";
import type { Search } from "../../../search/client.server";
import { SearchUnavailableError } from "../../../search/directory.server";
import { rankForDemand, type RankedHit } from "../../../search/ranking.server";
import { roundKm } from "../../domain/geo";
import type { SitePrecision, SiteStatus } from "../../domain/vocabulary";

export interface Reason {
  key: "why.category" | "why.group" | "why.certs" | "why.inside" | "why.outside";
  vars: Record<string, string | number>;
}

export interface RankedSupplier {
  supplier_id: string;
  name_zh: string;
  name_en: string;
  verification_status: string;
  is_sample: boolean;
  distance_km: number;
  inside_circle: boolean;
  matched_certifications: string[];
  location: { lat: number; lng: number };
  /** The ranked site's operating status: "under_construction" is marked (a closed site is never ranked). */
  site_status: SiteStatus;
  /** How well the ranked site's point is known, and its ± in km (null: none stated). */
  location_precision: SitePrecision;
  precision_km: number | null;
  reasons: Reason[];
}

function toRanked(demand: Demand, h: RankedHit): RankedSupplier {
  const inside = h.distance_km <= demand.radius_km;
  const km = roundKm(h.distance_km);
  const matched = demand.required_certs.filter((c) => h.certifications.includes(c));
  const reasons: Reason[] = [
    h.category_codes.includes(demand.category_code)
      ? { key: "why.category", vars: { code: demand.category_code } }
      : { key: "why.group", vars: { code: demand.category_group ?? "" } },
    ...(matched.length ? [{ key: "why.certs" as const, vars: { certs: matched.join(", ") } }] : []),
    { key: inside ? "why.inside" : "why.outside", vars: { km, r: demand.radius_km } },
  ];
  return {
    supplier_id: h.supplier_id,
    name_zh: h.name_zh,
    name_en: h.name_en,
    verification_status: h.verification_status,
    is_sample: h.is_sample,
    distance_km: km,
    inside_circle: inside,
    matched_certifications: matched,
    location: h.location,
    // Documents indexed before sites had a status or precision read as operating, exact.
    site_status: h.site_status ?? "operating",
    location_precision: h.site_precision ?? "exact",
    precision_km: h.precision_km ?? null,
    reasons,
  };
}

/** The ranked suppliers of a demand: inside the circle, and the nearest outside when too few. */
export async function rankDemand(search: Search, demand: Demand, minInside: number, limit = 50) {
  const result = await rankForDemand(
    search,
    {
      category: demand.category_code,
      group: demand.allow_group ? (demand.category_group ?? undefined) : undefined,
      requiredCerts: demand.required_certs,
    },
    { code: demand.plant_code },
    demand.radius_km,
    { limit, minInside },
  );
  return {
    inside: result.inside.map((h) => toRanked(demand, h)),
    outside: result.outside.map((h) => toRanked(demand, h)),
  };
}

export type DemandRanking = Awaited<ReturnType<typeof rankDemand>>;

/** The ranking, or null when search is down (the page says so, the API answers 503). */
export async function rankDemandOrDown(
  search: Search,
  demand: Demand,
  minInside: number,
  limit?: number,
): Promise<DemandRanking | null> {
  try {
    return await rankDemand(search, demand, minInside, limit);
  } catch (err) {
    if (err instanceof SearchUnavailableError || (err instanceof Error && err.name.startsWith("Meilisearch")))
      return null;
    throw err;
  }
}
