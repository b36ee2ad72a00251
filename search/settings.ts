import type { Settings } from "meilisearch";
import { certKindKey, dayNumber } from "../app/domain/certificates";
import type { SitePrecision, SiteStatus } from "../app/domain/vocabulary";

/** Filterable attributes matched for equality only (`=`, `IN`): no facet levels, no facet search. */
function equalityOnly(attributePatterns: string[]) {
  return { attributePatterns, features: { facetSearch: false, filter: { equality: true, comparison: false } } };
}

/** Filterable attributes also compared (`<=`, `>=`): Meilisearch keeps facet levels for them. */
function compared(attributePatterns: string[]) {
  return { attributePatterns, features: { facetSearch: false, filter: { equality: true, comparison: true } } };
}

/** The indexes Peitao keeps, by logical name; the uid adds the configured prefix. */
export const INDEXES = {
  suppliers: {
    primaryKey: "id",
    settings: {
      // One document per supplier site, so that distance is per site; results are
      // distinct per supplier.
      distinctAttribute: "supplier_id",
      searchableAttributes: [
        "name_zh",
        "name_en",
        "name_pinyin",
        "products_zh",
        "products_en",
        "processes",
        "category_names_zh",
        "category_names_en",
      ],
      // Granular (decision 020): only the distances and certificate end dates are compared
      // (`<=`, `>=`); the rest is matched for equality, so Meilisearch keeps no facet levels for
      // them, which it rebuilt in every indexing batch in proportion to the index.
      filterableAttributes: [
        equalityOnly([
          "supplier_id",
          "category_codes",
          "category_groups",
          "certifications",
          "city_adcode",
          "county_adcode",
          "verification_status",
          "nev_capable",
          "is_sample",
          // Operating status of the site: a closed one is filtered out of demand rankings.
          "site_status",
        ]),
        // Distance from each OEM plant in whole 100 m, computed at index time (decisions 008,
        // 021): `plant_hm.OEM01 <= 1000` filters the 100 km circle, `plant_hm.OEM01:asc` ranks
        // nearest first. No `_geo` field: Meilisearch rewrites its whole geo R-tree on every
        // indexing batch, which made every small change cost ~0.8 s at 100k sites. Rounded, so
        // a plant's field holds at most a few thousand distinct values instead of one a site,
        // whose facet levels Meilisearch rebuilt in every batch.
        // Each certification kind's latest end date (YYYYMMDD): a certification filter
        // compares it with the day of the search, so a certificate that expired after
        // the document was written no longer counts.
        compared(["plant_hm.*", "cert_until.*"]),
      ],
      sortableAttributes: ["plant_hm", "name_pinyin", "updated_at", "supplier_id"],
      // A query's sort (the distance from a plant) comes before text relevance: with a plant
      // chosen the directory lists nearest first and the words only narrow the results
      // (matchingStrategy "all": every word must still match). Without a sort the rule is a
      // no-op and relevance orders as before.
      rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness"],
      localizedAttributes: [
        { attributePatterns: ["name_zh", "products_zh", "category_names_zh"], locales: ["cmn"] },
        { attributePatterns: ["name_en", "name_pinyin", "products_en", "category_names_en"], locales: ["eng"] },
      ],
      faceting: { maxValuesPerFacet: 200 },
      // Indexing speed matters for the sync lag: word proximity per attribute (not per
      // word position) and no facet-value search, which the directory does not use.
      proximityPrecision: "byAttribute",
      facetSearch: false,
      pagination: { maxTotalHits: 10_000 },
    } satisfies Settings,
  },
  // The demand ranking's own copy of each site (decision 018): filters and sorts only, no
  // words. Nothing in it is searchable and prefix search is off, so an indexing batch builds
  // no word FST or prefix databases, whose rebuild grows with the directory's vocabulary;
  // a change reaches the ranking before the directory has re-tokenised it.
  // Only a supplier's nearest open site to a plant carries that plant's distance (decision
  // 021), so a ranking has one hit per supplier without a distinct attribute; the exact
  // distance (`plant_km`) is stored beside the rounded one, to be shown and to order the hits.
  ranking: {
    primaryKey: "id",
    settings: {
      // Explicitly none: settings are applied as a patch, and an index from before decision 021 had one.
      distinctAttribute: null,
      searchableAttributes: [],
      filterableAttributes: [
        // supplier_id: the outbox finds a supplier's vanished sites by it.
        equalityOnly(["supplier_id", "category_codes", "category_groups", "verification_status", "site_status"]),
        compared(["plant_hm.*", "cert_until.*"]),
      ],
      sortableAttributes: ["plant_hm"],
      rankingRules: ["sort"],
      prefixSearch: "disabled",
      proximityPrecision: "byAttribute",
      facetSearch: false,
      pagination: { maxTotalHits: 1_000 },
    } satisfies Settings,
  },
} as const;

export type IndexName = keyof typeof INDEXES;

/** Bump when the documents' shape changes: start-up then rebuilds the index from PostgreSQL. */
export const DOCUMENT_VERSION: Record<IndexName, number> = { suppliers: 8, ranking: 8 };

/** Plant codes become attribute names in filters (`plant_hm.<code>`): only these are allowed. */
export const PLANT_CODE = /^[A-Za-z0-9_]{1,40}$/;

/** The filter attribute holding a certification kind's latest end date (YYYYMMDD). */
export function certUntilField(kind: string): string {
  return `cert_until.${certKindKey(kind)}`;
}

