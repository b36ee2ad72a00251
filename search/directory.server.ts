import type { Search } from "./client.server";
import type { SupplierDocument } from "./settings";

export class SearchUnavailableError extends Error {}

export interface DirectoryQuery {
  q: string;
  page: number;
  perPage: number;
}

export interface DirectoryResult {
  total: number;
  page: number;
  perPage: number;
  hits: Pick<SupplierDocument, "supplier_id" | "name_zh" | "name_en" | "products_zh" | "products_en" | "verification_status" | "is_sample" | "county_adcode" | "category_codes">[];
}

/** Text search over supplier names, products and categories (zh, en, pinyin). */
export async function searchDirectory(search: Search, query: DirectoryQuery): Promise<DirectoryResult> {
  try {
    const res = await search.client.index<SupplierDocument>(search.uid("suppliers")).search(query.q, {
      page: query.page,
      hitsPerPage: query.perPage,
      attributesToRetrieve: ["supplier_id", "name_zh", "name_en", "products_zh", "products_en", "verification_status", "is_sample", "county_adcode", "category_codes"],
    });
    return { total: res.totalHits ?? 0, page: query.page, perPage: query.perPage, hits: res.hits };
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
