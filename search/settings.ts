import type { Settings } from "meilisearch";

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
      filterableAttributes: [
        "id",
        "supplier_id",
        "category_codes",
        "category_groups",
        "certifications",
        "city_adcode",
        "county_adcode",
        "verification_status",
        "nev_capable",
        "is_sample",
        "gh3",
        "gh4",
        "gh5",
        "_geo",
      ],
      sortableAttributes: ["_geo", "name_pinyin", "updated_at", "supplier_id"],
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
} as const;

export type IndexName = keyof typeof INDEXES;

/** Bump when the documents' shape changes: start-up then rebuilds the index from PostgreSQL. */
export const DOCUMENT_VERSION: Record<IndexName, number> = { suppliers: 2 };

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
  certifications: string[];
  processes: string[];
  city_adcode: number | null;
  county_adcode: number;
  verification_status: string;
  nev_capable: boolean;
  is_sample: boolean;
  site_label: string;
  updated_at: number;
  /** Geohash cells of the site at precisions 3, 4 and 5, for the ranking's ring filters. */
  gh3: string;
  gh4: string;
  gh5: string;
  _geo: { lat: number; lng: number };
}