/** A certification valid on `today` (YYYY-MM-DD): its kind's latest end date is not before it. */
export function certValidOn(kind: string, today: string): string {
  return `${certUntilField(kind)} >= ${dayNumber(today)}`;
}

/** The kinds among `kinds` whose end date in `until` is not before `today`. */
export function kindsValidOn(kinds: readonly string[], until: Record<string, number> | undefined, today: string) {
  // Documents written before cert_until existed: their kinds were valid when written.
  if (!until) return [...kinds];
  return kinds.filter((k) => (until[certKindKey(k)] ?? 0) >= dayNumber(today));
}

function plantCodeChecked(plantCode: string): string {
  if (!PLANT_CODE.test(plantCode))
    throw new RangeError(`plant code ${JSON.stringify(plantCode)} cannot be a search attribute`);
  return plantCode;
}

/** The filter/sort attribute holding the rounded distance (whole 100 m) from one plant; throws for an unsafe code. */
export function plantHmField(plantCode: string): string {
  return `plant_hm.${plantCodeChecked(plantCode)}`;
}

/** The ranking document's stored (not filterable) exact distance in km from one plant; throws for an unsafe code. */
export function plantKmField(plantCode: string): string {
  return `plant_km.${plantCodeChecked(plantCode)}`;
}

/** A distance in km as the indexes filter and sort it: whole 100 m, to the nearest (what the pages show, 12.3 km). */
export function hectometres(km: number): number {
  return Math.round(km * 10);
}

/** The document Meilisearch holds for one supplier site. */
export interface SupplierDocument {
  id: string;
  supplier_id: string;
  name_zh: string;
  name_en: string;
  name_pinyin: string;
  products_zh: string;
  products_en: string;
  category_codes: string[];
  category_groups: string[];
  category_names_zh: string[];
  category_names_en: string[];
  /** Certification kinds valid on the day the document was written (the facets count them). */
  certifications: string[];
  /** Each kind's latest end date as YYYYMMDD (99991231: none), keyed by certKindKey. */
  cert_until: Record<string, number>;
  processes: string[];
  city_adcode: number | null;
  county_adcode: number;
  verification_status: string;
  nev_capable: boolean;
  is_sample: boolean;
  site_label: string;
  /** The site's operating status (SITE_STATUSES). */
  site_status: SiteStatus;
  /** How well the site's point is known (SITE_PRECISIONS), and its ± in km. */
  site_precision: SitePrecision;
  precision_km: number | null;
  updated_at: number;
  /** Great-circle distance (haversine) from each plant, by plant code, in whole 100 m (`hectometres`). */
  plant_hm: Record<string, number>;
  /** The site's coordinates (WGS-84), for maps; not a Meilisearch geo field. */
  location: { lat: number; lng: number };
}

/** The fields of a site document the ranking index holds: what it filters, sorts and shows. */
export const RANKED_FIELDS = [
  "id",
  "supplier_id",
  "name_zh",
  "name_en",
  "verification_status",
  "certifications",
  "category_codes",
  "county_adcode",
  "city_adcode",
  "is_sample",
  "location",
  "site_status",
  "site_precision",
  "precision_km",
] as const satisfies readonly (keyof SupplierDocument)[];

/** The ranking document's fields: what a ranked hit shows, and what the ranking filters and sorts on. */
export const RANKING_FIELDS = [...RANKED_FIELDS, "category_groups", "cert_until", "plant_hm", "plant_km"] as const;

/**
 * A site's ranking document: its directory document without the words, and the distances
 * only from the plants to which it is its supplier's nearest open site (decision 021).
 */
export type RankingDocument = Pick<
  SupplierDocument,
  (typeof RANKED_FIELDS)[number] | "category_groups" | "cert_until"
> & {
  /** Rounded distance (whole 100 m) from each plant this site is its supplier's nearest open site to. */
  plant_hm: Record<string, number>;
  /** The same plants' exact distances in km (haversine): stored, shown and used to order hits, not filtered. */
  plant_km: Record<string, number>;
};

/**
 * The ranking documents of whole suppliers (every site of each, as `exactKm` holds them:
 * site id → plant code → exact km). For each supplier and plant, only the nearest site
 * that is not closed (ties: the smaller site id) carries that plant's distance, so a
 * ranking lists each supplier once, by that site, without Meilisearch's distinct attribute.
 */
export function rankingDocumentsOf(
  docs: readonly SupplierDocument[],
  exactKm: ReadonlyMap<string, Record<string, number>>,
): RankingDocument[] {
  const nearest = new Map<string, { site: string; km: number }>(); // `${supplier} ${plant}`
  for (const d of docs) {
    if (d.site_status === "closed") continue;
    for (const [plant, km] of Object.entries(exactKm.get(d.id) ?? {})) {
      const key = `${d.supplier_id} ${plant}`;
      const best = nearest.get(key);
      if (!best || km < best.km || (km === best.km && d.id < best.site)) nearest.set(key, { site: d.id, km });
    }
  }
  return docs.map((d) => {
    const out: Partial<Record<string, unknown>> = {};
    for (const f of RANKED_FIELDS) out[f] = d[f];
    out.category_groups = d.category_groups;
    out.cert_until = d.cert_until;
    const hm: Record<string, number> = {};
    const km: Record<string, number> = {};
    for (const [plant, exact] of Object.entries(exactKm.get(d.id) ?? {})) {
      if (nearest.get(`${d.supplier_id} ${plant}`)?.site !== d.id) continue;
      hm[plant] = hectometres(exact);
      km[plant] = exact;
    }
    out.plant_hm = hm;
    out.plant_km = km;
    return out as RankingDocument;
  });
}
